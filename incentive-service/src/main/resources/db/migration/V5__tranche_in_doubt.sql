-- A requested tranche whose payment the gateway holds IN_DOUBT: the partner refused a transfer after
-- an earlier attempt was ambiguous, and every reference is being asked before it may be paid again.
-- Kept on the tranche (since when, and the gateway's reason) for the participant and the backlog;
-- cleared by the payment's outcome.
alter table tranche
    add column in_doubt_since  timestamptz,
    add column in_doubt_detail varchar(300);
