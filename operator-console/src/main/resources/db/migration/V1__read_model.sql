-- The operators' read model, built only from events. Every milestone keeps the time of the
-- event that reached it (occurredAt), so any count can be taken "as of" an instant. No NIK,
-- name, phone, e-mail or account number is kept: only the participant id and the province.

create table participant_progress (
    participant_id        uuid primary key,
    province              varchar(2),
    regency               varchar(4),
    registered_at         timestamptz,
    email_passed_at       timestamptz,
    nik_passed_at         timestamptz,
    phone_passed_at       timestamptz,
    kyc_passed_at         timestamptz,
    verified_at           timestamptz,
    rejected_at           timestamptz,
    rejection_reason      varchar(64),
    last_failure_layer    varchar(16),
    last_failure_reason   varchar(64),
    in_review_since       timestamptz,
    wave_number           integer,
    joined_wave_at        timestamptz,
    selected_at           timestamptz,
    not_selected_at       timestamptz,
    first_purchase_at     timestamptz,
    first_completed_at    timestamptz,
    first_rated_at        timestamptz,
    reconciled_at         timestamptz,
    account_partner       varchar(16),
    account_linked_at     timestamptz,
    account_verified_at   timestamptz,
    account_rejected_at   timestamptz,
    account_rejection     varchar(32),
    tranche_1_paid_at     timestamptz,
    tranche_2_paid_at     timestamptz,
    tranche_3_paid_at     timestamptz,
    tranche_4_paid_at     timestamptz,
    survey_1_paid_at      timestamptz,
    survey_2_paid_at      timestamptz,
    survey_3_paid_at      timestamptz,
    revoked_at            timestamptz,
    revocation_reason     varchar(64),
    last_event_at         timestamptz not null
);
create index participant_progress_wave on participant_progress (wave_number);
create index participant_progress_province on participant_progress (province);

-- every event about a participant, for the timeline; detail holds only non-personal fields
create table participant_event (
    event_id        uuid primary key,
    participant_id  uuid not null,
    occurred_at     timestamptz not null,
    topic           varchar(64) not null,
    type            varchar(64) not null,
    detail          text not null
);
create index participant_event_timeline on participant_event (participant_id, occurred_at, event_id);

-- one row per incentive instruction; requested and outcome may arrive in either order (two topics)
create table disbursement (
    instruction_id  varchar(128) primary key,
    participant_id  uuid not null,
    kind            varchar(16) not null,
    sequence        integer not null,
    amount          bigint,
    partner         varchar(16),
    entitled_at     timestamptz,
    requested_at    timestamptz,
    paid_at         timestamptz,
    failed_at       timestamptz,
    failure_reason  varchar(64),
    unknown_since   timestamptz
);
create index disbursement_participant on disbursement (participant_id);

-- training balance movements (issued on selection, spent on purchase, forfeited), by event
create table balance_movement (
    event_id        uuid primary key,
    participant_id  uuid not null,
    movement        varchar(16) not null,
    amount          bigint not null,
    platform_code   varchar(64),
    occurred_at     timestamptz not null
);

create table wave (
    wave_number  integer primary key,
    quota        bigint not null,
    opened_at    timestamptz,
    closed_at    timestamptz
);

-- what the console itself has seen of each service (events per topic and type)
create table topic_position (
    topic          varchar(64) not null,
    type           varchar(64) not null,
    events         bigint not null,
    last_event_at  timestamptz not null,
    primary key (topic, type)
);

-- a rebuild moves the generation on; every replica stops, one wipes and rewinds, all restart
create table read_model_state (
    id                   integer primary key check (id = 1),
    generation           integer not null,
    rebuilding           boolean not null,
    rebuild_requested_at timestamptz,
    rebuilt_at           timestamptz
);
insert into read_model_state (id, generation, rebuilding) values (1, 1, false);
