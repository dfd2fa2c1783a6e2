-- Integrity signals incentive-service raised (IntegritySignalRaised), and what two operators
-- decided about each participant involved (IntegritySignalCleared, IntegritySignalConfirmed): one row
-- per signal and participant, each time the earliest seen, so events in any order give the same row.
-- A signal is known by its kind and its id in the service that raised it. No evidence: no account.
create table integrity_signal_participant (
    kind           varchar(30)  not null,
    signal_id      bigint       not null,
    participant_id uuid         not null,
    raised_at      timestamptz,
    cleared_at     timestamptz,
    confirmed_at   timestamptz,
    primary key (kind, signal_id, participant_id)
);
create index integrity_signal_participant_of on integrity_signal_participant (participant_id);

-- A participant an open signal holds (raised, neither cleared nor confirmed) and whose first training
-- was reconciled waits at PAYMENT, reason INTEGRITY_HOLD_<kind>, since the signal came to involve
-- them, whatever else they wait for: nothing is paid to them until two operators decide. One an
-- operator confirmed waits nowhere, as a revoked participant (registration's ParticipantRevoked follows).
create or replace view waiting_participant as
select p.participant_id, p.province, p.wave_number, w.stage, w.reason, w.since
from participant_progress p
left join lateral (
    select d.* from disbursement d
    where d.participant_id = p.participant_id and d.paid_at is null
    order by coalesce(d.requested_at, d.entitled_at, d.failed_at, d.unknown_since), d.instruction_id
    limit 1
) d on p.account_verified_at is not null
cross join lateral (
    select coalesce(bool_or(s.confirmed_at is not null), false) as confirmed,
           min(s.raised_at) filter (where s.cleared_at is null and s.confirmed_at is null) as held_since,
           min(s.kind) filter (where s.raised_at is not null and s.cleared_at is null and s.confirmed_at is null) as kind
    from integrity_signal_participant s
    where s.participant_id = p.participant_id
) ih
cross join lateral (
    select
        case
            when p.revoked_at is not null or p.rejected_at is not null or ih.confirmed then null
            when p.reconciled_at is not null and ih.held_since is not null then 'PAYMENT'
            when p.verified_at is null then 'VERIFICATION'
            when p.selected_at is null and p.joined_wave_at is null then 'WAVE'
            when p.selected_at is null then 'SELECTION'
            when p.first_purchase_at is null then 'FIRST_PURCHASE'
            when p.first_completed_at is null then 'COMPLETION'
            when p.reconciled_at is null then 'RECONCILIATION'
            when p.account_linked_at is null then 'ACCOUNT_LINK'
            when p.account_verified_at is null then 'ACCOUNT_VERIFICATION'
            when d.instruction_id is not null then 'PAYMENT'
        end as stage,
        case
            when p.reconciled_at is not null and ih.held_since is not null then 'INTEGRITY_HOLD_' || ih.kind
            when p.verified_at is null then
                case
                    when p.in_review_since is not null then 'REVIEW_QUEUE'
                    when p.last_failure_layer is not null then 'LAYER_FAILED_' || p.last_failure_layer
                    when p.email_passed_at is null then 'AWAITING_EMAIL'
                    when p.nik_passed_at is null then 'AWAITING_NIK'
                    when p.phone_passed_at is null then 'AWAITING_PHONE'
                    when p.kyc_passed_at is null then 'AWAITING_KYC'
                    else 'AWAITING_DECISION'
                end
            when p.selected_at is null and p.joined_wave_at is null then 'NOT_JOINED'
            when p.selected_at is null then case when p.not_selected_at is not null then 'NOT_SELECTED' else 'AWAITING_SELECTION' end
            when p.first_purchase_at is null then 'NO_PURCHASE_YET'
            when p.first_completed_at is null then 'TRAINING_IN_PROGRESS'
            when p.reconciled_at is null then
                case when p.first_rated_at is null then 'COMPLETED_NO_RATING' else 'RECONCILIATION_PENDING' end
            when p.account_linked_at is null then 'NO_ACCOUNT_LINKED'
            when p.account_verified_at is null then
                case
                    when p.account_rejection = 'NOT_KYC' then 'ACCOUNT_NOT_KYC'
                    when p.account_rejection is not null then 'ACCOUNT_REJECTED_' || p.account_rejection
                    else 'AWAITING_PARTNER_CHECK'
                end
            when d.unknown_since is not null and (d.failed_at is null or d.failed_at < d.unknown_since) then 'PAYMENT_UNKNOWN'
            when d.failed_at is not null then 'PAYMENT_FAILED_' || coalesce(d.failure_reason, '-')
            when d.requested_at is not null then 'PARTNER_NOT_ANSWERED'
            else 'PAYMENT_NOT_REQUESTED'
        end as reason,
        case
            when p.reconciled_at is not null and ih.held_since is not null then ih.held_since
            when p.verified_at is null then coalesce(p.in_review_since, p.registered_at, p.last_event_at)
            when p.selected_at is null and p.joined_wave_at is null then p.verified_at
            when p.selected_at is null then coalesce(p.not_selected_at, p.joined_wave_at)
            when p.first_purchase_at is null then p.selected_at
            when p.first_completed_at is null then p.first_purchase_at
            when p.reconciled_at is null then p.first_completed_at
            when p.account_linked_at is null then p.reconciled_at
            when p.account_verified_at is null then coalesce(p.account_rejected_at, p.account_linked_at)
            else coalesce(d.unknown_since, d.failed_at, d.requested_at, d.entitled_at)
        end as since
) w
where w.stage is not null
union all
select p.participant_id, p.province, p.wave_number, 'GRIEVANCE' as stage,
       case
           when g.escalated_at is not null and (g.answered_at is null or g.answered_at < g.escalated_at) then 'ESCALATED'
           when g.answered_at is not null then 'ANSWERED'
           else 'OPEN'
       end as reason,
       g.filed_at as since
from participant_progress p
join lateral (
    select * from grievance g
    where g.participant_id = p.participant_id and g.resolved_at is null and g.filed_at is not null
    order by g.filed_at, g.grievance_id
    limit 1
) g on true;
