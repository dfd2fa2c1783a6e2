-- Every payment is written with two or three transitions, always by the ledger, in the transaction
-- that changes the payment row itself (payments are never deleted). The foreign key's check, a
-- locking look-up of the payment per inserted transition, was over half of a transition's cost and
-- a fifth of the database's time in a 200,000-payment tranche. The ledger's tests check that each
-- payment's history is complete (DisbursementTest, OutcomeBatchTest, PaymentFaultTest).
alter table payment_transition drop constraint payment_transition_instruction_id_fkey;
