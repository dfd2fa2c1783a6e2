package id.go.prakerja.console.readmodel;

import java.sql.Timestamp;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import id.go.prakerja.console.funnel.FunnelContribution;
import id.go.prakerja.console.funnel.FunnelCounts;
import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.cohort.ParticipantNotSelected;
import id.go.prakerja.events.cohort.ParticipantSelected;
import id.go.prakerja.events.cohort.WaveClosed;
import id.go.prakerja.events.cohort.WaveJoined;
import id.go.prakerja.events.cohort.WaveOpened;
import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.IncentiveEntitled;
import id.go.prakerja.events.incentive.IntegritySignalCleared;
import id.go.prakerja.events.incentive.IntegritySignalConfirmed;
import id.go.prakerja.events.incentive.IntegritySignalRaised;
import id.go.prakerja.events.incentive.PayoutAccountLinkRequested;
import id.go.prakerja.events.payment.DisbursementFailed;
import id.go.prakerja.events.payment.DisbursementOutcomeUnknown;
import id.go.prakerja.events.payment.DisbursementSucceeded;
import id.go.prakerja.events.payment.PayoutAccountRejected;
import id.go.prakerja.events.payment.PayoutAccountVerified;
import id.go.prakerja.events.payment.SettlementReconciled;
import id.go.prakerja.events.registration.GrievanceAnswered;
import id.go.prakerja.events.registration.GrievanceEscalated;
import id.go.prakerja.events.registration.GrievanceFiled;
import id.go.prakerja.events.registration.GrievanceResolved;
import id.go.prakerja.events.registration.GrievanceStep;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.events.registration.ParticipantRevoked;
import id.go.prakerja.events.training.BalanceForfeited;
import id.go.prakerja.events.training.TrainingCompletionReconciled;
import id.go.prakerja.events.training.TrainingCompletionReported;
import id.go.prakerja.events.training.TrainingPurchased;
import id.go.prakerja.events.training.TrainingRated;
import id.go.prakerja.events.training.VoucherLapsed;
import id.go.prakerja.events.verification.ParticipantRejected;
import id.go.prakerja.events.verification.ParticipantVerified;
import id.go.prakerja.events.verification.VerificationLayerFailed;
import id.go.prakerja.events.verification.VerificationLayerPassed;
import id.go.prakerja.events.verification.VerificationReviewQueued;

/**
 * Applies one event to the read model. Runs inside the inbox transaction (a redelivery changes
 * nothing), and every write is order-independent: a milestone keeps the earliest time it was
 * reached ({@code least}), so events of one participant arriving from different topics in any
 * order, or replayed, give the same rows.
 */
@Component
public class Projection {

    private final JdbcTemplate jdbc;
    private final FunnelCounts funnel;

    public Projection(JdbcTemplate jdbc, FunnelCounts funnel) {
        this.jdbc = jdbc;
        this.funnel = funnel;
    }

    /**
     * What the events of one transaction change in shared rows (the funnel's counts, the events
     * seen per type), written once at its end in one order, so that concurrent consumers never
     * wait for each other in a cycle.
     */
    public static final class Batch {
        private final FunnelCounts.Pending funnel = new FunnelCounts.Pending();
        private final List<Object[]> timeline = new java.util.ArrayList<>();
        private final Map<List<String>, Seen> seen = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));

        private record Seen(long events, Timestamp last) {
        }
    }

    /** Applies one event and writes what it changed (one event per transaction). */
    public void apply(String topic, EventEnvelope<DomainEvent> event) {
        Batch batch = new Batch();
        apply(topic, event, batch);
        write(batch);
    }

    /** Writes what {@link #apply(String, EventEnvelope, Batch)} gathered; call once, before commit. */
    public void write(Batch batch) {
        jdbc.batchUpdate("""
                insert into participant_event (event_id, participant_id, occurred_at, topic, type, detail)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing
                """, batch.timeline);
        batch.timeline.clear();
        batch.seen.forEach((key, seen) -> jdbc.update("""
                insert into topic_position (topic, type, events, last_event_at) values (?, ?, ?, ?)
                on conflict (topic, type) do update set events = topic_position.events + excluded.events,
                    last_event_at = greatest(topic_position.last_event_at, excluded.last_event_at)
                """, key.get(0), key.get(1), seen.events(), seen.last()));
        batch.seen.clear();
        funnel.write(batch.funnel);
    }

    /**
     * Applies one event; what it changes in shared rows is added to {@code batch}, to be written
     * once for every event of the transaction.
     */
    public void apply(String topic, EventEnvelope<DomainEvent> event, Batch batch) {
        Timestamp at = Timestamp.from(event.occurredAt());
        batch.seen.merge(List.of(topic, event.type()), new Batch.Seen(1, at),
                (a, b) -> new Batch.Seen(a.events() + b.events(), a.last().after(b.last()) ? a.last() : b.last()));
        DomainEvent payload = event.payload();
        // wave events are keyed by the wave, not a participant
        if (payload instanceof WaveOpened opened) {
            jdbc.update("""
                    insert into wave (wave_number, quota, opened_at) values (?, ?, ?)
                    on conflict (wave_number) do update set quota = excluded.quota,
                        opened_at = least(wave.opened_at, excluded.opened_at)
                    """, opened.waveNumber(), opened.quota(), at);
            return;
        }
        if (payload instanceof WaveClosed closed) {
            jdbc.update("""
                    insert into wave (wave_number, quota, closed_at) values (?, ?, ?)
                    on conflict (wave_number) do update set quota = excluded.quota,
                        closed_at = least(wave.closed_at, excluded.closed_at)
                    """, closed.waveNumber(), closed.quota(), at);
            return;
        }
        if (payload instanceof SettlementReconciled run) {
            settlement(event, run);
            return;
        }
        UUID participant = event.participantId();
        batch.timeline.add(new Object[] {event.eventId(), participant, at, topic, event.type(), TimelineDetail.of(payload)});
        // locks the participant's row until commit: nobody else changes it between before and after
        FunnelContribution.Progress before = funnel.touch(participant, at);
        project(participant, at, event, payload);
        if (movesTheFunnel(payload)) {
            batch.funnel.add(before, funnel.read(participant));
        }
    }

    /** Events that may change a funnel column (a step's time, the province, the wave); the others need no second read. */
    private static boolean movesTheFunnel(DomainEvent payload) {
        return switch (payload) {
            case ParticipantRegistered e -> true;
            case VerificationLayerPassed e -> true;
            case ParticipantVerified e -> true;
            case WaveJoined e -> true;
            case ParticipantSelected e -> true;
            case ParticipantNotSelected e -> true;
            case TrainingPurchased e -> true;
            case TrainingCompletionReported e -> e.firstTraining();
            case TrainingCompletionReconciled e -> e.firstTraining();
            case PayoutAccountLinkRequested e -> true;
            case PayoutAccountVerified e -> true;
            case DisbursementSucceeded e -> true;
            default -> false;
        };
    }

    private void project(UUID participant, Timestamp at, EventEnvelope<DomainEvent> event, DomainEvent payload) {
        switch (payload) {
            case ParticipantRegistered registered -> jdbc.update("""
                    update participant_progress set province = ?, regency = ?, registered_at = least(registered_at, ?)
                    where participant_id = ?""", registered.province(), registered.regency(), at, participant);
            case ParticipantRevoked revoked -> jdbc.update("""
                    update participant_progress set revoked_at = least(revoked_at, ?), revocation_reason = ?
                    where participant_id = ?""", at, revoked.reason().name(), participant);
            case VerificationLayerPassed passed -> {
                String column = switch (passed.layer()) {
                    case EMAIL -> "email_passed_at";
                    case NIK -> "nik_passed_at";
                    case PHONE -> "phone_passed_at";
                    case KYC -> "kyc_passed_at";
                };
                jdbc.update("update participant_progress set " + column + " = least(" + column + ", ?), in_review_since = null"
                        + " where participant_id = ?", at, participant);
            }
            case VerificationLayerFailed failed -> jdbc.update("""
                    update participant_progress set last_failure_layer = ?, last_failure_reason = ?
                    where participant_id = ?""", failed.layer().name(), failed.reasonCode(), participant);
            case VerificationReviewQueued queued -> jdbc.update("""
                    update participant_progress set in_review_since = least(in_review_since, ?)
                    where participant_id = ? and verified_at is null and rejected_at is null""", at, participant);
            case ParticipantVerified verified -> jdbc.update("""
                    update participant_progress set verified_at = least(verified_at, ?), in_review_since = null
                    where participant_id = ?""", at, participant);
            case ParticipantRejected rejected -> jdbc.update("""
                    update participant_progress set rejected_at = least(rejected_at, ?), rejection_reason = ?, in_review_since = null
                    where participant_id = ?""", at, rejected.layer() + ":" + rejected.reasonCode(), participant);
            case WaveJoined joined -> jdbc.update("""
                    update participant_progress set joined_wave_at = least(joined_wave_at, ?),
                        wave_number = case when selected_at is null then greatest(wave_number, ?) else wave_number end
                    where participant_id = ?""", at, joined.waveNumber(), participant);
            case ParticipantSelected selected -> {
                jdbc.update("""
                        update participant_progress set selected_at = least(selected_at, ?), wave_number = ?,
                            joined_wave_at = least(joined_wave_at, ?)
                        where participant_id = ?""", at, selected.waveNumber(), at, participant);
                movement(event, "ISSUED", selected.trainingBalance(), null);
            }
            case ParticipantNotSelected notSelected -> jdbc.update("""
                    update participant_progress set not_selected_at = ?, joined_wave_at = least(joined_wave_at, ?),
                        wave_number = case when selected_at is null then greatest(wave_number, ?) else wave_number end
                    where participant_id = ?""", at, at, notSelected.waveNumber(), participant);
            case TrainingPurchased purchased -> {
                jdbc.update("update participant_progress set first_purchase_at = least(first_purchase_at, ?) where participant_id = ?",
                        at, participant);
                movement(event, "SPENT", purchased.price(), purchased.platformCode());
            }
            // an unredeemed voucher undoes its purchase: the price is back in the balance, not spent
            // (a later purchase spends it again, a forfeiture forfeits it; either is its own event)
            case VoucherLapsed lapsed -> movement(event, "LAPSED", lapsed.amount(), lapsed.platformCode());
            case BalanceForfeited forfeited -> movement(event, "FORFEITED", forfeited.amount(), null);
            case TrainingCompletionReported completed -> {
                if (completed.firstTraining()) {
                    jdbc.update("update participant_progress set first_completed_at = least(first_completed_at, ?) where participant_id = ?",
                            at, participant);
                }
            }
            case TrainingRated rated -> {
                if (rated.firstTraining()) {
                    jdbc.update("update participant_progress set first_rated_at = least(first_rated_at, ?) where participant_id = ?",
                            at, participant);
                }
            }
            case TrainingCompletionReconciled reconciled -> {
                if (reconciled.firstTraining()) {
                    // a reconciled completion was completed and rated, whether or not those events were seen
                    jdbc.update("""
                            update participant_progress set reconciled_at = least(reconciled_at, ?),
                                first_completed_at = least(first_completed_at, ?), first_rated_at = least(first_rated_at, ?)
                            where participant_id = ?""", at, at, at, participant);
                }
            }
            case PayoutAccountLinkRequested link -> jdbc.update("""
                    update participant_progress set account_linked_at = least(account_linked_at, ?), account_partner = ?
                    where participant_id = ?""", at, link.partner().name(), participant);
            case PayoutAccountVerified verified -> jdbc.update("""
                    update participant_progress set account_verified_at = least(account_verified_at, ?), account_rejection = null
                    where participant_id = ?""", at, participant);
            case PayoutAccountRejected rejected -> jdbc.update("""
                    update participant_progress set account_rejected_at = ?, account_rejection = ?
                    where participant_id = ? and account_verified_at is null""", at, rejected.reasonCode().name(), participant);
            case IncentiveEntitled entitled -> {
                disbursement(entitled.instructionId(), participant);
                jdbc.update("""
                        update disbursement set amount = coalesce(amount, ?), entitled_at = least(entitled_at, ?)
                        where instruction_id = ?""", entitled.amount(), at, entitled.instructionId());
            }
            case DisbursementRequested requested -> {
                disbursement(requested.instructionId(), participant);
                jdbc.update("""
                        update disbursement set amount = ?, partner = ?, requested_at = least(requested_at, ?)
                        where instruction_id = ?""", requested.amount(), requested.partner().name(), at, requested.instructionId());
            }
            case DisbursementSucceeded succeeded -> {
                Optional<Instruction> instruction = disbursement(succeeded.instructionId(), participant);
                jdbc.update("update disbursement set paid_at = least(paid_at, ?) where instruction_id = ?", at,
                        succeeded.instructionId());
                instruction.ifPresent(i -> jdbc.update("update participant_progress set " + i.paidColumn() + " = least("
                        + i.paidColumn() + ", ?) where participant_id = ?", at, participant));
            }
            case DisbursementFailed failed -> {
                disbursement(failed.instructionId(), participant);
                jdbc.update("update disbursement set failed_at = ?, failure_reason = ? where instruction_id = ?", at,
                        failed.reasonCode(), failed.instructionId());
            }
            case DisbursementOutcomeUnknown unknown -> {
                disbursement(unknown.instructionId(), participant);
                jdbc.update("update disbursement set unknown_since = coalesce(unknown_since, ?), partner = coalesce(partner, ?)"
                        + " where instruction_id = ?", at, unknown.partner().name(), unknown.instructionId());
            }
            case IntegritySignalRaised raised -> integritySignal(raised.kind(), raised.signalId(), participant,
                    "raised_at = least(integrity_signal_participant.raised_at, ?)", at);
            case IntegritySignalCleared cleared -> integritySignal(cleared.kind(), cleared.signalId(), participant,
                    "cleared_at = least(integrity_signal_participant.cleared_at, ?)", at);
            case IntegritySignalConfirmed confirmed -> integritySignal(confirmed.signal(), confirmed.signalId(), participant,
                    "confirmed_at = least(integrity_signal_participant.confirmed_at, ?)", at);
            case GrievanceFiled filed -> grievance(filed.grievanceId(), participant, filed.step(), "filed_at = least(grievance.filed_at, ?)", at);
            case GrievanceAnswered answered -> grievance(answered.grievanceId(), participant, answered.step(),
                    "answered_at = greatest(grievance.answered_at, ?)", at);
            case GrievanceEscalated escalated -> grievance(escalated.grievanceId(), participant, escalated.step(),
                    "escalated_at = greatest(grievance.escalated_at, ?)", at);
            case GrievanceResolved resolved -> {
                grievance(resolved.grievanceId(), participant, resolved.step(), "resolved_at = least(grievance.resolved_at, ?)", at);
                jdbc.update("update grievance set resolution = ? where grievance_id = ?", resolved.resolution().name(),
                        resolved.grievanceId());
            }
            default -> {
                // on the timeline only (profile updates, survey completions, ...)
            }
        }
    }

    /** Creates the grievance's row if it is not there and sets one of its times ({@code set} names it, with one argument). */
    private void grievance(UUID grievanceId, UUID participant, GrievanceStep step, String set, Timestamp at) {
        jdbc.update("insert into grievance (grievance_id, participant_id, step) values (?, ?, ?) on conflict do nothing",
                grievanceId, participant, step.name());
        jdbc.update("update grievance set " + set + " where grievance_id = ?", at, grievanceId);
    }

    /** Creates the row of one participant of one signal if it is not there and sets one of its times ({@code set} names it). */
    private void integritySignal(String kind, long signalId, UUID participant, String set, Timestamp at) {
        jdbc.update("""
                insert into integrity_signal_participant (kind, signal_id, participant_id) values (?, ?, ?)
                on conflict do nothing""", kind, signalId, participant);
        jdbc.update("update integrity_signal_participant set " + set + " where kind = ? and signal_id = ? and participant_id = ?",
                at, kind, signalId, participant);
    }

    /** Every run is kept (by event); the money report picks the last one of each partner and day as of its instant. */
    private void settlement(EventEnvelope<DomainEvent> event, SettlementReconciled run) {
        List<Object> args = new java.util.ArrayList<>(List.of(event.eventId(), run.partner().name(), run.businessDay(),
                Timestamp.from(run.reconciledAt()), run.reportLines(), run.ourPayments()));
        for (SettlementReconciled.Amount amount : List.of(run.paidHere(), run.paidThere(), run.matched(), run.paidThereNotHere(),
                run.hereNotThere(), run.amountDiffers(), run.accountDiffers(), run.statusDiffers(), run.settledFromReport())) {
            args.add(amount.count());
            args.add(amount.rupiah());
        }
        jdbc.update("""
                insert into settlement_run (event_id, partner, business_day, reconciled_at, report_lines, our_payments,
                    paid_here_count, paid_here_rupiah, paid_there_count, paid_there_rupiah, matched_count, matched_rupiah,
                    paid_there_not_here_count, paid_there_not_here_rupiah, here_not_there_count, here_not_there_rupiah,
                    amount_differs_count, amount_differs_rupiah, account_differs_count, account_differs_rupiah,
                    status_differs_count, status_differs_rupiah, settled_from_report_count, settled_from_report_rupiah)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing
                """, args.toArray());
    }

    /** Creates the instruction's row if it is not there; the instruction id names participant, kind and sequence. */
    private Optional<Instruction> disbursement(String instructionId, UUID participant) {
        Optional<Instruction> instruction = Instruction.parse(instructionId);
        jdbc.update("""
                insert into disbursement (instruction_id, participant_id, kind, sequence) values (?, ?, ?, ?)
                on conflict do nothing
                """, instructionId, participant, instruction.map(Instruction::kind).orElse("UNKNOWN"),
                instruction.map(Instruction::sequence).orElse(0));
        return instruction;
    }

    private void movement(EventEnvelope<DomainEvent> event, String movement, long amount, String platformCode) {
        jdbc.update("""
                insert into balance_movement (event_id, participant_id, movement, amount, platform_code, occurred_at)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing
                """, event.eventId(), event.participantId(), movement, amount, platformCode, Timestamp.from(event.occurredAt()));
    }
}
