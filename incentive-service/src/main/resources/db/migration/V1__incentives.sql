-- What the incentive service knows of a participant, built from registration, cohort and
-- training events. The NIK is sealed with this service's at-rest key; name, phone and e-mail
-- are kept for the partner's account check and for notices.
create table participant (
    participant_id      uuid primary key,
    nik_sealed          text,
    full_name           varchar(200),
    phone               varchar(30),
    email               varchar(320),
    province            varchar(2),
    wave_number         int,
    entitled_at         timestamptz,
    first_purchase_id   uuid,
    first_training_id   varchar(100),
    first_platform_code varchar(50),
    revoked_at          timestamptz,
    revocation_reason   varchar(60)
);
create index participant_entitled on participant (entitled_at) where entitled_at is not null;

-- Payout-account links. At most one active (PENDING or VERIFIED) link per participant: the
-- partial unique index refuses a second one whatever the requests' timing.
create table payout_account (
    link_id        uuid primary key,
    participant_id uuid         not null references participant,
    partner        varchar(10)  not null,
    account_number varchar(40)  not null,
    status         varchar(10)  not null check (status in ('PENDING', 'VERIFIED', 'REJECTED', 'UNLINKED')),
    reason_code    varchar(20),
    holder_masked  varchar(100),
    requested_at   timestamptz  not null,
    decided_at     timestamptz,
    unlinked_at    timestamptz
);
create unique index payout_account_one_active on payout_account (participant_id) where status in ('PENDING', 'VERIFIED');
create index payout_account_participant on payout_account (participant_id, requested_at);

create table payout_run (
    id                bigserial primary key,
    payout_date       timestamptz not null unique,
    status            varchar(20) not null check (status in ('AWAITING_APPROVAL', 'APPROVED', 'RUNNING', 'DONE')),
    approval_required boolean     not null,
    created_at        timestamptz not null,
    started_at        timestamptz,
    finished_at       timestamptz
);

create table payout_run_approval (
    run_id      bigint       not null references payout_run,
    operator    varchar(200) not null,
    approved_at timestamptz  not null,
    primary key (run_id, operator)
);

-- One row per tranche a participant is entitled to. instruction_id is deterministic
-- (participant, kind, sequence) and the partner's idempotency key: a tranche can be requested
-- again after a failure only under the same id, never as a second instruction.
create table tranche (
    instruction_id      varchar(80)  primary key,
    participant_id      uuid         not null references participant,
    kind                varchar(15)  not null check (kind in ('POST_TRAINING', 'SURVEY')),
    sequence            int          not null check (sequence between 1 and 4),
    amount              bigint       not null check (amount > 0),
    due_at              timestamptz  not null,
    status              varchar(10)  not null
        check (status in ('SCHEDULED', 'REQUESTED', 'PAID', 'FAILED', 'HELD', 'CANCELLED')),
    created_at          timestamptz  not null,
    requested_at        timestamptz,
    request_count       int          not null default 0,
    link_id             uuid,
    partner             varchar(10),
    run_id              bigint references payout_run,
    paid_at             timestamptz,
    partner_reference   varchar(100),
    failed_at           timestamptz,
    failure_reason      varchar(40),
    retry_after_account boolean,
    held_reason         varchar(200),
    unique (participant_id, kind, sequence)
);
create index tranche_open on tranche (due_at) where status in ('SCHEDULED', 'FAILED');
create index tranche_run on tranche (run_id, status);

-- Messages to a participant, recorded where the cause happens (often inside a consumer) and
-- sent by a leased worker; the dedupe key makes a redelivered cause record nothing new.
create table notification_intent (
    id            uuid primary key,
    participant_id uuid         not null,
    channel       varchar(5)   not null check (channel in ('SMS', 'EMAIL')),
    dedupe_key    varchar(200) not null,
    subject       varchar(300),
    body          text         not null,
    send_after    timestamptz  not null,
    attempts      int          not null default 0,
    sent_at       timestamptz,
    unique (channel, dedupe_key)
);
create index notification_intent_due on notification_intent (send_after) where sent_at is null;
