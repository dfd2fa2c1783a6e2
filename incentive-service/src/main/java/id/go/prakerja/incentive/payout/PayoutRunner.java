package id.go.prakerja.incentive.payout;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.IncentiveKind;
import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.incentive.IncentiveProperties;
import id.go.prakerja.incentive.integrity.IntegritySignals;
import id.go.prakerja.incentive.participant.SealedParticipantData;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.support.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Turns due tranches into disbursement instructions, one batch per transaction. The batch is
 * claimed with {@code FOR UPDATE SKIP LOCKED}, so runners on several instances never claim the
 * same tranche; each claimed tranche moves to REQUESTED and its {@link DisbursementRequested}
 * is written to the outbox in the same transaction. A tranche is requested when it is due, its
 * participant is not revoked and has a verified account; a tranche that failed for an account
 * reason only once a different account was verified, and under the same instruction id. The
 * account to pay travels sealed for the payment gateway. Under the budget row's lock, a batch
 * requests only what still fits the programme's incentive budget; the first tranche that would
 * pass it stops the batch, and the run waits for an operator to raise the budget. A tranche of a
 * participant an integrity signal holds is held, not requested; this is checked under the
 * participant's lock, which a new signal takes too, so no tranche is requested after its signal.
 */
@Service
public class PayoutRunner {

    private static final Logger log = LoggerFactory.getLogger(PayoutRunner.class);

    /** Due tranches that may be requested now; shared by the runner (with a lock) and the preview. */
    static final String ELIGIBLE = """
              from tranche t
              join participant p on p.participant_id = t.participant_id
              join payout_account a on a.participant_id = t.participant_id and a.status = 'VERIFIED'
             where t.due_at <= ? and p.revoked_at is null
               and (t.status = 'SCHEDULED'
                    or (t.status = 'FAILED' and t.retry_after_account and a.link_id is distinct from t.link_id))
            """;

    /** Only the tranches a run's approved preview pinned and that this run has not yet taken. */
    static final String PINNED = """
               and exists (select 1 from payout_run_tranche s
                            where s.run_id = ? and s.instruction_id = t.instruction_id and s.taken_at is null)
            """;

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final IncentiveProperties settings;
    private final MeterRegistry meters;
    private final Clock clock;
    private final PersonalDataCrypto crypto;
    private final ApprovalSetting approval;
    private final IntegritySignals integrity;

    public PayoutRunner(JdbcTemplate jdbc, Outbox outbox, IncentiveProperties settings, MeterRegistry meters, Clock clock,
            PersonalDataCrypto crypto, ApprovalSetting approval, IntegritySignals integrity) {
        this.integrity = integrity;
        this.crypto = crypto;
        this.approval = approval;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.settings = settings;
        this.meters = meters;
        this.clock = clock;
    }

    record Claimed(String instructionId, UUID participantId, IncentiveKind kind, int sequence, long amount,
            UUID linkId, PayoutPartner partner, String account) {
    }

    /**
     * What one batch did.
     *
     * @param claimed    due tranches the batch took (requested, held by the guard, or left for lack of budget)
     * @param requested  instructions written to the outbox
     * @param overBudget the batch stopped because the next tranche would pass the incentive budget
     */
    public record Batch(int claimed, int requested, boolean overBudget) {

        /** Whether the run has more to do after this batch. */
        public boolean more() {
            return claimed > 0 && !overBudget;
        }
    }

    /** Requests up to one batch of the tranches due by the run's payout date. */
    @Transactional
    public Batch requestBatch(long runId, Instant payoutDate) {
        // a run two operators approved requests only what its preview pinned, each tranche once
        boolean pinned = Boolean.TRUE.equals(jdbc.queryForObject(
                "select pinned_at is not null from payout_run where id = ?", Boolean.class, runId));
        List<Object> args = new ArrayList<>(List.of(Timestamp.from(payoutDate)));
        if (pinned) {
            args.add(runId);
        }
        args.add(settings.runs().batchSize());
        List<Claimed> claimed = jdbc.query("""
                select t.instruction_id, t.participant_id, t.kind, t.sequence, t.amount, a.link_id, a.partner, a.account_number
                """ + ELIGIBLE + (pinned ? PINNED : "") + """
                 order by t.due_at, t.instruction_id
                 limit ?
                 for update of t skip locked""",
                (rs, i) -> new Claimed(rs.getString(1), rs.getObject(2, UUID.class), IncentiveKind.valueOf(rs.getString(3)),
                        rs.getInt(4), rs.getLong(5), rs.getObject(6, UUID.class), PayoutPartner.valueOf(rs.getString(7)),
                        rs.getString(8)),
                args.toArray());
        if (claimed.isEmpty()) {
            return new Batch(0, 0, false);
        }
        // participants locked in one order, so two runners never wait for each other in a circle;
        // under the lock each one reads the total the other committed
        List<UUID> participants = claimed.stream().map(Claimed::participantId).distinct().sorted(Comparator.naturalOrder()).toList();
        jdbc.queryForList("select participant_id from participant where participant_id = any(?) order by participant_id for update",
                UUID.class, (Object) participants.toArray(UUID[]::new));
        Map<UUID, Long> requested = new java.util.HashMap<>(jdbc.query("""
                select participant_id, sum(amount) from tranche
                 where participant_id = any(?) and status in ('REQUESTED', 'PAID') group by participant_id""",
                rs -> {
                    Map<UUID, Long> sums = new java.util.HashMap<>();
                    while (rs.next()) {
                        sums.put(rs.getObject(1, UUID.class), rs.getLong(2));
                    }
                    return sums;
                }, (Object) participants.toArray(UUID[]::new)));
        // read under the participants' locks: a signal committed before them is seen
        var integrityHeld = integrity.heldAmong(participants.toArray(UUID[]::new));
        DisbursementGuard guard = new DisbursementGuard(approval.maxPerParticipant(), settings.postTrainingAmount(),
                settings.surveyAmount());
        // taken after the participants' locks, in the same order by every runner
        long committed = jdbc.queryForObject("select committed from budget_commitment where id = 1 for update", Long.class);
        long remaining = approval.budget() - committed;
        Instant now = clock.instant();
        List<EventEnvelope<?>> events = new ArrayList<>();
        long spent = 0;
        boolean overBudget = false;
        List<String> taken = new ArrayList<>();
        for (Claimed c : claimed) {
            if (integrityHeld.contains(c.participantId())) {
                jdbc.update("""
                        update tranche set status = 'HELD', held_reason = ?, held_at = ?, run_id = ?, partner = ?,
                               resolved_by = null, resolved_at = null, resolution_note = null
                         where instruction_id = ?""",
                        IntegritySignals.HELD_REASON, Timestamp.from(now), runId, c.partner().name(), c.instructionId());
                meters.counter("prakerja.incentive.integrity.held", "kind", c.kind().name()).increment();
                log.warn("{} of {} is held: an integrity signal involves the participant", c.instructionId(), c.participantId());
                taken.add(c.instructionId());
                continue;
            }
            long before = requested.getOrDefault(c.participantId(), 0L);
            var refusal = guard.refusal(c.kind(), c.sequence(), c.amount(), before);
            if (refusal.isPresent()) {
                jdbc.update("""
                        update tranche set status = 'HELD', held_reason = ?, held_at = ?, run_id = ?, partner = ?,
                               resolved_by = null, resolved_at = null, resolution_note = null
                         where instruction_id = ?""",
                        refusal.get(), Timestamp.from(now), runId, c.partner().name(), c.instructionId());
                meters.counter("prakerja.incentive.guard.refused", "kind", c.kind().name()).increment();
                log.error("GUARD refused {} of {}: {}; the tranche is held for an operator", c.instructionId(),
                        c.participantId(), refusal.get());
                taken.add(c.instructionId());
                continue;
            }
            if (spent + c.amount() > remaining) {
                overBudget = true;
                meters.counter("prakerja.incentive.budget.exhausted").increment();
                log.error("payout run {} stops: {} of Rp{} would pass the incentive budget (Rp{} left); "
                        + "it resumes when an operator raises the budget", runId, c.instructionId(), c.amount(), remaining - spent);
                break;
            }
            spent += c.amount();
            requested.put(c.participantId(), before + c.amount());
            jdbc.update("""
                    update tranche set status = 'REQUESTED', requested_at = ?, request_count = request_count + 1,
                           link_id = ?, partner = ?, run_id = ?, failed_at = null, failure_reason = null,
                           retry_after_account = null
                     where instruction_id = ?""",
                    Timestamp.from(now), c.linkId(), c.partner().name(), runId, c.instructionId());
            taken.add(c.instructionId());
            events.add(EventEnvelope.of(new DisbursementRequested(c.instructionId(), c.kind(), c.sequence(), c.amount(),
                    c.partner(), crypto.encryptForTransport(c.account(), SealedParticipantData.accountToPayForGateway(c.participantId()))),
                    c.participantId(), UUID.randomUUID(), null, now));
        }
        if (spent > 0) {
            jdbc.update("update budget_commitment set committed = committed + ? where id = 1", spent);
        }
        if (pinned) {
            // requested or held: either way this run is done with it (what the budget stopped stays for the resume)
            jdbc.update("update payout_run_tranche set taken_at = ? where run_id = ? and instruction_id = any(?)",
                    Timestamp.from(now), runId, (Object) taken.toArray(String[]::new));
        }
        outbox.publishAll(events);
        Map<PayoutPartner, Long> perPartner = claimed.stream().collect(Collectors.groupingBy(Claimed::partner, Collectors.counting()));
        log.info("payout run {}: {} instruction(s) requested {}", runId, events.size(), perPartner);
        return new Batch(claimed.size(), events.size(), overBudget);
    }
}
