-- One row per disbursement instruction: the instruction id is the payment's id, and
-- partner_reference_no (derived from it deterministically) is the partner's idempotency key.
create table payment (
    instruction_id        text primary key,
    participant_id        uuid not null,
    correlation_id        uuid not null,
    request_event_id      uuid not null,
    partner               text not null,
    kind                  text not null,
    sequence              int not null,
    amount                bigint not null check (amount > 0),
    account_number        text not null,
    content_hash          text not null,
    -- a retry an operator orders after a definite failure pays under a new reference (attempt 2, 3, ...)
    attempt               int not null default 1,
    partner_reference_no  text not null unique,
    status                text not null,
    reason_code           text,
    partner_reference     text,
    last_raw_code         text,
    sends                 int not null default 0,
    inquiries             int not null default 0,
    due_at                timestamptz not null,
    created_at            timestamptz not null,
    updated_at            timestamptz not null,
    finished_at           timestamptz,
    version               bigint not null default 0
);
create index payment_due_to_send on payment (partner, due_at) where status = 'RECEIVED';
create index payment_due_to_settle on payment (partner, due_at) where status in ('SENDING', 'UNKNOWN', 'PENDING_AT_PARTNER');
create index payment_by_status on payment (status, partner);
create index payment_by_day on payment (partner, created_at);

-- Every state change, with its cause and the partner's raw answer.
create table payment_transition (
    id              bigserial primary key,
    instruction_id  text not null references payment (instruction_id),
    from_status     text,
    to_status       text not null,
    cause           text not null,
    raw_code        text,
    at              timestamptz not null
);
create index payment_transition_by_payment on payment_transition (instruction_id, id);

-- A request that reused an instruction id with other content: refused, never paid, kept for operators.
create table payment_conflict (
    id               bigserial primary key,
    instruction_id   text not null,
    event_id         uuid not null,
    content_hash     text not null,
    detail           text not null,
    received_at      timestamptz not null
);

-- Replay protection of partner callbacks: X-EXTERNAL-ID is unique per partner and day.
create table payment_callback_receipt (
    partner      text not null,
    day          date not null,
    external_id  text not null,
    body_hash    text not null,
    received_at  timestamptz not null,
    primary key (partner, day, external_id)
);

-- Payout-account link requests and their verification.
create table account_link (
    link_id            uuid primary key,
    participant_id     uuid not null,
    correlation_id     uuid not null,
    request_event_id   uuid not null,
    partner            text not null,
    account_number     text not null,
    nik_sealed         text not null,
    full_name          text not null,
    registered_phone   text not null,
    status             text not null,
    reason_code        text,
    holder_masked      text,
    name_score         int,
    name_comparison    text,
    partner_raw_code   text,
    attempts           int not null default 0,
    due_at             timestamptz not null,
    created_at         timestamptz not null,
    decided_at         timestamptz
);
create index account_link_due on account_link (due_at) where status = 'PENDING';

-- Settlement reconciliation: one run per partner and day, its mismatches.
create table reconciliation_run (
    partner        text not null,
    day            date not null,
    ran_at         timestamptz not null,
    report_lines   int not null,
    our_payments   int not null,
    matched        int not null,
    mismatches     int not null,
    settled        int not null,
    primary key (partner, day)
);

create table reconciliation_mismatch (
    id                   bigserial primary key,
    partner              text not null,
    day                  date not null,
    partner_reference_no text not null,
    instruction_id       text,
    kind                 text not null,
    ours                 text,
    theirs               text,
    action               text not null,
    found_at             timestamptz not null
);
create index reconciliation_mismatch_by_day on reconciliation_mismatch (partner, day);
