-- What the survey service knows of a participant: contacts for notices, the first training (for
-- results per training and provider), and whether participation was revoked.
create table participant (
    participant_id      uuid primary key,
    phone               varchar(30),
    email               varchar(320),
    first_training_id   varchar(100),
    first_platform_code varchar(50),
    revoked_at          timestamptz
);

-- When each of the three surveys opens for a participant: survey 1 when the first post-training
-- tranche is paid, surveys 2 and 3 at configured offsets after it.
create table invitation (
    participant_id uuid        not null references participant,
    survey_number  int         not null check (survey_number between 1 and 3),
    opens_at       timestamptz not null,
    primary key (participant_id, survey_number)
);

-- One response per participant and survey: the primary key refuses a second one whatever the timing.
create table response (
    participant_id uuid        not null references participant,
    survey_number  int         not null check (survey_number between 1 and 3),
    answers        text        not null,
    completed_at   timestamptz not null,
    training_id    varchar(100),
    platform_code  varchar(50),
    primary key (participant_id, survey_number)
);

-- Each answer as rows, for results per question, training and provider.
create table response_answer (
    participant_id uuid         not null,
    survey_number  int          not null,
    question_id    varchar(50)  not null,
    choice         varchar(100),
    scale          int,
    text_answer    varchar(1000),
    training_id    varchar(100),
    platform_code  varchar(50),
    foreign key (participant_id, survey_number) references response
);
create index response_answer_question on response_answer (survey_number, question_id);

create table notification_intent (
    id             uuid primary key,
    participant_id uuid         not null,
    channel        varchar(5)   not null check (channel in ('SMS', 'EMAIL')),
    dedupe_key     varchar(200) not null,
    subject        varchar(300),
    body           text         not null,
    send_after     timestamptz  not null,
    attempts       int          not null default 0,
    sent_at        timestamptz,
    unique (channel, dedupe_key)
);
create index notification_intent_due on notification_intent (send_after) where sent_at is null;
