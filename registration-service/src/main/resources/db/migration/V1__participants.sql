create table participant (
    id             uuid primary key,
    nik_sealed     varchar(200) not null,
    nik_hash       varchar(64)     not null,
    kk_sealed      varchar(200) not null,
    kk_hash        varchar(64)     not null,
    full_name      varchar(200) not null,
    birth_place    varchar(100) not null,
    birth_date     date         not null,
    sex            varchar(10)  not null,
    email          varchar(254) not null,
    phone          varchar(20)  not null,
    address        varchar(500) not null,
    province_code  varchar(2)      not null,
    regency_code   varchar(4)      not null,
    education      varchar(20)  not null,
    job_status     varchar(30)  not null,
    status         varchar(20)  not null,
    registered_at  timestamptz  not null,
    version        bigint       not null default 0,
    constraint participant_nik_unique unique (nik_hash),
    constraint participant_email_unique unique (email),
    constraint participant_phone_unique unique (phone)
);
create index participant_kk_hash on participant (kk_hash);

create table login_code (
    id          uuid primary key,
    phone       varchar(20)  not null,
    code_hash   varchar(64)     not null,
    created_at  timestamptz  not null,
    expires_at  timestamptz  not null,
    attempts    int          not null default 0,
    used_at     timestamptz
);
create index login_code_phone on login_code (phone, created_at desc);
