-- Every attempt of an instruction keeps its own partner reference, account and the times it was
-- sent, so that a status inquiry of every earlier reference and the partners' settlement reports
-- can be matched against every attempt, not only the current one.
create table payment_attempt (
    instruction_id        text not null,
    attempt               int not null,
    partner_reference_no  text not null unique,
    partner               text not null,
    account_number        text not null,
    amount                bigint not null,
    request_event_id      uuid not null,
    -- the first and last time a transfer under this reference left for the partner (null: never sent)
    first_sent_at         timestamptz,
    last_sent_at          timestamptz,
    -- what is known of this reference at the partner: null while the attempt is current, then
    -- CREDITED or NOT_CREDITED once an inquiry, an answer or a settlement report showed it
    settled_as            text check (settled_as in ('CREDITED', 'NOT_CREDITED')),
    created_at            timestamptz not null,
    primary key (instruction_id, attempt)
);
create index payment_attempt_sent on payment_attempt (partner, last_sent_at);

-- earlier attempts, from the re-requests that replaced them (they failed, definitely, then)
insert into payment_attempt (instruction_id, attempt, partner_reference_no, partner, account_number, amount,
        request_event_id, first_sent_at, last_sent_at, settled_as, created_at)
select r.instruction_id, r.attempt - 1, r.previous_reference_no, r.previous_partner, r.previous_account_number, p.amount,
       r.previous_event_id, p.created_at, r.received_at, 'NOT_CREDITED', p.created_at
  from payment_rerequest r join payment p on p.instruction_id = r.instruction_id
on conflict do nothing;

-- current attempts
insert into payment_attempt (instruction_id, attempt, partner_reference_no, partner, account_number, amount,
        request_event_id, first_sent_at, last_sent_at, created_at)
select instruction_id, attempt, partner_reference_no, partner, account_number, amount, request_event_id,
       case when sends > 0 then created_at end, case when sends > 0 then updated_at end, created_at
  from payment
on conflict do nothing;

-- An attempt was ambiguous (a timeout, a 5xx, an unreadable answer, a sender that died mid-call):
-- from then on a refusal proves nothing about earlier transfers until every reference is shown
-- uncredited. IN_DOUBT holds such a refusal while that is checked.
alter table payment add column ever_ambiguous boolean not null default false;
update payment p set ever_ambiguous = true
 where exists (select 1 from payment_transition t where t.instruction_id = p.instruction_id and t.to_status = 'UNKNOWN');

-- A settlement report showed an earlier reference paid: nothing more is sent for this instruction.
alter table payment add column blocked_reason text;

drop index payment_due_to_settle;
create index payment_due_to_settle on payment (partner, due_at)
    where status in ('SENDING', 'UNKNOWN', 'PENDING_AT_PARTNER', 'IN_DOUBT');
drop index payment_due_to_send;
create index payment_due_to_send on payment (partner, due_at) where status = 'RECEIVED' and blocked_reason is null;

-- Partner notifications: the signature covers method, path, body and timestamp but not the external
-- id, so a receipt is keyed on what it covers. A captured notification replayed with a new external
-- id, or after midnight, finds its receipt.
alter table payment_callback_receipt add column signed_digest text;
update payment_callback_receipt set signed_digest = 'legacy:' || day || ':' || external_id where signed_digest is null;
alter table payment_callback_receipt alter column signed_digest set not null;
create unique index payment_callback_receipt_signed on payment_callback_receipt (partner, signed_digest);
