alter table participant add column in_formal_education boolean not null default false;
alter table participant add column public_office varchar(40) not null default 'NONE';

-- NIKs that may not register again (revoked for missing the first-purchase deadline)
create table banned_nik (
    nik_hash       varchar(64)  primary key,
    participant_id uuid         not null,
    reason         varchar(60)  not null,
    banned_at      timestamptz  not null
);

alter table participant add column status_changed_at timestamptz;
update participant set status_changed_at = registered_at;
alter table participant alter column status_changed_at set not null;
