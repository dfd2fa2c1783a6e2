-- Operators may switch payout-run approval on or off at run time; without a row the
-- configured default (prakerja.incentive.runs.approval-required) applies.
create table payout_setting (
    name       varchar(50)  primary key,
    value      varchar(200) not null,
    changed_by varchar(200) not null,
    changed_at timestamptz  not null
);
