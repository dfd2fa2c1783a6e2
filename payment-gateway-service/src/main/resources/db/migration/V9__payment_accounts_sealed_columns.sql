-- The account a payment pays (a BNI account or an e-wallet phone) is kept sealed at rest like a link
-- request's (V6), in the payment, in each of its attempts and in each re-request's record of the
-- attempt it replaced, each bound to its table, column and row (SealedPayments); operators and
-- reconciliation mismatches read only the masked account. V10 (PaymentAccountSealing, in Java: it
-- needs the field key) seals the rows written before; V11 then drops the clear columns.
alter table payment
    add column account_number_sealed text,
    add column account_masked        text,
    alter column account_number drop not null;

alter table payment_attempt
    add column account_number_sealed text,
    add column account_masked        text,
    alter column account_number drop not null;

alter table payment_rerequest
    add column previous_account_number_sealed text,
    add column previous_account_masked        text,
    alter column previous_account_number drop not null;
