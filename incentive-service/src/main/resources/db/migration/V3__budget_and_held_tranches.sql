-- The money committed to incentives (requested or paid, less what the partner refused), kept in
-- one row beside the tranches: a payout batch checks the budget under this row's lock without
-- summing every tranche, so two runners can never both spend the last of the budget.
create table budget_commitment (
    id        smallint primary key default 1 check (id = 1),
    committed bigint   not null check (committed >= 0)
);
insert into budget_commitment (committed)
select coalesce(sum(amount), 0) from tranche where status in ('REQUESTED', 'PAID');

-- A tranche the guard held, and what an operator decided about it (released to the schedule or
-- cancelled), with who decided and why.
alter table tranche
    add column held_at         timestamptz,
    add column resolved_by     varchar(200),
    add column resolved_at     timestamptz,
    add column resolution_note varchar(300);

-- A run stops when the next tranche would pass the incentive budget; raising the budget resumes it.
alter table payout_run drop constraint payout_run_status_check;
alter table payout_run add constraint payout_run_status_check
    check (status in ('AWAITING_APPROVAL', 'APPROVED', 'RUNNING', 'DONE', 'OVER_BUDGET'));
