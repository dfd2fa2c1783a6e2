-- Four eyes on money (architecture rule 9). A change that moves money (a setting of the payout
-- runs, an operator's retry of a failed tranche, the release of a held one) is first asked for by
-- one operator (PAYOUT_MAKER) and applied only when a different one (PAYOUT_CHECKER) approves it.
-- At most one pending request per setting or tranche; the check refuses, in the database too, a
-- request applied by the operator who asked for it.
create table change_request (
    id              bigserial    primary key,
    kind            varchar(30)  not null
        check (kind in ('APPROVAL_REQUIRED', 'BUDGET', 'MAX_PER_PARTICIPANT', 'TRANCHE_RETRY', 'TRANCHE_RELEASE')),
    target          varchar(80)  not null,
    participant_id  uuid,
    current_value   varchar(200),
    requested_value varchar(200),
    reason          varchar(300),
    status          varchar(10)  not null check (status in ('PENDING', 'APPLIED', 'REJECTED')),
    requested_by    varchar(200) not null,
    requested_at    timestamptz  not null,
    decided_by      varchar(200),
    decided_at      timestamptz,
    decision_note   varchar(300),
    check (status = 'PENDING' or (decided_by is not null and decided_at is not null)),
    check (status <> 'APPLIED' or decided_by <> requested_by)
);
create unique index change_request_one_pending on change_request (kind, target) where status = 'PENDING';
create index change_request_listed on change_request (status, requested_at);

-- A payout run is approved in two steps by two operators: the maker approves the preview, which
-- pins the tranches it showed (payout_run_tranche) with their count and total; the checker then
-- approves that. The run requests nothing beyond the pinned tranches: what became due after the
-- preview waits for the next run.
alter table payout_run_approval add column role varchar(10) check (role in ('MAKER', 'CHECKER'));
create unique index payout_run_approval_one_per_role on payout_run_approval (run_id, role);
alter table payout_run
    add column pinned_count  bigint,
    add column pinned_amount bigint,
    add column pinned_at     timestamptz;
create table payout_run_tranche (
    run_id         bigint      not null references payout_run,
    instruction_id varchar(80) not null references tranche,
    taken_at       timestamptz,
    primary key (run_id, instruction_id)
);

-- a run half-approved under the old rule (any two operators, nothing pinned) starts over
delete from payout_run_approval
 where run_id in (select id from payout_run where status = 'AWAITING_APPROVAL');
