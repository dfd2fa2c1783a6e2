-- A payment that failed for an account reason (closed, blocked, unknown account, limit, name) is
-- paid again when the incentive service requests the same tranche once the participant's new
-- account is verified: one row per such request, with what the attempt before it held.
create table payment_rerequest (
    event_id                 uuid primary key,
    instruction_id           text not null references payment (instruction_id),
    attempt                  int not null,
    previous_event_id        uuid not null,
    previous_partner         text not null,
    previous_account_number  text not null,
    previous_reference_no    text not null,
    previous_reason_code     text not null,
    received_at              timestamptz not null
);
create index payment_rerequest_by_payment on payment_rerequest (instruction_id);
create index payment_conflict_by_payment on payment_conflict (instruction_id);
