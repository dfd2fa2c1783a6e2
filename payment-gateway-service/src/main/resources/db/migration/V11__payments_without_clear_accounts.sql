-- After V10 sealed the account of every payment, attempt and re-request: the clear columns go. A
-- row V10 did not seal stops the migration here, before anything is dropped.
do $$
begin
    if exists (select 1 from payment
               where account_number is not null or account_number_sealed is null or account_masked is null) then
        raise exception 'payment holds rows that V10 (PaymentAccountSealing) did not seal; nothing dropped';
    end if;
    if exists (select 1 from payment_attempt
               where account_number is not null or account_number_sealed is null or account_masked is null) then
        raise exception 'payment_attempt holds rows that V10 (PaymentAccountSealing) did not seal; nothing dropped';
    end if;
    if exists (select 1 from payment_rerequest
               where previous_account_number is not null or previous_account_number_sealed is null
                  or previous_account_masked is null) then
        raise exception 'payment_rerequest holds rows that V10 (PaymentAccountSealing) did not seal; nothing dropped';
    end if;
end $$;

alter table payment
    drop column account_number,
    alter column account_number_sealed set not null,
    alter column account_masked set not null;

alter table payment_attempt
    drop column account_number,
    alter column account_number_sealed set not null,
    alter column account_masked set not null;

alter table payment_rerequest
    drop column previous_account_number,
    alter column previous_account_number_sealed set not null,
    alter column previous_account_masked set not null;
