-- Each settlement reconciliation the payment gateway announced (SettlementReconciled): per
-- partner and business day (Jakarta), paid according to the gateway and according to the
-- partner's report, and the mismatches. Every run is kept; the money report shows, for each
-- partner and day, the last run at or before its instant.
create table settlement_run (
    event_id                     uuid primary key,
    partner                      varchar(16) not null,
    business_day                 date not null,
    reconciled_at                timestamptz not null,
    report_lines                 integer not null,
    our_payments                 integer not null,
    paid_here_count              bigint not null,
    paid_here_rupiah             bigint not null,
    paid_there_count             bigint not null,
    paid_there_rupiah            bigint not null,
    matched_count                bigint not null,
    matched_rupiah               bigint not null,
    paid_there_not_here_count    bigint not null,
    paid_there_not_here_rupiah   bigint not null,
    here_not_there_count         bigint not null,
    here_not_there_rupiah        bigint not null,
    amount_differs_count         bigint not null,
    amount_differs_rupiah        bigint not null,
    account_differs_count        bigint not null,
    account_differs_rupiah       bigint not null,
    status_differs_count         bigint not null,
    status_differs_rupiah        bigint not null,
    settled_from_report_count    bigint not null,
    settled_from_report_rupiah   bigint not null
);
create index settlement_run_latest on settlement_run (partner, business_day, reconciled_at desc);
