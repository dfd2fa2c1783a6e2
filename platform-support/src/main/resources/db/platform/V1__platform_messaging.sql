-- Tables every service has, owned by platform-support and migrated with their own
-- history table (platform_schema_history) so service migrations keep their own numbering.

-- Transactional outbox: written in the same transaction as the state change it announces.
create table outbox_message (
    id           bigserial primary key,
    event_id     uuid         not null unique,
    topic        varchar(200) not null,
    message_key  varchar(100) not null,
    event_type   varchar(100) not null,
    payload      bytea        not null,
    created_at   timestamptz  not null default now(),
    published_at timestamptz
);
create index outbox_message_unpublished on outbox_message (id) where published_at is null;

-- Idempotent consumer: one row per (consumer, event) written with the effect.
create table inbox_message (
    consumer     varchar(100) not null,
    event_id     uuid         not null,
    event_type   varchar(100) not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);

-- Messages a consumer could not process after bounded retries.
create table dead_letter (
    id                 uuid primary key,
    original_topic     varchar(200) not null,
    original_partition int          not null,
    original_offset    bigint       not null,
    message_key        varchar(200),
    event_id           uuid,
    event_type         varchar(100),
    payload            bytea        not null,
    error_class        varchar(300),
    error_message      text,
    status             varchar(20)  not null,
    recorded_at        timestamptz  not null,
    resolved_at        timestamptz,
    resolved_by        varchar(200),
    resolution_note    text,
    unique (original_topic, original_partition, original_offset)
);
create index dead_letter_status on dead_letter (status, recorded_at);

-- Replay protection for signed partner webhooks.
create table webhook_receipt (
    partner_id  varchar(50)  not null,
    signature   varchar(200) not null,
    received_at timestamptz  not null,
    primary key (partner_id, signature)
);
create index webhook_receipt_received_at on webhook_receipt (received_at);
