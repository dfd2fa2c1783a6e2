-- Every report of a training platform that was refused (and so changed nothing), kept for operators:
-- a purchase whose completion was refused cannot reconcile, and the refusal says why.
create table platform_report_refusal (
    id                  bigserial primary key,
    platform_code       varchar(40) not null,
    report              varchar(12) not null check (report in ('REDEMPTION', 'PROGRESS', 'COMPLETION')),
    voucher_code        varchar(20) not null,
    -- the purchase the voucher belongs to; null when no purchase has that voucher
    purchase_id         uuid references purchase (id),
    reason              varchar(60) not null,
    certificate_number  varchar(100),
    event_id            varchar(100),
    refused_at          timestamptz not null
);
create index platform_report_refusal_purchase on platform_report_refusal (purchase_id, refused_at);
create index platform_report_refusal_at on platform_report_refusal (refused_at);
