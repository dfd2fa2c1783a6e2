-- After V7 sealed every link request: the clear columns go. A row V7 did not seal stops the
-- migration here, before anything is dropped.
do $$
begin
    if exists (select 1 from account_link
               where account_number is not null or full_name is not null or registered_phone is not null
                  or account_number_sealed is null or full_name_sealed is null or registered_phone_sealed is null
                  or account_masked is null) then
        raise exception 'account_link holds rows that V7 (AccountLinkSealing) did not seal; nothing dropped';
    end if;
end $$;

alter table account_link
    drop column account_number,
    drop column full_name,
    drop column registered_phone,
    alter column account_number_sealed set not null,
    alter column full_name_sealed set not null,
    alter column registered_phone_sealed set not null,
    alter column account_masked set not null;
