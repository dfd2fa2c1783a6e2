-- A notice that can never be sent (its participant revoked, its survey answered, no contact for its
-- channel after many tries) is retired with the reason, rather than tried again forever: the claim
-- skips it, and no longer reads past a growing set of such notices.
alter table notification_intent add column retired_at timestamptz;
alter table notification_intent add column retired_reason varchar(30);

drop index notification_intent_due;
create index notification_intent_due on notification_intent (send_after) where sent_at is null and retired_at is null;
