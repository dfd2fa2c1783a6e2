-- Recipients of other social assistance, excluded from a wave on (optional, uploaded by
-- operators). Only the NIK's blind index is kept.
create table assistance_exclusion (
    nik_hash          varchar(64)  primary key,
    source            varchar(40)  not null,
    applies_from_wave int          not null,
    listed_at         timestamptz  not null,
    listed_by         varchar(100) not null,
    upload_id         uuid         not null
);
