-- Partner webhook receipts become a record of each signed request's outcome, so that a retry
-- after a failure runs again, a repeat of a handled request gets the first answer, and two
-- copies arriving together do not both run.
--
-- The old table was keyed on the X-PARTNER-ID header as sent and the Base64 text as sent, which
-- different spellings of one partner or one signature got past. Its rows only ever mattered for
-- the few minutes a timestamp is accepted, and no /partner endpoint served traffic when this was
-- written, so it is replaced rather than converted.
drop table webhook_receipt;

create table webhook_receipt (
    -- the partner id as configured, whatever case the header used
    partner_id            varchar(50)  not null,
    -- the verified HMAC bytes: a function of exactly what was signed, not of how it was spelled
    signature             bytea        not null,
    -- IN_PROGRESS while a handler runs (claimed_at says since when), DONE once it answered below 500;
    -- a run that fails with a 5xx or an exception deletes its row so that the partner can retry
    state                 varchar(20)  not null check (state in ('IN_PROGRESS', 'DONE')),
    received_at           timestamptz  not null,
    claimed_at            timestamptz  not null,
    completed_at          timestamptz,
    response_status       int,
    response_content_type varchar(200),
    response_body         bytea,
    primary key (partner_id, signature)
);
create index webhook_receipt_received_at on webhook_receipt (received_at);
