-- The outbox relay sends outside any transaction and backs a failing row off; a row that can
-- never be sent is parked for an operator instead of blocking every later row.
alter table outbox_message
    add column available_at    timestamptz not null default now(), -- backing off until then
    add column attempts        int         not null default 0,
    add column last_error      text,
    add column parked_at       timestamptz,
    add column discarded_at    timestamptz,
    add column resolved_by     varchar(200),
    add column resolution_note text;

drop index outbox_message_unpublished;
create index outbox_message_pending on outbox_message (id) where published_at is null and parked_at is null;
create index outbox_message_published_at on outbox_message (published_at) where published_at is not null;
create index outbox_message_parked on outbox_message (parked_at) where parked_at is not null and discarded_at is null;

-- bounded purges walk the inbox by age
create index inbox_message_processed_at on inbox_message (processed_at);

-- Short leases for work that one replica at a time should do (the outbox relay, housekeeping).
create table platform_lease (
    name        varchar(100) primary key,
    holder      varchar(200) not null,
    held_until  timestamptz  not null
);
