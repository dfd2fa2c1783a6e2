-- Progress of the re-encryption job (POST /admin/crypto/field-keys/reseal): per sealed table and
-- target field key, the primary key of the last row walked (as text, in key order), so a stopped
-- job resumes where it was and a new current key starts a new walk. A platform table: every
-- service that holds sealed values runs the same job (FieldKeyRotation).
create table field_key_rotation (
    table_name       varchar(63)  not null,
    key_id           int          not null,
    last_row         text[],
    rows_walked      bigint       not null default 0,
    rows_resealed    bigint       not null default 0,
    rows_unreadable  bigint       not null default 0,
    started_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    finished_at      timestamptz,
    primary key (table_name, key_id)
);
