-- Participants as training knows them: selection, contact for notices, revocation, balance state.
create table participant (
    id                       uuid primary key,
    card_number              varchar(16),
    selected_at              timestamptz,
    first_purchase_deadline  timestamptz,
    programme_ends_at        timestamptz,
    first_purchased_at       timestamptz,
    phone                    varchar(32),
    email                    varchar(320),
    full_name                varchar(200),
    revoked_at               timestamptz,
    revocation_reason        varchar(60),
    closed_at                timestamptz,
    closed_reason            varchar(20)
);
create index participant_deadline on participant (first_purchase_deadline)
    where first_purchased_at is null and closed_at is null and revoked_at is null and selected_at is not null;
create index participant_programme_end on participant (programme_ends_at)
    where closed_at is null and revoked_at is null and selected_at is not null;

-- Double-entry ledger in rupiah. Accounts: PROGRAMME, PARTICIPANT:<id>, PLATFORM:<code>.
-- A transaction is PENDING (reservation), POSTED or VOIDED; its entries carry the same status.
create table ledger_transaction (
    id             uuid primary key,
    kind           varchar(30) not null,
    participant_id uuid not null,
    status         varchar(10) not null check (status in ('PENDING', 'POSTED', 'VOIDED')),
    created_at     timestamptz not null,
    resolved_at    timestamptz
);
create index ledger_transaction_participant on ledger_transaction (participant_id);

create table ledger_entry (
    id             bigserial primary key,
    transaction_id uuid not null references ledger_transaction (id),
    account        varchar(80) not null,
    side           char(1) not null check (side in ('D', 'C')),
    amount         bigint not null check (amount > 0),
    status         varchar(10) not null check (status in ('PENDING', 'POSTED', 'VOIDED')),
    posted_at      timestamptz
);
create index ledger_entry_account on ledger_entry (account, status);
create index ledger_entry_transaction on ledger_entry (transaction_id);

-- Platforms and their catalogues.
create table platform (
    code         varchar(40) primary key,
    name         varchar(100) not null,
    status       varchar(12) not null default 'ACTIVE' check (status in ('ACTIVE', 'SUSPENDED')),
    last_pull_at timestamptz,
    last_pull_error varchar(300)
);

create table training (
    id              varchar(100) primary key,
    platform_code   varchar(40) not null references platform (code),
    title           varchar(300) not null,
    description     text not null default '',
    category        varchar(100) not null,
    provider        varchar(200) not null,
    mode            varchar(10) not null check (mode in ('ONLINE', 'OFFLINE')),
    price           bigint not null check (price > 0),
    duration_hours  int not null,
    status          varchar(20) not null check (status in ('PENDING_APPROVAL', 'ACTIVE', 'SUSPENDED')),
    published_at    timestamptz not null,
    updated_at      timestamptz not null,
    rating_count    int not null default 0,
    rating_sum      bigint not null default 0,
    review_count    int not null default 0,
    search          tsvector generated always as (
        setweight(to_tsvector('indonesian', title), 'A')
        || setweight(to_tsvector('indonesian', category || ' ' || provider), 'B')
        || setweight(to_tsvector('indonesian', description), 'C')) stored
);
create index training_search on training using gin (search);
create index training_active_price on training (price) where status = 'ACTIVE';
create index training_platform on training (platform_code);

-- Purchases: the voucher, its money (a ledger transaction), completion, rating and review.
create table purchase (
    id                   uuid primary key,
    participant_id       uuid not null references participant (id),
    training_id          varchar(100) not null references training (id),
    platform_code        varchar(40) not null,
    price                bigint not null check (price > 0),
    first_training       boolean not null,
    status               varchar(20) not null check (status in
                         ('RESERVED', 'REDEEMED', 'IN_PROGRESS', 'COMPLETED', 'RECONCILED', 'EXPIRED', 'VOIDED')),
    voucher_code         varchar(20) not null unique,
    voucher_expires_at   timestamptz not null,
    ledger_transaction   uuid not null references ledger_transaction (id),
    purchased_at         timestamptz not null,
    redeemed_at          timestamptz,
    redeem_event_id      varchar(100),
    progress_percent     int not null default 0,
    completed_at         timestamptz,
    certificate_number   varchar(100),
    completion_event_id  varchar(100),
    rating               int check (rating between 1 and 5),
    rated_at             timestamptz,
    review_text          varchar(2000),
    reviewed_at          timestamptz,
    reconciled_at        timestamptz,
    ended_at             timestamptz
);
create index purchase_participant on purchase (participant_id);
create index purchase_training on purchase (training_id, reviewed_at desc);
create index purchase_status on purchase (status, voucher_expires_at);
-- one certificate number belongs to one purchase of one platform
create unique index purchase_certificate on purchase (platform_code, certificate_number) where certificate_number is not null;
-- a training is held once: at most one live purchase of it per participant
create unique index purchase_held_once on purchase (participant_id, training_id) where status not in ('EXPIRED', 'VOIDED');

-- Notices to send (SMS and e-mail), written with the change they announce and sent by a leased worker.
create table notification (
    id              uuid primary key,
    dedupe_key      varchar(200) not null unique,
    participant_id  uuid not null,
    channel         varchar(5) not null check (channel in ('SMS', 'EMAIL')),
    subject         varchar(200),
    text            varchar(2000) not null,
    due_at          timestamptz not null,
    attempts        int not null default 0,
    sent_at         timestamptz
);
create index notification_due on notification (due_at) where sent_at is null;
