package id.go.prakerja.payment.disbursement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.support.crypto.SealContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Records a disbursement request as a payment to send; calls nobody. Runs inside the consumer's
 * transaction, so a redelivered, replayed or re-published request finds its payment: the same
 * content changes nothing; other content under the same instruction id is refused, recorded for
 * operators and logged as an alert, and never paid. The one exception ({@link RepeatedRequests}):
 * a payment that failed for an account reason is paid again, under a new reference, when a new
 * request for the same tranche names the participant's newly verified account.
 *
 * <p>The account to pay arrives sealed for transport ({@link #accountOnTheWire(UUID)}) and is opened
 * here; "the same content" compares the opened account, since sealing the same account twice gives
 * different text. A request whose account does not open fails, is retried by the binder and then
 * dead-lettered: it never becomes a payment. At rest the account is sealed again where the gateway
 * keeps it ({@link PaymentAccounts}: the payment, its attempt, a re-request's record of the attempt
 * it replaced), with its masked form beside it; nothing here writes or logs it in clear.
 */
@Component
public class DisbursementIntake {

    private static final Logger log = LoggerFactory.getLogger(DisbursementIntake.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Counter conflicts;
    private final Counter payAgain;
    private final PersonalDataCrypto crypto;
    private final PaymentAccounts accounts;

    public DisbursementIntake(JdbcTemplate jdbc, Clock clock, MeterRegistry meters, PersonalDataCrypto crypto,
            PaymentAccounts accounts) {
        this.jdbc = jdbc;
        this.crypto = crypto;
        this.accounts = accounts;
        this.clock = clock;
        this.conflicts = Counter.builder("prakerja.payment.conflicting.requests")
                .description("disbursement requests refused because their instruction id was known with other content")
                .register(meters);
        this.payAgain = Counter.builder("prakerja.payment.requests.after.account.change")
                .description("failed payments requested again once the participant's new account was verified")
                .register(meters);
    }

    /** Where the incentive service seals the account to pay of a disbursement request. */
    public static SealContext accountOnTheWire(UUID participantId) {
        return SealContext.ofEvent(DisbursementRequested.class, "accountNumber", participantId);
    }

    public void receive(EventEnvelope<DisbursementRequested> event) {
        String account = open(event);
        receive(event, account, contentHash(event, account), clock.instant());
    }

    /**
     * Records the requests of one consumer batch, in their order, with exactly the effect of
     * {@link #receive} one by one: the first request of each instruction id the gateway does not
     * know yet becomes a payment in one statement (and its first transition in another); every other
     * request (a repeat within the batch, or of a payment already recorded) goes the one-by-one way
     * after it. Runs inside the consumer's transaction; a request whose account does not open fails
     * the whole batch, which the consumer then processes one by one.
     */
    public void receiveAll(List<EventEnvelope<DisbursementRequested>> events) {
        Instant now = clock.instant();
        List<Opened> opened = new ArrayList<>(events.size());
        Set<String> firstSeen = new HashSet<>();
        List<Opened> candidates = new ArrayList<>(events.size());
        for (EventEnvelope<DisbursementRequested> event : events) {
            String account = open(event);
            Opened o = new Opened(event, account, contentHash(event, account), firstSeen.add(event.payload().instructionId()));
            opened.add(o);
            if (o.first()) {
                candidates.add(o);
            }
        }
        Set<String> inserted = insertNew(candidates, now);
        if (!inserted.isEmpty()) {
            insertFirstTransitions(candidates, inserted, now);
        }
        List<Opened> others = opened.stream()
                .filter(o -> !(o.first() && inserted.contains(o.event().payload().instructionId()))).toList();
        // their payments exist: locked in the one order every multi-payment transaction uses, then taken one by one
        PaymentLedger.lockInOrder(jdbc, others.stream().map(o -> o.event().payload().instructionId()).collect(Collectors.toSet()));
        for (Opened o : others) {
            receive(o.event(), o.account(), o.hash(), now);
        }
    }

    /** A request with its account opened; {@code first}: the first of its instruction id in the batch. */
    private record Opened(EventEnvelope<DisbursementRequested> event, String account, String hash, boolean first) {

        @Override
        public String toString() {
            return "Opened[" + event.payload().instructionId() + "]"; // never the account
        }
    }

    private String open(EventEnvelope<DisbursementRequested> event) {
        return crypto.decryptFromTransport(event.payload().accountNumber(), accountOnTheWire(event.participantId())).trim();
    }

    /**
     * Inserts the payments of the requests whose instruction id is new, in one statement; returns
     * those ids. Each account is sealed here, for its payment's row, and bound as one more array.
     */
    private Set<String> insertNew(List<Opened> requests, Instant now) {
        if (requests.isEmpty()) {
            return Set.of();
        }
        int n = requests.size();
        String[] ids = new String[n];
        UUID[] participants = new UUID[n];
        UUID[] correlations = new UUID[n];
        UUID[] eventIds = new UUID[n];
        String[] partners = new String[n];
        String[] kinds = new String[n];
        Integer[] sequences = new Integer[n];
        Long[] amounts = new Long[n];
        String[] sealed = new String[n];
        String[] masked = new String[n];
        String[] hashes = new String[n];
        String[] references = new String[n];
        for (int i = 0; i < n; i++) {
            Opened o = requests.get(i);
            DisbursementRequested r = o.event().payload();
            ids[i] = r.instructionId();
            participants[i] = o.event().participantId();
            correlations[i] = o.event().correlationId();
            eventIds[i] = o.event().eventId();
            partners[i] = r.partner().name();
            kinds[i] = r.kind().name();
            sequences[i] = r.sequence();
            amounts[i] = r.amount();
            sealed[i] = accounts.sealForPayment(o.account(), r.instructionId());
            masked[i] = Payment.mask(o.account());
            hashes[i] = o.hash();
            references[i] = PaymentReferences.of(r.instructionId(), 1);
        }
        Timestamp at = Timestamp.from(now);
        return jdbc.execute((Connection con) -> {
            try (PreparedStatement ps = con.prepareStatement("""
                    insert into payment (instruction_id, participant_id, correlation_id, request_event_id, partner, kind,
                        sequence, amount, account_number_sealed, account_masked, content_hash, attempt, partner_reference_no,
                        status, due_at, created_at, updated_at)
                    select r.id, r.participant, r.correlation, r.event, r.partner, r.kind, r.sequence, r.amount, r.sealed,
                        r.masked, r.hash, 1, r.reference, 'RECEIVED', ?, ?, ?
                      from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        as r(id, participant, correlation, event, partner, kind, sequence, amount, sealed, masked, hash,
                             reference)
                    on conflict (instruction_id) do nothing
                    returning instruction_id""")) {
                ps.setTimestamp(1, at);
                ps.setTimestamp(2, at);
                ps.setTimestamp(3, at);
                SqlArrays.bind(con, ps, 4, new Object[][] {ids, participants, correlations, eventIds, partners, kinds, sequences,
                        amounts, sealed, masked, hashes, references},
                        "text", "uuid", "uuid", "uuid", "text", "text", "int4", "int8", "text", "text", "text", "text");
                Set<String> result = new HashSet<>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add(rs.getString(1));
                    }
                }
                return result;
            }
        });
    }

    private void insertFirstTransitions(List<Opened> requests, Set<String> inserted, Instant now) {
        List<String> ids = new ArrayList<>(inserted.size());
        List<String> causes = new ArrayList<>(inserted.size());
        for (Opened o : requests) {
            if (inserted.contains(o.event().payload().instructionId())) {
                ids.add(o.event().payload().instructionId());
                causes.add("requested (event " + o.event().eventId() + ")");
            }
        }
        jdbc.execute((Connection con) -> {
            try (PreparedStatement ps = con.prepareStatement("""
                    insert into payment_transition (instruction_id, from_status, to_status, cause, raw_code, at)
                    select t.id, null, 'RECEIVED', t.cause, null, ? from unnest(?, ?) with ordinality as t(id, cause, n)
                    order by t.n""")) {
                ps.setTimestamp(1, Timestamp.from(now));
                SqlArrays.bind(con, ps, 2, new Object[][] {ids.toArray(String[]::new), causes.toArray(String[]::new)}, "text", "text");
                return ps.executeUpdate();
            }
        });
    }

    private void receive(EventEnvelope<DisbursementRequested> event, String account, String hash, Instant now) {
        DisbursementRequested request = event.payload();
        int inserted = jdbc.update("""
                insert into payment (instruction_id, participant_id, correlation_id, request_event_id, partner, kind,
                    sequence, amount, account_number_sealed, account_masked, content_hash, attempt, partner_reference_no,
                    status, due_at, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, 'RECEIVED', ?, ?, ?)
                on conflict (instruction_id) do nothing""",
                request.instructionId(), event.participantId(), event.correlationId(), event.eventId(),
                request.partner().name(), request.kind().name(), request.sequence(), request.amount(),
                accounts.sealForPayment(account, request.instructionId()), Payment.mask(account), hash,
                PaymentReferences.of(request.instructionId(), 1),
                Timestamp.from(now), Timestamp.from(now), Timestamp.from(now));
        if (inserted == 1) {
            jdbc.update("insert into payment_transition (instruction_id, from_status, to_status, cause, raw_code, at) values (?, null, 'RECEIVED', ?, null, ?)",
                    request.instructionId(), "requested (event " + event.eventId() + ")", Timestamp.from(now));
            return;
        }
        Known known = jdbc.queryForObject("""
                select participant_id, kind, sequence, amount, content_hash, status, reason_code, request_event_id, attempt,
                       partner, account_number_sealed, account_masked, partner_reference_no, blocked_reason
                  from payment where instruction_id = ? for update""", (rs, i) -> new Known(
                rs.getObject("participant_id", UUID.class), rs.getString("kind"), rs.getInt("sequence"),
                rs.getLong("amount"), rs.getString("content_hash"), PaymentStatus.valueOf(rs.getString("status")),
                rs.getString("reason_code"), rs.getObject("request_event_id", UUID.class), rs.getInt("attempt"),
                rs.getString("partner"), rs.getString("account_number_sealed"), rs.getString("account_masked"),
                rs.getString("partner_reference_no"),
                rs.getString("blocked_reason")), request.instructionId());
        var rules = new RepeatedRequests.Known(known.participantId(), known.kind(), known.sequence(), known.amount(),
                known.contentHash(), known.status(), known.reasonCode(),
                appliedEvents(request.instructionId(), known.requestEventId()), known.blockedReason() != null);
        var verdict = RepeatedRequests.judge(rules, new RepeatedRequests.Incoming(event.eventId(),
                event.participantId(), request.kind().name(), request.sequence(), request.amount(), hash));
        switch (verdict) {
            case SAME -> log.debug("disbursement {} requested again with the same content (event {}): nothing to do",
                    request.instructionId(), event.eventId());
            case PAY_AGAIN -> payAgain(event, account, hash, known, now);
            case CONFLICT -> conflict(event, hash, now, "same instruction id, other content: kind " + request.kind()
                    + ", sequence " + request.sequence() + ", amount " + request.amount() + ", partner " + request.partner());
            case BLOCKED -> conflict(event, hash, now, "instruction blocked (" + known.blockedReason()
                    + "): no further attempt; requested with kind " + request.kind() + ", sequence " + request.sequence()
                    + ", amount " + request.amount() + ", partner " + request.partner());
        }
    }

    /** The payment as the rules and a new attempt need it. */
    private record Known(UUID participantId, String kind, int sequence, long amount, String contentHash,
            PaymentStatus status, String reasonCode, UUID requestEventId, int attempt, String partner,
            String accountSealed, String accountMasked, String partnerReferenceNo, String blockedReason) {
    }

    /** Every request event this payment has already taken in: its own, earlier attempts' and refused ones. */
    private Set<UUID> appliedEvents(String instructionId, UUID current) {
        Set<UUID> applied = new HashSet<>();
        applied.add(current);
        applied.addAll(jdbc.queryForList("""
                select event_id from payment_rerequest where instruction_id = ?
                union all select previous_event_id from payment_rerequest where instruction_id = ?
                union all select event_id from payment_conflict where instruction_id = ?""", UUID.class,
                instructionId, instructionId, instructionId));
        return applied;
    }

    /**
     * The payment failed, and the incentive service asks for the tranche again (after a new or fixed
     * account was verified, or an operator's retry): it goes back to be sent, to the account of this
     * request, under a new reference. The account it replaces is opened once, to be sealed again for
     * the re-request's row; the new one is sealed for the payment and for its new attempt.
     */
    private void payAgain(EventEnvelope<DisbursementRequested> event, String account, String hash, Known known, Instant now) {
        DisbursementRequested request = event.payload();
        int attempt = known.attempt() + 1;
        String reference = PaymentReferences.of(request.instructionId(), attempt);
        String previous = accounts.openPayment(known.accountSealed(), request.instructionId());
        jdbc.update("""
                insert into payment_rerequest (event_id, instruction_id, attempt, previous_event_id, previous_partner,
                    previous_account_number_sealed, previous_account_masked, previous_reference_no, previous_reason_code,
                    received_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", event.eventId(), request.instructionId(), attempt,
                known.requestEventId(), known.partner(), accounts.sealForRerequest(previous, event.eventId()),
                known.accountMasked(), known.partnerReferenceNo(), known.reasonCode(), Timestamp.from(now));
        jdbc.update("""
                update payment set status = 'RECEIVED', attempt = ?, partner_reference_no = ?, partner = ?,
                    account_number_sealed = ?, account_masked = ?, content_hash = ?, request_event_id = ?, correlation_id = ?,
                    reason_code = null, partner_reference = null, due_at = ?, updated_at = ?, finished_at = null,
                    version = version + 1
                where instruction_id = ?""", attempt, reference, request.partner().name(),
                accounts.sealForPayment(account, request.instructionId()), Payment.mask(account), hash, event.eventId(),
                event.correlationId(), Timestamp.from(now), Timestamp.from(now), request.instructionId());
        jdbc.update("update payment_attempt set settled_as = 'NOT_CREDITED' where partner_reference_no = ?",
                known.partnerReferenceNo());
        jdbc.update("insert into payment_transition (instruction_id, from_status, to_status, cause, raw_code, at) values (?, 'FAILED', 'RECEIVED', ?, null, ?)",
                request.instructionId(), (RepeatedRequests.awaitsAnotherAccount(PaymentStatus.FAILED, known.reasonCode())
                        ? "requested again by incentive-service after an account change"
                        : "requested again by incentive-service (an operator's retry of the tranche)")
                        + " (event " + event.eventId() + ", attempt "
                        + attempt + ", " + request.partner() + " " + Payment.mask(account)
                        + ", after " + known.reasonCode() + ")", Timestamp.from(now));
        payAgain.increment();
        log.info("disbursement {} requested again after {}: attempt {} to {} under {}",
                request.instructionId(), known.reasonCode(), attempt, request.partner(), reference);
    }

    private void conflict(EventEnvelope<DisbursementRequested> event, String hash, Instant now, String detail) {
        DisbursementRequested request = event.payload();
        jdbc.update("insert into payment_conflict (instruction_id, event_id, content_hash, detail, received_at) values (?, ?, ?, ?, ?)",
                request.instructionId(), event.eventId(), hash, detail, Timestamp.from(now));
        conflicts.increment();
        log.error("ALERT disbursement {} requested again and refused, not paid (event {}): {}; see /admin/payments/{}",
                request.instructionId(), event.eventId(), detail, request.instructionId());
    }

    /** Of the request as opened: the same request sealed again hashes the same. */
    private String contentHash(EventEnvelope<DisbursementRequested> event, String openedAccount) {
        DisbursementRequested r = event.payload();
        return contentHash(crypto, event.participantId(), r.kind().name(), r.sequence(), r.amount(), r.partner().name(),
                openedAccount);
    }

    /**
     * What "the same request" compares: a keyed hash (the blind-index key), never a plain one: an
     * account number has too few digits for an unkeyed hash of it to be anything but its clear value
     * to whoever reads the table.
     */
    public static String contentHash(PersonalDataCrypto crypto, UUID participantId, String kind, int sequence, long amount,
            String partner, String openedAccount) {
        return crypto.blindIndex("disbursement-request|" + participantId + "|" + kind + "|" + sequence + "|" + amount + "|"
                + partner + "|" + openedAccount);
    }
}
