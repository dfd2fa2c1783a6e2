-- The eight digital platforms of 2020; their trainings come from each platform's catalogue feed.
alter table training add column feed_price bigint;

insert into platform (code, name) values
    ('TOKOPEDIA', 'Tokopedia'),
    ('BUKALAPAK', 'Bukalapak'),
    ('SKILL_ACADEMY', 'Skill Academy by Ruangguru'),
    ('PINTARIA', 'Pintaria'),
    ('SEKOLAHMU', 'Sekolahmu'),
    ('PIJAR_MAHIR', 'Pijar Mahir'),
    ('MAUBELAJARAPA', 'MauBelajarApa'),
    ('SISNAKER', 'Sisnaker Kemnaker');
