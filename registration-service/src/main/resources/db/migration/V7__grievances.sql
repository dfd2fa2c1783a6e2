-- A participant's grievance about a step of the programme, the operators' answers, the images
-- that came with it (sealed at rest, like verification's KYC images) and the SMS and e-mail
-- notices that tell the participant of each change (sent by the platform's notice queue).
create table grievance (
    id             uuid          primary key,
    participant_id uuid          not null references participant (id),
    step           varchar(20)   not null,
    text           varchar(2000) not null,
    status         varchar(20)   not null,
    assigned_to    varchar(200),
    resolution     varchar(20),
    filed_at       timestamptz   not null,
    answered_at    timestamptz,
    escalated_at   timestamptz,
    resolved_at    timestamptz,
    updated_at     timestamptz   not null,
    constraint grievance_status check (status in ('OPEN', 'ANSWERED', 'ESCALATED', 'RESOLVED')),
    constraint grievance_resolved check ((status = 'RESOLVED') = (resolution is not null and resolved_at is not null))
);

create index grievance_of_participant on grievance (participant_id, filed_at);
-- the operators' queue: what is not resolved, oldest first
create index grievance_waiting on grievance (filed_at) where status <> 'RESOLVED';

create table grievance_answer (
    id           bigint generated always as identity primary key,
    grievance_id uuid          not null references grievance (id),
    operator     varchar(200)  not null,
    text         varchar(2000) not null,
    answered_at  timestamptz   not null
);

create index grievance_answer_of on grievance_answer (grievance_id, id);

create table grievance_image (
    grievance_id uuid        not null references grievance (id),
    position     int         not null check (position between 1 and 2),
    content      bytea       not null,
    media_type   varchar(20) not null,
    primary key (grievance_id, position)
);

create table grievance_notice (
    id             uuid         primary key,
    participant_id uuid         not null references participant (id),
    grievance_id   uuid         not null references grievance (id),
    channel        varchar(5)   not null check (channel in ('SMS', 'EMAIL')),
    subject        varchar(200),
    body           text         not null,
    due_at         timestamptz  not null,
    attempts       int          not null default 0,
    sent_at        timestamptz,
    created_at     timestamptz  not null
);

create index grievance_notice_due on grievance_notice (due_at) where sent_at is null;
