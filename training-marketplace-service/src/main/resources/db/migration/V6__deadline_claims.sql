-- The deadline jobs claim what they remind of on the row itself, so replicas take disjoint rows
-- (FOR UPDATE SKIP LOCKED, and the claimed row no longer qualifies): the nearest reminder before the
-- first-purchase deadline already recorded, and the voucher-expiry reminder.
alter table participant add column deadline_reminded_before interval;
alter table purchase add column expiry_reminded_at timestamptz;

-- reminders recorded before this migration count as claimed (key: deadline-reminder:<ISO duration>:<id>:sms)
update participant p set deadline_reminded_before = r.before
  from (select participant_id, min(split_part(dedupe_key, ':', 2)::interval) as before
          from notification where dedupe_key like 'deadline-reminder:%:sms' group by participant_id) r
 where r.participant_id = p.id;
update purchase pu set expiry_reminded_at = n.due_at
  from notification n
 where pu.status = 'RESERVED' and n.dedupe_key = 'voucher-expiring:' || pu.id || ':sms';

-- revoked participants whose balance is still open: returned to the programme by the deadline jobs
create index participant_revoked_open on participant (revoked_at)
    where revoked_at is not null and closed_at is null and selected_at is not null;

-- a first purchase counts once redeemed: a mark left by a purchase whose voucher lapsed or was voided
-- no longer counts (the participant is under the first-purchase deadline again; past it, forfeited)
update participant pa set first_purchased_at = null
 where pa.first_purchased_at is not null and pa.closed_at is null
   and not exists (select 1 from purchase pu where pu.participant_id = pa.id and pu.status not in ('EXPIRED', 'VOIDED'));
