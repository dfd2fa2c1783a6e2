-- One case per participant: the participant id is the business key, so however often
-- ParticipantRegistered arrives, one case exists.
create table verification_case (
    participant_id  uuid primary key,
    status          varchar(20)  not null,
    current_layer   varchar(10),
    email_status    varchar(20)  not null,
    nik_status      varchar(20)  not null,
    phone_status    varchar(20)  not null,
    kyc_status      varchar(20)  not null,
    nik_sealed      varchar(200) not null,
    nik_hash        varchar(64)     not null,
    kk_sealed       varchar(200) not null,
    full_name       varchar(200) not null,
    birth_place     varchar(100) not null,
    birth_date      date         not null,
    email           varchar(254) not null,
    phone           varchar(20)  not null,
    province_code   varchar(2)      not null,
    opened_at       timestamptz  not null,
    opened_by_event uuid         not null,
    version         bigint       not null default 0
);
create index verification_case_status on verification_case (status, current_layer);
