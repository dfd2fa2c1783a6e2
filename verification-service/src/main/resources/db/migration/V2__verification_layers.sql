-- The four layers: attempts and last reason per layer, the review queue, and the schedule of
-- checks by outside parties (Dukcapil, face match).
alter table verification_case
    add column email_attempts int          not null default 0,
    add column email_reason   varchar(60),
    add column nik_attempts   int          not null default 0,
    add column nik_reason     varchar(60),
    add column phone_attempts int          not null default 0,
    add column phone_reason   varchar(60),
    add column kyc_attempts   int          not null default 0,
    add column kyc_reason     varchar(60),
    add column review_layer   varchar(10),
    add column review_reason  varchar(60),
    add column review_since   timestamptz,
    add column check_due_at   timestamptz,
    add column check_waits    int          not null default 0,
    add column decided_at     timestamptz,
    add column decided_by     varchar(100);

-- the worker looks only at cases with a check due; the queue only at cases in review
create index verification_case_check_due on verification_case (check_due_at) where check_due_at is not null;
create index verification_case_review on verification_case (review_since) where status = 'IN_REVIEW';

-- One-time codes of the e-mail and phone layers: only a keyed hash of the code is kept.
create table verification_code (
    id             uuid primary key,
    participant_id uuid         not null,
    layer          varchar(10)  not null,
    destination    varchar(254) not null,
    code_hash      varchar(64)  not null,
    created_at     timestamptz  not null,
    expires_at     timestamptz  not null,
    entries        int          not null default 0,
    used_at        timestamptz
);
create index verification_code_latest on verification_code (participant_id, layer, created_at desc);

-- Every decided attempt and every operator decision: the case history and the counts per reason.
create table verification_attempt (
    id             bigserial primary key,
    participant_id uuid         not null,
    layer          varchar(10)  not null,
    attempt        int          not null,
    outcome        varchar(20)  not null,
    reason_code    varchar(60),
    detail         varchar(500),
    decided_by     varchar(100),
    decided_at     timestamptz  not null
);
create index verification_attempt_case on verification_attempt (participant_id, id);
create index verification_attempt_reason on verification_attempt (layer, outcome, reason_code);

-- KTP photo and selfie of each KYC attempt, sealed with the at-rest key; kept for the operator
-- who reviews the case.
create table kyc_evidence (
    participant_id uuid        not null,
    attempt        int         not null,
    ktp_photo      bytea       not null,
    ktp_type       varchar(20) not null,
    selfie         bytea       not null,
    selfie_type    varchar(20) not null,
    uploaded_at    timestamptz not null,
    primary key (participant_id, attempt)
);
