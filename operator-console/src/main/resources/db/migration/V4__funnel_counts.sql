-- The funnel's counts, pre-aggregated so that "as of any instant" does not read every participant.
-- funnel_change: each change of a count at its instant (+1 when a participant reaches a step; when
-- they join a wave after reaching it, -1 under "-" and +1 under the wave), written by the
-- projection in the transaction of the event that caused it. funnel_daily: their sums per UTC
-- day. The funnel as of T = daily sums of the days before T's day + changes of T's day up to T.
create table funnel_change (
    at        timestamptz not null,
    step      varchar(32) not null,
    wave      varchar(12) not null,
    province  varchar(2) not null,
    delta     bigint not null
);
create index funnel_change_at on funnel_change (at);

create table funnel_daily (
    day           date not null,
    step          varchar(32) not null,
    wave          varchar(12) not null,
    province      varchar(2) not null,
    participants  bigint not null,
    primary key (day, step, wave, province)
);

-- Recomputes both from participant_progress (the same rule as FunnelContribution): used once
-- here for a read model built before these tables existed, and by the benchmark.
create function recount_funnel() returns void language plpgsql as $$
begin
    truncate funnel_change, funnel_daily;
    insert into funnel_change (at, step, wave, province, delta)
    select c.at, s.step, c.wave, coalesce(p.province, '-'), sum(c.delta)
    from participant_progress p
    cross join lateral (values ('REGISTERED', p.registered_at),
                                     ('EMAIL_VERIFIED', p.email_passed_at),
                                     ('NIK_VERIFIED', p.nik_passed_at),
                                     ('PHONE_VERIFIED', p.phone_passed_at),
                                     ('KYC_VERIFIED', p.kyc_passed_at),
                                     ('VERIFIED', p.verified_at),
                                     ('JOINED_WAVE', p.joined_wave_at),
                                     ('SELECTED', p.selected_at),
                                     ('FIRST_PURCHASE', p.first_purchase_at),
                                     ('FIRST_TRAINING_COMPLETED', p.first_completed_at),
                                     ('RECONCILED', p.reconciled_at),
                                     ('ACCOUNT_LINKED', p.account_linked_at),
                                     ('ACCOUNT_VERIFIED', p.account_verified_at),
                                     ('TRANCHE_1_PAID', p.tranche_1_paid_at),
                                     ('TRANCHE_2_PAID', p.tranche_2_paid_at),
                                     ('TRANCHE_3_PAID', p.tranche_3_paid_at),
                                     ('TRANCHE_4_PAID', p.tranche_4_paid_at),
                                     ('SURVEY_1_PAID', p.survey_1_paid_at),
                                     ('SURVEY_2_PAID', p.survey_2_paid_at),
                                     ('SURVEY_3_PAID', p.survey_3_paid_at)) s(step, reached_at)
    cross join lateral (values
        (s.reached_at, '-', case when p.joined_wave_at is null or p.joined_wave_at > s.reached_at then 1 else 0 end),
        (p.joined_wave_at, '-', case when p.joined_wave_at > s.reached_at then -1 else 0 end),
        (greatest(s.reached_at, p.joined_wave_at), coalesce(p.wave_number::text, '-'),
            case when p.joined_wave_at is not null then 1 else 0 end)) c(at, wave, delta)
    where s.reached_at is not null and c.delta <> 0
    group by c.at, s.step, c.wave, coalesce(p.province, '-')
    having sum(c.delta) <> 0;
    insert into funnel_daily (day, step, wave, province, participants)
    select (at at time zone 'UTC')::date, step, wave, province, sum(delta)
    from funnel_change group by 1, 2, 3, 4 having sum(delta) <> 0;
end
$$;

select recount_funnel();
