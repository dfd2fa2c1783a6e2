-- A link request's account number (BNI account or e-wallet phone), full name and registered phone
-- are kept sealed at rest like its NIK (nik_sealed), each bound to its column and link
-- (SealedAccountLinks), and operators read only the masked account. V7 (AccountLinkSealing, in
-- Java: it needs the field key) seals the rows written before and masks the names in their
-- comparisons; V8 then drops the clear columns.
alter table account_link
    add column account_number_sealed   text,
    add column full_name_sealed        text,
    add column registered_phone_sealed text,
    add column account_masked          text,
    alter column account_number drop not null,
    alter column full_name drop not null,
    alter column registered_phone drop not null;
