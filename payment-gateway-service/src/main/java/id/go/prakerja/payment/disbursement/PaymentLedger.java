package id.go.prakerja.payment.disbursement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.events.payment.DisbursementFailed;
import id.go.prakerja.events.payment.DisbursementOutcomeUnknown;
import id.go.prakerja.events.payment.DisbursementSucceeded;
import id.go.prakerja.payment.PaymentProperties;
import id.go.prakerja.payment.partner.PartnerAnswer;
import id.go.prakerja.payment.partner.PartnerCodes;
import id.go.prakerja.support.crypto.SealContext;
import id.go.prakerja.support.outbox.Outbox;

/**
 * The payment table: claiming due payments ({@code FOR UPDATE SKIP LOCKED}, in batches, under a
 * lease), and applying answers. An answer is applied only if the payment is still in the state and
 * version it was claimed in, so a late answer never overwrites a newer one; moving into SUCCEEDED
 * or FAILED writes its event into the outbox in the same transaction, so each is published once.
 */
@Component
public class PaymentLedger {

    private static final Logger log = LoggerFactory.getLogger(PaymentLedger.class);
    static final String COLUMNS = """
            instruction_id, participant_id, correlation_id, request_event_id, partner, kind, sequence, amount,
            account_number_sealed, account_masked, attempt, partner_reference_no, status, reason_code, partner_reference,
            last_raw_code, sends, inquiries, due_at, created_at, updated_at, finished_at, version, ever_ambiguous,
            blocked_reason""";
    public static final RowMapper<Payment> ROWS = PaymentLedger::row;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final Clock clock;
    private final PaymentProperties settings;

    public PaymentLedger(JdbcTemplate jdbc, TransactionTemplate transactions, Outbox outbox, Clock clock,
            PaymentProperties settings) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.outbox = outbox;
        this.clock = clock;
        this.settings = settings;
    }

    /** A payment claimed by a worker, with the version its answer must find. */
    public record Claimed(Payment payment, PaymentStatus claimedFrom) {
    }

    /**
     * An answer to apply.
     *
     * @param ambiguous         whether the payment, as claimed, had ever been ambiguous
     * @param creditedReference of a check of every reference: ours that the partner shows credited
     */
    public record Outcome(String instructionId, long expectedVersion, PaymentStatus expectedStatus,
            PaymentTransitions.Source source, PartnerAnswer answer, int inquiries, boolean ambiguous,
            String creditedReference) {

        public Outcome(String instructionId, long expectedVersion, PaymentStatus expectedStatus,
                PaymentTransitions.Source source, PartnerAnswer answer, int inquiries) {
            this(instructionId, expectedVersion, expectedStatus, source, answer, inquiries, false, null);
        }

        /** The answer about a payment as it was claimed. */
        public static Outcome of(Claimed claimed, PaymentTransitions.Source source, PartnerAnswer answer,
                String creditedReference) {
            Payment p = claimed.payment();
            return new Outcome(p.instructionId(), p.version(), p.status(), source, answer, p.inquiries(), p.everAmbiguous(),
                    creditedReference);
        }
    }

    /**
     * One attempt of an instruction, as sent: its own partner reference, partner and account (masked
     * for operators; sealed where it is kept once, {@code accountSealed} under {@code accountSealedAt}:
     * the payment's for its current attempt, the re-request's record of the attempt it replaced for
     * an earlier one; opened by {@link PaymentAccounts} alone), and when it was sent.
     */
    public record Attempt(String instructionId, int attempt, String partnerReferenceNo, PayoutPartner partner,
            String accountSealed, SealContext accountSealedAt, String accountMasked, long amount, Instant firstSentAt,
            Instant lastSentAt, String settledAs) {
    }

    /**
     * Attempts with their account: an attempt's row is written when it is first sent and holds the
     * masked account; the sealed one is read from the row that keeps it. Callers add their
     * {@code where} on {@code a} (the attempt) and their order.
     */
    public static final String ATTEMPTS = """
            select a.*, case when a.attempt = p.attempt then p.account_number_sealed
                             else r.previous_account_number_sealed end as account_sealed,
                   case when a.attempt = p.attempt then null else r.event_id end as replaced_by
              from payment_attempt a join payment p on p.instruction_id = a.instruction_id
              left join payment_rerequest r on r.instruction_id = a.instruction_id and r.attempt = a.attempt + 1
            """;

    /** Claims up to {@code limit} payments of a partner that are due to be sent, moving them to SENDING. */
    public List<Claimed> claimToSend(PayoutPartner partner, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Instant now = clock.instant();
        return transactions.execute(tx -> {
            // the attempt's row is written (first send) or its last send moved (a resend under the same
            // reference) by the statement that claims it: its sending is on record before the call leaves
            List<Payment> claimed = jdbc.query("""
                    with due as (select instruction_id from payment where partner = ? and status = 'RECEIVED' and due_at <= ?
                                 and blocked_reason is null
                                 order by due_at limit ? for update skip locked),
                    claimed as (update payment p set status = 'SENDING', sends = sends + 1, due_at = ?, updated_at = ?,
                                    version = version + 1
                                from due where p.instruction_id = due.instruction_id
                                returning p.*),
                    sent as (insert into payment_attempt (instruction_id, attempt, partner_reference_no, partner, account_masked,
                                 amount, request_event_id, first_sent_at, last_sent_at, created_at)
                             select instruction_id, attempt, partner_reference_no, partner, account_masked, amount,
                                    request_event_id, ?, ?, ? from claimed
                             on conflict (partner_reference_no) do update
                                 set first_sent_at = coalesce(payment_attempt.first_sent_at, excluded.first_sent_at),
                                     last_sent_at = excluded.last_sent_at)
                    select * from claimed""", ROWS, partner.name(), ts(now), limit, ts(now.plus(settings.sender().lease())),
                    ts(now), ts(now), ts(now), ts(now));
            recordTransitions(claimed.stream().map(p -> new Transition(p.instructionId(), PaymentStatus.RECEIVED,
                    PaymentStatus.SENDING, "claimed by the sender", null)).toList(), now);
            return claimed.stream().map(p -> new Claimed(p, PaymentStatus.RECEIVED)).toList();
        });
    }

    /**
     * Claims up to {@code limit} payments of a partner whose outcome must be asked: UNKNOWN,
     * PENDING_AT_PARTNER or IN_DOUBT and due, or SENDING past the sender's lease (its instance died:
     * the call's outcome is unknown, so the payment is ambiguous from then on). They keep their
     * status; their due time moves one lease ahead while the inquiry runs.
     */
    public List<Claimed> claimToSettle(PayoutPartner partner, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Instant now = clock.instant();
        return transactions.execute(tx -> jdbc.query("""
                update payment p set inquiries = inquiries + 1, due_at = ?, updated_at = ?, version = version + 1,
                    ever_ambiguous = ever_ambiguous or status = 'SENDING'
                from (select instruction_id from payment
                      where partner = ? and status in ('SENDING', 'UNKNOWN', 'PENDING_AT_PARTNER', 'IN_DOUBT') and due_at <= ?
                      order by due_at limit ? for update skip locked) due
                where p.instruction_id = due.instruction_id
                returning p.*""", ROWS, ts(now.plus(settings.sender().lease())), ts(now), partner.name(), ts(now), limit))
                .stream().map(p -> new Claimed(p, p.status())).toList();
    }

    /** Claims one payment for an inquiry an operator asked for; empty if it is not waiting for an outcome. */
    public Optional<Claimed> claimForInquiry(String instructionId) {
        Instant now = clock.instant();
        return transactions.execute(tx -> jdbc.query("""
                update payment set inquiries = inquiries + 1, due_at = ?, updated_at = ?, version = version + 1,
                    ever_ambiguous = ever_ambiguous or status = 'SENDING'
                where instruction_id = ? and status in ('SENDING', 'UNKNOWN', 'PENDING_AT_PARTNER', 'IN_DOUBT')
                returning *""", ROWS, ts(now.plus(settings.sender().lease())), ts(now), instructionId))
                .stream().findFirst().map(p -> new Claimed(p, p.status()));
    }

    /**
     * Applies answers in one transaction; returns how many changed a payment. Each round is one
     * statement over arrays (a round trip per answer was the writer's limit: ~2,000 a second);
     * an instruction that has two answers in the batch gets its second in the next round, so the
     * answers apply in the order they came, as one by one.
     */
    public int apply(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<List<Planned>> rounds = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Outcome o : outcomes) {
            var decision = PaymentTransitions.decide(o.expectedStatus(), o.source(), o.answer(), o.inquiries(),
                    o.ambiguous(), settings.sender(), settings.sweeper());
            PaymentStatus to = decision.to();
            if (to != o.expectedStatus() && !o.expectedStatus().canMoveTo(to)) {
                log.error("payment {}: {} -> {} is not a transition; answer ignored", o.instructionId(), o.expectedStatus(), to);
                continue;
            }
            int round = seen.merge(o.instructionId(), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(new Planned(o, decision));
        }
        Integer changed = transactions.execute(tx -> {
            lockInOrder(jdbc, seen.keySet());
            int n = 0;
            List<EventEnvelope<?>> events = new ArrayList<>();
            List<Transition> transitions = new ArrayList<>();
            List<Settled> settled = new ArrayList<>();
            for (List<Planned> round : rounds) {
                Map<String, Planned> byId = new HashMap<>();
                round.forEach(planned -> byId.put(planned.outcome().instructionId(), planned));
                for (Payment updated : updateAll(round, now)) {
                    Planned planned = byId.get(updated.instructionId());
                    Outcome o = planned.outcome();
                    PaymentStatus to = planned.decision().to();
                    n++;
                    if (to != o.expectedStatus()) {
                        transitions.add(new Transition(o.instructionId(), o.expectedStatus(), to, planned.decision().cause(),
                                o.answer().rawCode()));
                        events.addAll(finalEvent(updated, now));
                        if (to == PaymentStatus.UNKNOWN || to == PaymentStatus.IN_DOUBT) {
                            events.add(unknownEvent(updated, planned.decision().cause(), now));
                        }
                        if (to.isFinal()) {
                            settled.add(new Settled(updated, o.expectedStatus(), o.creditedReference()));
                        }
                    }
                }
            }
            recordTransitions(transitions, now);
            settleAttempts(settled);
            outbox.publishAll(events);
            return n;
        });
        return changed == null ? 0 : changed;
    }

    private record Planned(Outcome outcome, PaymentTransitions.Decision decision) {
    }

    /** A payment that became final: its attempts are settled as credited or not. */
    private record Settled(Payment payment, PaymentStatus from, String creditedReference) {
    }

    /**
     * A paid payment's credited attempt is the one its answer named (a check of every reference) or
     * the current one; a failed payment's current attempt was not credited, and after a check of
     * every reference (from IN_DOUBT) none of its attempts was.
     */
    private void settleAttempts(List<Settled> settled) {
        if (settled.isEmpty()) {
            return;
        }
        List<String> credited = new ArrayList<>();
        List<String> notCredited = new ArrayList<>();
        List<String> allNotCredited = new ArrayList<>();
        for (Settled s : settled) {
            if (s.payment().status() == PaymentStatus.SUCCEEDED) {
                credited.add(s.creditedReference() != null ? s.creditedReference() : s.payment().partnerReferenceNo());
            } else if (s.from() == PaymentStatus.IN_DOUBT) {
                allNotCredited.add(s.payment().instructionId());
            } else {
                notCredited.add(s.payment().partnerReferenceNo());
            }
        }
        // one statement per kind, each on one index: an OR of the three made the planner scan the table
        settle("update payment_attempt set settled_as = 'CREDITED' where partner_reference_no = any(?)", credited);
        settle("""
                update payment_attempt set settled_as = 'NOT_CREDITED'
                 where partner_reference_no = any(?) and partner_reference_no <> all(?)""", notCredited, credited);
        settle("""
                update payment_attempt set settled_as = 'NOT_CREDITED'
                 where instruction_id = any(?) and partner_reference_no <> all(?)""", allNotCredited, credited);
    }

    /** Runs one settling statement, its arrays bound in order; nothing when the first is empty. */
    @SafeVarargs
    private void settle(String sql, List<String> which, List<String>... more) {
        if (which.isEmpty()) {
            return;
        }
        jdbc.execute((Connection con) -> {
            try (PreparedStatement ps = con.prepareStatement(sql)) {
                ps.setArray(1, con.createArrayOf("text", which.toArray()));
                for (int i = 0; i < more.length; i++) {
                    ps.setArray(i + 2, con.createArrayOf("text", more[i].toArray()));
                }
                return ps.executeUpdate();
            }
        });
    }


    /**
     * Locks these payments for the rest of the transaction, in instruction id order. Every
     * transaction that waits for the locks of several payments takes them this way (claims skip
     * locked rows and never wait), so two of them can wait for each other's rows only in one
     * direction: no deadlock.
     */
    static void lockInOrder(JdbcTemplate jdbc, Collection<String> instructionIds) {
        if (instructionIds.isEmpty()) {
            return;
        }
        jdbc.execute((Connection con) -> {
            try (PreparedStatement ps = con.prepareStatement(
                    "select instruction_id from payment where instruction_id = any(?) order by instruction_id for update")) {
                ps.setArray(1, con.createArrayOf("text", instructionIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        // locked as read
                    }
                }
                return null;
            }
        });
    }

    /**
     * One statement for a round of answers (each instruction at most once): a payment changes
     * only if it is still in the state and version its answer was claimed in (someone else, an
     * operator, the sweeper or a reconciliation, may have moved it on meanwhile). A claim puts the
     * payment's due time a lease ahead; if it is already due when the answer comes, a partner's
     * notification arrived meanwhile ({@link #inquireSoon}). An answer that leaves the payment
     * waiting (pending, unknown) then keeps it due at once instead of backing off: the
     * notification may tell what that answer, given before it, could not.
     */
    private List<Payment> updateAll(List<Planned> round, Instant now) {
        int size = round.size();
        String[] ids = new String[size];
        String[] expectedStatus = new String[size];
        Long[] expectedVersion = new Long[size];
        String[] toStatus = new String[size];
        String[] reason = new String[size];
        String[] partnerReference = new String[size];
        String[] rawCode = new String[size];
        String[] dueAt = new String[size];
        String[] finishedAt = new String[size];
        for (int i = 0; i < size; i++) {
            Outcome o = round.get(i).outcome();
            PaymentStatus to = round.get(i).decision().to();
            ids[i] = o.instructionId();
            expectedStatus[i] = o.expectedStatus().name();
            expectedVersion[i] = o.expectedVersion();
            toStatus[i] = to.name();
            reason[i] = to == PaymentStatus.FAILED || to == PaymentStatus.IN_DOUBT ? o.answer().reasonCode() : null;
            partnerReference[i] = o.answer().partnerReference();
            rawCode[i] = o.answer().rawCode();
            dueAt[i] = now.plus(round.get(i).decision().dueIn()).toString();
            finishedAt[i] = to.isFinal() ? now.toString() : null;
        }
        return jdbc.query(connection -> {
            var statement = connection.prepareStatement("""
                    update payment p set status = a.to_status,
                        reason_code = case when a.to_status in ('FAILED', 'IN_DOUBT') then coalesce(a.reason, p.reason_code) end,
                        ever_ambiguous = p.ever_ambiguous or a.to_status = 'UNKNOWN',
                        partner_reference = coalesce(a.partner_reference, p.partner_reference), last_raw_code = a.raw_code,
                        due_at = case when a.to_status in ('UNKNOWN', 'PENDING_AT_PARTNER', 'IN_DOUBT') and p.due_at <= ?
                                      then ? else a.due_at::timestamptz end,
                        updated_at = ?, finished_at = a.finished_at::timestamptz,
                        version = p.version + 1
                    from unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                        as a(instruction_id, expected_status, expected_version, to_status, reason, partner_reference, raw_code,
                             due_at, finished_at)
                    where p.instruction_id = a.instruction_id and p.status = a.expected_status and p.version = a.expected_version
                    returning p.*""");
            statement.setTimestamp(1, ts(now));
            statement.setTimestamp(2, ts(now));
            statement.setTimestamp(3, ts(now));
            Object[][] columns = {ids, expectedStatus, expectedVersion, toStatus, reason, partnerReference, rawCode, dueAt,
                    finishedAt};
            SqlArrays.bind(connection, statement, 4, columns, "text", "text", "bigint", "text", "text", "text", "text", "text",
                    "text");
            return statement;
        }, ROWS);
    }

    /**
     * Settles a payment as paid from an outside source of truth (the settlement report) that shows
     * {@code ourReference}, one of the instruction's references, credited; false if nothing changed.
     * A payment waiting for an outcome (in flight, pending, unknown, in doubt, or sent and waiting to
     * be sent again) is settled; a FAILED one only with {@code evenIfFailed}: its earlier reference
     * was credited after all, so the tranche was paid and no further attempt may follow.
     */
    public boolean settleAsPaid(String instructionId, String ourReference, String partnerReference, String cause, String raw,
            boolean evenIfFailed) {
        Instant now = clock.instant();
        Boolean done = transactions.execute(tx -> {
            List<Payment> found = jdbc.query("select " + COLUMNS + " from payment where instruction_id = ? for update",
                    ROWS, instructionId);
            if (found.isEmpty()) {
                return false;
            }
            Payment p = found.get(0);
            boolean settles = switch (p.status()) {
                case SUCCEEDED -> false;
                case FAILED -> evenIfFailed;
                case RECEIVED -> p.sends() > 0 || !ourReference.equals(p.partnerReferenceNo());
                default -> true;
            };
            if (!settles) {
                return false;
            }
            List<Payment> updated = jdbc.query("""
                    update payment set status = 'SUCCEEDED', partner_reference = coalesce(?, partner_reference),
                        last_raw_code = ?, reason_code = null, updated_at = ?, finished_at = ?, version = version + 1
                    where instruction_id = ? returning *""", ROWS, partnerReference, raw, ts(now), ts(now), instructionId);
            jdbc.update("update payment_attempt set settled_as = 'CREDITED' where partner_reference_no = ?", ourReference);
            transition(instructionId, p.status(), PaymentStatus.SUCCEEDED, cause, raw, now);
            outbox.publishAll(finalEvent(updated.get(0), now));
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    /**
     * Stops every further attempt of an instruction (a settlement report showed an earlier reference
     * credited); false if it was already blocked. Its payment is never sent again and a new request
     * for it is refused.
     */
    public boolean block(String instructionId, String reason) {
        Instant now = clock.instant();
        Boolean done = transactions.execute(tx -> {
            int changed = jdbc.update("""
                    update payment set blocked_reason = ?, updated_at = ?, version = version + 1
                     where instruction_id = ? and blocked_reason is null""", reason, ts(now), instructionId);
            if (changed == 1) {
                String status = jdbc.queryForObject("select status from payment where instruction_id = ?", String.class,
                        instructionId);
                PaymentStatus s = PaymentStatus.valueOf(status);
                transition(instructionId, s, s, "blocked: " + reason, null, now);
                log.error("ALERT payment {} blocked: {}", instructionId, reason);
            }
            return changed == 1;
        });
        return Boolean.TRUE.equals(done);
    }

    /**
     * Every attempt of an instruction, first to last; the current one too while it waits for its
     * first send (no row yet, never sent).
     */
    public List<Attempt> attempts(String instructionId) {
        List<Attempt> attempts = new ArrayList<>(
                jdbc.query(ATTEMPTS + " where a.instruction_id = ? order by a.attempt", PaymentLedger::attempt, instructionId));
        find(instructionId).filter(p -> attempts.stream().noneMatch(a -> a.attempt() == p.attempt()))
                .ifPresent(p -> attempts.add(new Attempt(p.instructionId(), p.attempt(), p.partnerReferenceNo(), p.partner(),
                        p.accountSealed(), SealedPayments.PAYMENT.context(SealedPayments.ACCOUNT_NUMBER, p.instructionId()),
                        p.accountMasked(), p.amount(), null, null, null)));
        return attempts;
    }

    /** The attempt that used one of our references, if any. */
    public Optional<Attempt> attemptByReference(String partnerReferenceNo) {
        return jdbc.query(ATTEMPTS + " where a.partner_reference_no = ?", PaymentLedger::attempt, partnerReferenceNo)
                .stream().findFirst();
    }

    /** An attempt as {@link #ATTEMPTS} reads it. */
    public static Attempt attempt(ResultSet rs, int n) throws SQLException {
        String instructionId = rs.getString("instruction_id");
        UUID replacedBy = rs.getObject("replaced_by", UUID.class);
        SealContext sealedAt = replacedBy == null
                ? SealedPayments.PAYMENT.context(SealedPayments.ACCOUNT_NUMBER, instructionId)
                : SealedPayments.PAYMENT_REREQUEST.context(SealedPayments.PREVIOUS_ACCOUNT_NUMBER, replacedBy);
        return new Attempt(instructionId, rs.getInt("attempt"), rs.getString("partner_reference_no"),
                PayoutPartner.valueOf(rs.getString("partner")), rs.getString("account_sealed"), sealedAt,
                rs.getString("account_masked"), rs.getLong("amount"),
                instant(rs, "first_sent_at"), instant(rs, "last_sent_at"), rs.getString("settled_as"));
    }

    /**
     * Makes the payments with these references (any attempt's) that wait on the partner (UNKNOWN, PENDING_AT_PARTNER, IN_DOUBT)
     * due for a status inquiry now; returns the references it made due. A payment whose answer is
     * being applied at this moment is waited for, then judged as that answer left it: made due if it
     * still waits on the partner. Rows are locked in instruction id order, as {@link #apply} and the
     * intake lock theirs ({@link #lockInOrder}), so waiting cannot deadlock.
     */
    public Set<String> inquireSoon(Collection<String> partnerReferenceNos) {
        if (partnerReferenceNos.isEmpty()) {
            return Set.of();
        }
        Timestamp now = ts(clock.instant());
        return new HashSet<>(jdbc.execute((Connection con) -> {
            try (PreparedStatement ps = con.prepareStatement("""
                    update payment p set due_at = ?, updated_at = ? from (
                      select instruction_id from payment
                       where instruction_id in (select instruction_id from payment_attempt where partner_reference_no = any(?))
                         and status in ('UNKNOWN', 'PENDING_AT_PARTNER', 'IN_DOUBT') order by instruction_id for update) d
                     where p.instruction_id = d.instruction_id returning p.partner_reference_no""")) {
                ps.setTimestamp(1, now);
                ps.setTimestamp(2, now);
                ps.setArray(3, con.createArrayOf("text", partnerReferenceNos.toArray()));
                Set<String> due = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        due.add(rs.getString(1));
                    }
                }
                return due;
            }
        }));
    }

    /** The partner of each payment among these references that exists. */
    public Map<String, PayoutPartner> partnersOf(Collection<String> partnerReferenceNos) {
        if (partnerReferenceNos.isEmpty()) {
            return Map.of();
        }
        return jdbc.execute((Connection con) -> {
            try (PreparedStatement ps = con.prepareStatement(
                    "select partner_reference_no, partner from payment where partner_reference_no = any(?)")) {
                ps.setArray(1, con.createArrayOf("text", partnerReferenceNos.toArray()));
                Map<String, PayoutPartner> found = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(1), PayoutPartner.valueOf(rs.getString(2)));
                    }
                }
                return found;
            }
        });
    }

    public Optional<Payment> find(String instructionId) {
        return jdbc.query("select " + COLUMNS + " from payment where instruction_id = ?", ROWS, instructionId).stream().findFirst();
    }

    public Optional<Payment> findByReference(String partnerReferenceNo) {
        return jdbc.query("select " + COLUMNS + " from payment where partner_reference_no = ?", ROWS, partnerReferenceNo)
                .stream().findFirst();
    }

    private List<EventEnvelope<?>> finalEvent(Payment p, Instant now) {
        if (p.status() == PaymentStatus.SUCCEEDED) {
            return List.of(EventEnvelope.of(new DisbursementSucceeded(p.instructionId(),
                    p.partnerReference() != null ? p.partnerReference() : p.partnerReferenceNo(), now),
                    p.participantId(), p.correlationId(), p.requestEventId(), now));
        }
        if (p.status() == PaymentStatus.FAILED) {
            String reason = p.reasonCode() != null ? p.reasonCode() : PartnerCodes.PARTNER_REJECTED;
            return List.of(EventEnvelope.of(new DisbursementFailed(p.instructionId(), reason,
                    PartnerCodes.retryableAfterAccountChange(reason), now),
                    p.participantId(), p.correlationId(), p.requestEventId(), now));
        }
        return List.of();
    }

    /** Announced once per entry into UNKNOWN (an inquiry that leaves it UNKNOWN is no entry). */
    private static EventEnvelope<?> unknownEvent(Payment p, String cause, Instant now) {
        return EventEnvelope.of(new DisbursementOutcomeUnknown(p.instructionId(), p.partner(), cause, now,
                p.status() == PaymentStatus.IN_DOUBT),
                p.participantId(), p.correlationId(), p.requestEventId(), now);
    }

    void transition(String instructionId, PaymentStatus from, PaymentStatus to, String cause, String raw, Instant at) {
        jdbc.update("insert into payment_transition (instruction_id, from_status, to_status, cause, raw_code, at) values (?, ?, ?, ?, ?, ?)",
                instructionId, from == null ? null : from.name(), to.name(), cause, raw, ts(at));
    }

    /** A state change to record. */
    private record Transition(String instructionId, PaymentStatus from, PaymentStatus to, String cause, String rawCode) {
    }

    /** Records many state changes in one statement, in the order given (a row each would cost a round trip each). */
    private void recordTransitions(List<Transition> transitions, Instant at) {
        if (transitions.isEmpty()) {
            return;
        }
        int size = transitions.size();
        String[][] columns = new String[5][size];
        for (int i = 0; i < size; i++) {
            Transition t = transitions.get(i);
            columns[0][i] = t.instructionId();
            columns[1][i] = t.from() == null ? null : t.from().name();
            columns[2][i] = t.to().name();
            columns[3][i] = t.cause();
            columns[4][i] = t.rawCode();
        }
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("""
                    insert into payment_transition (instruction_id, from_status, to_status, cause, raw_code, at)
                    select t.id, t.from_status, t.to_status, t.cause, t.raw_code, ?
                    from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) with ordinality
                        as t(id, from_status, to_status, cause, raw_code, n)
                    order by t.n""");
            statement.setTimestamp(1, ts(at));
            SqlArrays.bind(connection, statement, 2, columns, "text", "text", "text", "text", "text");
            return statement;
        });
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Payment row(ResultSet rs, int n) throws SQLException {
        return new Payment(rs.getString("instruction_id"), rs.getObject("participant_id", UUID.class),
                rs.getObject("correlation_id", UUID.class), rs.getObject("request_event_id", UUID.class),
                PayoutPartner.valueOf(rs.getString("partner")), rs.getString("kind"), rs.getInt("sequence"),
                rs.getLong("amount"), rs.getString("account_number_sealed"), rs.getString("account_masked"), rs.getInt("attempt"),
                rs.getString("partner_reference_no"), PaymentStatus.valueOf(rs.getString("status")),
                rs.getString("reason_code"), rs.getString("partner_reference"), rs.getString("last_raw_code"),
                rs.getInt("sends"), rs.getInt("inquiries"), instant(rs, "due_at"), instant(rs, "created_at"),
                instant(rs, "updated_at"), instant(rs, "finished_at"), rs.getLong("version"), rs.getBoolean("ever_ambiguous"),
                rs.getString("blocked_reason"));
    }

    static Duration zeroIfNull(Duration d) {
        return d == null ? Duration.ZERO : d;
    }
}
