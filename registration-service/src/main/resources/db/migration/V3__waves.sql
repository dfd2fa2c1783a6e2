-- Waves (gelombang): quotas per province and in total, selection by priority then a seeded random order.
create table wave (
    number          int          primary key,
    opens_at        timestamptz  not null,
    closes_at       timestamptz  not null,
    total_quota     bigint       not null,
    priority_rules  varchar(300) not null,
    seed            bigint       not null,
    status          varchar(20)  not null,
    created_at      timestamptz  not null,
    opened_at       timestamptz,
    closed_at       timestamptz,
    selected_at     timestamptz,
    selected_count  bigint,
    version         bigint       not null default 0,
    constraint wave_closes_after_opening check (closes_at > opens_at)
);

create table wave_province_quota (
    wave_number int         not null references wave (number),
    province    varchar(2)  not null,
    quota       bigint      not null check (quota >= 0),
    primary key (wave_number, province)
);

create table wave_application (
    wave_number    int          not null references wave (number),
    participant_id uuid         not null references participant (id),
    province       varchar(2)   not null,
    priority       int          not null,
    applied_at     timestamptz  not null,
    status         varchar(20)  not null,
    card_number    varchar(16)  unique,
    decided_at     timestamptz,
    announced_at   timestamptz,
    primary key (wave_number, participant_id)
);
create index wave_application_pending on wave_application (wave_number, status);
-- nobody is ever selected twice, and nobody waits in two waves at once
create unique index wave_application_selected_once on wave_application (participant_id) where status = 'SELECTED';
create unique index wave_application_one_waiting on wave_application (participant_id) where status = 'WAITING';
create index wave_application_unannounced on wave_application (wave_number) where announced_at is null and status <> 'WAITING';
