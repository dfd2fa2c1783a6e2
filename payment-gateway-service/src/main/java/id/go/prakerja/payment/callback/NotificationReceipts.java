package id.go.prakerja.payment.callback;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.PaymentProperties;
import id.go.prakerja.payment.disbursement.Batches;
import id.go.prakerja.payment.disbursement.PaymentLedger;
import id.go.prakerja.payment.disbursement.SqlArrays;

/**
 * Records partners' notifications in batches: every notification that arrived while the previous
 * batch committed goes into the next one, one transaction and four statements for all of them
 * (a thousand notifications a second would otherwise be a thousand commits). The caller waits for
 * its own notification's outcome, so a partner is acknowledged only once its notification is
 * recorded. Within a batch, and against the receipts already stored, the result is what recording
 * them one by one in arrival order would give: the first copy of a (partner, day, external id) is
 * recorded and acted on, a later copy with the same body is a duplicate, with another body a reuse.
 * The external id is not covered by the partner's signature, so a receipt is also keyed on what the
 * signature covers (method, path, body and timestamp: {@link Notice#signedDigest()}): a captured
 * notification replayed under a new external id, or after midnight, is a duplicate, never acted on.
 * If a batch fails, its notifications are recorded one per transaction, so one bad notification
 * costs only its own.
 */
@Component
public class NotificationReceipts implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationReceipts.class);
    private static final int BATCH = 500;

    /** What became of a notification. */
    public enum Outcome {
        /** Recorded; its payment is now due for a status inquiry. */
        INQUIRY,
        /** Recorded; its payment needs no inquiry (already final, or already being sent). */
        NOTED,
        /** Recorded; no payment of this partner has that reference. */
        UNKNOWN_PAYMENT,
        /** The same notification again. */
        DUPLICATE,
        /** Another notification under an external id already used that day. */
        REUSED
    }

    /** A verified, readable notification. */
    public record Notice(PayoutPartner partner, LocalDate day, String externalId, String bodyHash,
            String partnerReferenceNo, Instant receivedAt, String signedDigest) {
    }

    private record Key(PayoutPartner partner, LocalDate day, String externalId) {
    }

    private record Waiting(Notice notice, CompletableFuture<Outcome> outcome) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final PaymentLedger ledger;
    private final Batches<Waiting> batches;
    private final AtomicLong refusedWhileFull = new AtomicLong();

    @Autowired
    public NotificationReceipts(JdbcTemplate jdbc, TransactionTemplate transactions, PaymentLedger ledger,
            PaymentProperties settings) {
        this(jdbc, transactions, ledger, settings.callbacks().queueCapacity());
    }

    NotificationReceipts(JdbcTemplate jdbc, TransactionTemplate transactions, PaymentLedger ledger, int queueCapacity) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.ledger = ledger;
        this.batches = new Batches<>("payment-notifications", BATCH, queueCapacity, Duration.ofSeconds(5), this::write);
    }

    /**
     * Records a notification; the future completes once it is committed, or exceptionally if it could not be (the
     * database failed, or more notifications wait than the writer can take: the partner is then answered at once and
     * sends again later). A caller that gives up waiting completes the future itself; a notification whose future is
     * complete before its turn is not written.
     */
    public CompletableFuture<Outcome> record(Notice notice) {
        Waiting waiting = new Waiting(notice, new CompletableFuture<>());
        if (batches.offer(waiting)) {
            return waiting.outcome();
        }
        if (batches.isRunning()) {
            if (refusedWhileFull.getAndIncrement() % 1_000 == 0) {
                log.warn("payment notifications: {} wait to be recorded, the most allowed; refusing more (503) until "
                        + "the backlog shrinks ({} refused so far)", batches.backlog(), refusedWhileFull.get());
            }
            waiting.outcome().completeExceptionally(new RejectedExecutionException("notification backlog full"));
            return waiting.outcome();
        }
        // before start or after stop (a request the web server still finishes): recorded in the caller's thread
        write(List.of(waiting));
        return waiting.outcome();
    }

    private void write(List<Waiting> handedOver) {
        List<Waiting> batch = handedOver.stream().filter(w -> !w.outcome().isDone()).toList();
        if (batch.isEmpty()) {
            return; // their partners were answered 503 already and will send them again
        }
        try {
            Map<Waiting, Outcome> outcomes = transactions.execute(tx -> recordAll(batch));
            batch.forEach(w -> w.outcome().complete(outcomes.get(w)));
        } catch (RuntimeException batchFailure) {
            if (batch.size() == 1) {
                log.error("payment notification from {} not recorded: {}", batch.getFirst().notice().partner(),
                        batchFailure.toString());
                batch.getFirst().outcome().completeExceptionally(batchFailure);
                return;
            }
            log.warn("{} payment notifications not recorded together ({}); recording them one by one", batch.size(),
                    batchFailure.toString());
            for (Waiting one : batch) {
                write(List.of(one));
            }
        } finally {
            // whatever went wrong (an Error too), nobody waits for an answer that cannot come
            batch.forEach(w -> w.outcome().completeExceptionally(new IllegalStateException("notification not recorded")));
        }
    }

    /** One transaction: the receipts, then the payments the new ones name. */
    private Map<Waiting, Outcome> recordAll(List<Waiting> batch) {
        Map<Key, List<Waiting>> byKey = new LinkedHashMap<>();
        for (Waiting w : batch) {
            Notice n = w.notice();
            byKey.computeIfAbsent(new Key(n.partner(), n.day(), n.externalId()), k -> new ArrayList<>(1)).add(w);
        }
        int size = byKey.size();
        Object[][] columns = new Object[6][size];
        int i = 0;
        for (List<Waiting> copies : byKey.values()) {
            Notice first = copies.getFirst().notice();
            columns[0][i] = first.partner().name();
            columns[1][i] = Date.valueOf(first.day());
            columns[2][i] = first.externalId();
            columns[3][i] = first.bodyHash();
            columns[4][i] = Timestamp.from(first.receivedAt());
            columns[5][i] = first.signedDigest();
            i++;
        }
        // inserted in key order, so two instances' batches naming the same receipts cannot wait on each other in a circle
        Set<Key> fresh = new HashSet<>(jdbc.execute((java.sql.Connection con) -> {
            try (var ps = con.prepareStatement("""
                    insert into payment_callback_receipt (partner, day, external_id, body_hash, received_at, signed_digest)
                    select * from unnest(?::text[], ?::date[], ?::text[], ?::text[], ?::timestamptz[], ?::text[]) order by 1, 2, 3
                    on conflict do nothing returning partner, day, external_id""")) {
                SqlArrays.bind(con, ps, 1, columns, "text", "date", "text", "text", "timestamptz", "text");
                return keys(ps.executeQuery(), null);
            }
        }).keySet());
        Map<Key, String> stored = new HashMap<>();
        Set<String> signedBefore = new HashSet<>();
        if (fresh.size() < size) {
            // what the signature covers was recorded before (a replay under another external id or day): a duplicate
            signedBefore.addAll(jdbc.execute((java.sql.Connection con) -> {
                try (var ps = con.prepareStatement("""
                        select r.partner || '|' || r.signed_digest from payment_callback_receipt r
                          join unnest(?::text[], ?::text[]) k(partner, signed_digest)
                            on r.partner = k.partner and r.signed_digest = k.signed_digest""")) {
                    SqlArrays.bind(con, ps, 1, new Object[][] {columns[0], columns[5]}, "text", "text");
                    Set<String> found = new HashSet<>();
                    try (var rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.add(rs.getString(1));
                        }
                    }
                    return found;
                }
            }));
            stored.putAll(jdbc.execute((java.sql.Connection con) -> {
                try (var ps = con.prepareStatement("""
                        select r.partner, r.day, r.external_id, r.body_hash from payment_callback_receipt r
                          join unnest(?::text[], ?::date[], ?::text[]) k(partner, day, external_id)
                            on r.partner = k.partner and r.day = k.day and r.external_id = k.external_id""")) {
                    SqlArrays.bind(con, ps, 1, new Object[][] {columns[0], columns[1], columns[2]}, "text", "date", "text");
                    return keys(ps.executeQuery(), "body_hash");
                }
            }));
        }
        Set<String> named = new HashSet<>();
        for (Key key : fresh) {
            named.add(byKey.get(key).getFirst().notice().partnerReferenceNo());
        }
        Map<String, PayoutPartner> known = ledger.partnersOf(named);
        Set<String> ours = new HashSet<>();
        for (Key key : fresh) {
            Notice n = byKey.get(key).getFirst().notice();
            if (known.get(n.partnerReferenceNo()) == n.partner()) {
                ours.add(n.partnerReferenceNo()); // another partner naming the same reference does not hide this one
            }
        }
        Set<String> due = ledger.inquireSoon(ours);

        Map<Waiting, Outcome> outcomes = new HashMap<>();
        byKey.forEach((key, copies) -> {
            Notice first = copies.getFirst().notice();
            String storedHash;
            int from;
            if (fresh.contains(key)) {
                storedHash = first.bodyHash();
                String reference = first.partnerReferenceNo();
                outcomes.put(copies.getFirst(), known.get(reference) != first.partner() ? Outcome.UNKNOWN_PAYMENT
                        : due.contains(reference) ? Outcome.INQUIRY : Outcome.NOTED);
                from = 1;
            } else if (signedBefore.contains(first.partner().name() + "|" + first.signedDigest())) {
                storedHash = first.bodyHash();
                from = 0;
            } else {
                storedHash = stored.get(key);
                from = 0;
            }
            for (Waiting copy : copies.subList(from, copies.size())) {
                outcomes.put(copy, copy.notice().bodyHash().equals(storedHash) ? Outcome.DUPLICATE : Outcome.REUSED);
            }
        });
        return outcomes;
    }

    private static Map<Key, String> keys(java.sql.ResultSet rs, String valueColumn) throws java.sql.SQLException {
        Map<Key, String> keys = new HashMap<>();
        while (rs.next()) {
            keys.put(new Key(PayoutPartner.valueOf(rs.getString("partner")), rs.getDate("day").toLocalDate(),
                    rs.getString("external_id")), valueColumn == null ? "" : rs.getString(valueColumn));
        }
        return keys;
    }

    public int backlog() {
        return batches.backlog();
    }

    @Override
    public void start() {
        batches.start();
    }

    @Override
    public void stop() {
        batches.stop();
        // left only if the writer overran the stop's wait (a database that does not answer): not acknowledged, so
        // their partners send them again, to another instance or after the restart
        List<Waiting> left = batches.drain();
        if (!left.isEmpty()) {
            log.warn("{} payment notifications not recorded as the gateway stopped; their partners will send them again",
                    left.size());
            left.forEach(w -> w.outcome().completeExceptionally(new IllegalStateException("stopped")));
        }
    }

    @Override
    public boolean isRunning() {
        return batches.isRunning();
    }

    /** Stops after the web server has finished its requests (and starts before it). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
