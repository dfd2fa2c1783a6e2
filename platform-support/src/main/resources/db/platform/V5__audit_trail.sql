-- Every state-changing operator call on /admin/** (POST, PUT, PATCH, DELETE), refused ones
-- included: who (the token's subject and roles), when, what (method, path, target), the state
-- before and after where the service knows it, the reason given, and the HTTP status it ended
-- with. Append-only: the triggers below refuse UPDATE, DELETE and TRUNCATE, so no code path (and
-- no operator with a database client but without the owner's rights to drop a trigger) can
-- rewrite what happened.
create table audit_entry (
    id             bigserial    primary key,
    recorded_at    timestamptz  not null,
    operator       varchar(200) not null,
    roles          varchar(200) not null,
    method         varchar(10)  not null,
    path           varchar(500) not null,
    target         varchar(200),
    participant_id uuid,
    action         varchar(100),
    before_state   jsonb,
    after_state    jsonb,
    reason         varchar(500),
    outcome        int          not null
);
create index audit_entry_recorded on audit_entry (recorded_at, id);
create index audit_entry_operator on audit_entry (operator, recorded_at);
create index audit_entry_target on audit_entry (target, recorded_at);

create function audit_entry_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_entry_no_change before update or delete on audit_entry
    for each row execute function audit_entry_append_only();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_entry_append_only();
