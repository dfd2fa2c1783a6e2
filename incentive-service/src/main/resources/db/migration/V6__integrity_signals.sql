-- The payout account's keyed hash (blind index of partner and account number or e-wallet phone):
-- links of different participants to the same account are found through it, never by reading
-- account numbers. Existing links get theirs from V7 (the key is the service's, not the database's).
alter table payout_account add column account_index varchar(64);

-- Integrity signals: something about a participant that must be looked at before they are paid.
-- SHARED_PAYOUT_ACCOUNT: one payout account linked by more than one participant; its subject is the
-- account's blind index, unique per kind, so an account has one signal however many link it and
-- however concurrently (the link takes an advisory lock on the index as well).
create table integrity_signal (
    id         bigserial    primary key,
    kind       varchar(30)  not null check (kind in ('SHARED_PAYOUT_ACCOUNT')),
    subject    varchar(64)  not null,
    partner    varchar(10),
    status     varchar(10)  not null check (status in ('OPEN', 'DECIDED')),
    raised_at  timestamptz  not null,
    updated_at timestamptz  not null,
    unique (kind, subject)
);
create index integrity_signal_listed on integrity_signal (status, raised_at);

-- Everyone a signal involves, with the link that brought them in and what two operators decided:
-- OPEN (held while the service holds payment), CLEARED (paid again) or CONFIRMED (held for good;
-- registration revokes them).
create table integrity_signal_participant (
    signal_id      bigint       not null references integrity_signal,
    participant_id uuid         not null references participant,
    link_id        uuid         not null references payout_account,
    joined_at      timestamptz  not null,
    decision       varchar(10)  not null check (decision in ('OPEN', 'CLEARED', 'CONFIRMED')),
    decided_by     varchar(450),
    decided_at     timestamptz,
    decision_note  varchar(300),
    primary key (signal_id, participant_id),
    check (decision = 'OPEN' or (decided_by is not null and decided_at is not null))
);
create index integrity_signal_participant_holding on integrity_signal_participant (participant_id)
    where decision in ('OPEN', 'CONFIRMED');

-- clearing or confirming a participant of a signal takes four eyes like every change that moves money
alter table change_request drop constraint change_request_kind_check;
alter table change_request add constraint change_request_kind_check
    check (kind in ('APPROVAL_REQUIRED', 'BUDGET', 'MAX_PER_PARTICIPANT', 'TRANCHE_RETRY', 'TRANCHE_RELEASE',
                    'INTEGRITY_CLEAR', 'INTEGRITY_CONFIRM'));
