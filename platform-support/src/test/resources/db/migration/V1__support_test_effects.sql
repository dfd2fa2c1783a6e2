-- The test service's only state: one row per time its handler ran. Not idempotent on
-- purpose, so only the inbox can keep a duplicate delivery from adding a second row.
create table support_test_effect (
    id         bigserial primary key,
    event_id   uuid        not null,
    message_key varchar(100) not null,
    handled_by varchar(200) not null,
    applied_at timestamptz not null default now()
);
create index support_test_effect_event on support_test_effect (event_id);
