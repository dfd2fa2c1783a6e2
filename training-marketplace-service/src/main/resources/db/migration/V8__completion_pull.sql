-- Completions read from each platform's list of completions (pulled, for the ones whose webhook was
-- lost): where the marketplace stands in the platform's list, and what its pulls found.
create table completion_pull (
    platform_code   varchar(40) primary key references platform (code),
    -- the platform's cursor after the last page applied; 0 before the first
    cursor_position bigint not null default 0 check (cursor_position >= 0),
    last_attempt_at timestamptz,
    -- the last pull that read every page it asked for
    last_success_at timestamptz,
    last_error      varchar(300),
    -- of the last pull: completions listed, and those it recorded (no webhook had)
    last_listed     int not null default 0,
    last_recovered  int not null default 0,
    recovered_total bigint not null default 0
);
