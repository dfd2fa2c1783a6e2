-- Each decided application is told to its participant by SMS and e-mail once announced:
-- notice_due_at is set with announced_at and moves ahead while a provider is unavailable.
alter table wave_application
    add column notice_due_at   timestamptz,
    add column notice_attempts int not null default 0,
    add column notified_at     timestamptz;

create index wave_application_notice_due on wave_application (notice_due_at)
    where notified_at is null and notice_due_at is not null;
