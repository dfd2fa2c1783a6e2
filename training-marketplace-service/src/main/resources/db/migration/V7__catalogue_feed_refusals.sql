-- Rows of a platform's catalogue feed refused at its latest pull (a field longer than its column, a
-- required field missing, a price out of bounds...): the rest of the feed was taken, and these are what
-- operators ask the platform to fix. Each pull of a platform replaces its rows here.
create table catalogue_feed_refusal (
    id            bigserial primary key,
    platform_code varchar(40) not null references platform (code),
    -- the row's position in the feed, from 1; 0 for a row refused when stored (an id of another platform's training)
    row_number    int not null,
    training_id   varchar(100),
    reason        varchar(40) not null,
    field         varchar(40),
    refused_at    timestamptz not null
);
create index catalogue_feed_refusal_platform on catalogue_feed_refusal (platform_code, row_number);

-- how many rows the latest pull refused
alter table platform add column last_pull_refused int not null default 0;
