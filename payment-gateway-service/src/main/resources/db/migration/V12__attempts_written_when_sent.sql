-- An attempt's row is written by the claim that first sends it (PaymentLedger.claimToSend), no
-- longer by the intake beside its payment and updated again at the send; and its account is kept
-- sealed once: the current attempt's in the payment, an earlier one's in the re-request that
-- replaced it (V4 filled the attempts from exactly those rows). The attempt keeps its masked account.
alter table payment_attempt drop column account_number_sealed;

-- settled_as (and a resend's last_sent_at) change in place: leave room on each page so the update of
-- an unindexed column stays on its page (a heap-only tuple) instead of touching every index
alter table payment_attempt set (fillfactor = 80);
