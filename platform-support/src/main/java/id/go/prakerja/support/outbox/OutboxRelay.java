package id.go.prakerja.support.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends outbox rows to Kafka and marks them published.
 * <p>
 * Why not a library: Spring Modulith's externaliser publishes after commit from the
 * committing thread and, on Kafka, bypasses our producer settings per record; we want
 * sends confirmed by the broker (acks=all, idempotent producer) before a row is marked, a
 * participant's events in order, and a row that can never be sent set aside, not retried
 * in front of everything else.
 * <ul>
 * <li>Rows carry a published flag, never a "last id" cursor: ids are allocated at insert,
 * not at commit, and a cursor skips late committers.</li>
 * <li>No transaction stays open while the broker is waited for: a short transaction claims
 * rows with a lease ({@code available_at}), the sends run outside it, a second short
 * transaction marks what the broker confirmed and releases the rest. A relay that dies
 * mid-pass leaves its rows to whoever claims after the lease.</li>
 * <li>Order per key (participant): a row is claimed only if no earlier row of its key is
 * claimed elsewhere or backing off, and within a pass the n-th row of a key is sent only
 * after its (n-1)-th was confirmed. Claims are serialised by a transaction advisory lock, so
 * several replicas may relay at once.</li>
 * <li>A row the broker refuses for good (too large, invalid topic) is parked with its error
 * for an operator ({@link ParkedEvents}); later rows flow on. A row that keeps failing
 * while the broker confirms others is parked after {@code maxAttempts}. A broker outage
 * parks nothing: rows wait, in order.</li>
 * </ul>
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long CLAIM_LOCK_KEY = 0x7072616b65726a61L; // "prakerja"
    private static final long LINGER_MILLIS = 10;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    public static final String EVENT_TYPE_HEADER = "prakerja-event-type";
    public static final String EVENT_ID_HEADER = "prakerja-event-id";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Settings settings;
    private final String relayId;
    private final Object signal = new Object();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean pending;
    private Thread worker;

    /**
     * @param pollInterval how long an idle relay waits for a wake-up before looking anyway
     * @param batchSize rows claimed per pass
     * @param sendTimeout how long the broker may take to confirm one send (the producer's
     *        {@code delivery.timeout.ms} is set to the same)
     * @param lease how long claimed rows stay reserved for this relay; longer than a pass
     * @param maxAttempts failed sends of one row, while the broker confirms others, before it is parked
     */
    public record Settings(Duration pollInterval, int batchSize, Duration sendTimeout, Duration lease, int maxAttempts) {
    }

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transactions, KafkaTemplate<String, byte[]> kafka,
            Settings settings) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.settings = settings;
        this.relayId = "relay-" + UUID.randomUUID();
    }

    /** Called after a commit that wrote outbox rows, so they leave without waiting for the next poll. */
    public void wakeUp() {
        synchronized (signal) {
            pending = true;
            signal.notifyAll();
        }
    }

    /** One pass: claims a batch, sends it, marks what the broker confirmed. Returns how many rows were published. */
    public int relayOnce() {
        List<Row> claimed = claim();
        if (claimed.isEmpty()) {
            return 0;
        }
        Pass pass = send(claimed);
        settle(pass);
        return pass.confirmed.size();
    }

    private List<Row> claim() {
        List<Row> rows = transactions.execute(status -> {
            // claims are serialised so that "no earlier row of this key is claimed" holds
            jdbc.queryForObject("select pg_advisory_xact_lock(?)::text", String.class, CLAIM_LOCK_KEY);
            return jdbc.query("""
                    with candidates as (
                        select o.id from outbox_message o
                        where o.published_at is null and o.parked_at is null and o.available_at <= now()
                          and not exists (select 1 from outbox_message e
                                          where e.message_key = o.message_key and e.id < o.id
                                            and e.published_at is null and e.parked_at is null
                                            and e.available_at > now())
                        order by o.id limit ? for update skip locked)
                    update outbox_message o set available_at = now() + make_interval(secs => ?), claimed_by = ?
                    from candidates c where o.id = c.id
                    returning o.id, o.event_id, o.topic, o.message_key, o.event_type, o.payload, o.attempts
                    """, (rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getBytes(6), rs.getInt(7)),
                    settings.batchSize(), settings.lease().toMillis() / 1000.0, relayId);
        });
        if (rows == null) {
            return List.of();
        }
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(Row::id));
        return sorted;
    }

    /**
     * Sends in rounds: round n holds the n-th claimed row of every key still going, so a
     * later row of a key never leaves before the broker confirmed the earlier one.
     */
    private Pass send(List<Row> claimed) {
        Map<String, Deque<Row>> byKey = new LinkedHashMap<>();
        for (Row row : claimed) {
            byKey.computeIfAbsent(row.key(), k -> new ArrayDeque<>()).add(row);
        }
        Pass pass = new Pass();
        long stopStartingRoundsAt = System.nanoTime() + settings.lease().toNanos() / 2;
        while (!byKey.isEmpty()) {
            List<Row> round = new ArrayList<>(byKey.size());
            byKey.values().forEach(queue -> round.add(queue.peekFirst()));
            List<CompletableFuture<?>> sends = new ArrayList<>(round.size());
            for (Row row : round) {
                if (pass.unreachableTopics.contains(row.topic())) {
                    sends.add(null);
                    continue;
                }
                CompletableFuture<?> send = sendOne(row);
                sends.add(send);
                // the producer blocks up to max.block.ms per send while it has no metadata for
                // the topic: once one send failed that way, others to the topic would only wait as long
                if (send.isCompletedExceptionally() && failure(send).retriable()) {
                    pass.unreachableTopics.add(row.topic());
                }
            }
            long deadline = System.nanoTime() + settings.sendTimeout().toNanos() + TimeUnit.SECONDS.toNanos(5);
            for (int i = 0; i < round.size(); i++) {
                Row row = round.get(i);
                Deque<Row> queue = byKey.get(row.key());
                CompletableFuture<?> send = sends.get(i);
                if (send == null) {
                    pass.released.addAll(queue);
                    byKey.remove(row.key());
                    continue;
                }
                Failure failure = await(send, deadline);
                if (failure == null) {
                    pass.confirmed.add(row.id());
                    queue.removeFirst();
                } else if (!failure.retriable()) {
                    pass.failed.add(new Failed(row, failure, true));
                    queue.removeFirst();
                } else {
                    pass.failed.add(new Failed(row, failure, false));
                    queue.removeFirst();
                    pass.released.addAll(queue); // the key stops here, in order
                    queue.clear();
                }
                if (queue.isEmpty()) {
                    byKey.remove(row.key());
                }
            }
            if (Thread.currentThread().isInterrupted() || System.nanoTime() > stopStartingRoundsAt) {
                byKey.values().forEach(pass.released::addAll);
                break;
            }
        }
        return pass;
    }

    private CompletableFuture<?> sendOne(Row row) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
        record.headers().add(EVENT_TYPE_HEADER, row.type().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EVENT_ID_HEADER, row.eventId().getBytes(StandardCharsets.UTF_8));
        try {
            return kafka.send(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Failure await(CompletableFuture<?> send, long deadlineNanos) {
        try {
            send.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failure(true, "interrupted while waiting for the broker");
        } catch (java.util.concurrent.TimeoutException e) {
            return new Failure(true, "no confirmation from the broker in time");
        } catch (java.util.concurrent.ExecutionException e) {
            return classify(e.getCause());
        }
    }

    private static Failure failure(CompletableFuture<?> done) {
        try {
            done.join();
            return null;
        } catch (java.util.concurrent.CompletionException e) {
            return classify(e.getCause());
        } catch (RuntimeException e) {
            return classify(e);
        }
    }

    /**
     * Only refusals tied to the record itself are permanent (it will never fit, its topic
     * name is invalid); anything else, including errors the producer recovers from by
     * itself, may pass on a later attempt.
     */
    static Failure classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException
                    || t instanceof InvalidTopicException || t instanceof SerializationException) {
                return new Failure(false, t.toString());
            }
        }
        return new Failure(true, String.valueOf(error));
    }

    private void settle(Pass pass) {
        boolean brokerConfirmedSome = !pass.confirmed.isEmpty();
        transactions.executeWithoutResult(status -> {
            if (!pass.confirmed.isEmpty()) {
                jdbc.update("""
                        update outbox_message set published_at = now(), claimed_by = null, last_error = null
                        where id = any(?)
                        """, ps -> ps.setArray(1, ids(ps.getConnection(), pass.confirmed)));
            }
            List<Long> released = new ArrayList<>(pass.released.stream().map(Row::id).toList());
            for (Failed failed : pass.failed) {
                Row row = failed.row();
                int attempts = row.attempts() + 1;
                boolean park = failed.permanent() || (brokerConfirmedSome && attempts >= settings.maxAttempts());
                if (park) {
                    jdbc.update("""
                            update outbox_message set parked_at = now(), attempts = ?, last_error = ?, claimed_by = null
                            where id = ?
                            """, attempts, truncate(failed.failure().error()), row.id());
                    log.error("outbox: event {} ({}) to {} parked after {} attempt(s), later events flow on: {}",
                            row.eventId(), row.type(), row.topic(), attempts, failed.failure().error());
                } else if (brokerConfirmedSome) {
                    // this row fails while others pass: back off, and its key waits behind it
                    Duration backoff = backoff(attempts);
                    jdbc.update("""
                            update outbox_message set available_at = now() + make_interval(secs => ?), attempts = ?,
                                last_error = ?, claimed_by = null
                            where id = ?
                            """, backoff.toMillis() / 1000.0, attempts, truncate(failed.failure().error()), row.id());
                    log.warn("outbox: broker did not take event {} to {} (attempt {}), retrying in {}: {}",
                            row.eventId(), row.topic(), attempts, backoff, failed.failure().error());
                } else {
                    // nothing got through: the broker is away, not this row's fault
                    released.add(row.id());
                    log.warn("outbox: broker unavailable, event {} to {} waits: {}", row.eventId(), row.topic(),
                            failed.failure().error());
                }
            }
            if (!released.isEmpty()) {
                jdbc.update("""
                        update outbox_message set available_at = now(), claimed_by = null
                        where id = any(?) and claimed_by = ? and published_at is null
                        """, ps -> {
                    ps.setArray(1, ids(ps.getConnection(), released));
                    ps.setString(2, relayId);
                });
            }
        });
    }

    private Duration backoff(int attempts) {
        long millis = settings.pollInterval().toMillis() << Math.min(attempts, 16);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    private static Array ids(java.sql.Connection connection, Collection<Long> ids) throws java.sql.SQLException {
        return connection.createArrayOf("bigint", ids.toArray());
    }

    private static String truncate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000);
    }

    public long pendingCount() {
        Long count = jdbc.queryForObject(
                "select count(*) from outbox_message where published_at is null and parked_at is null", Long.class);
        return count == null ? 0 : count;
    }

    private void loop() {
        Duration idle = settings.pollInterval();
        while (running.get()) {
            try {
                int sent = relayOnce();
                if (sent < settings.batchSize()) {
                    awaitSignal(idle);
                }
                idle = settings.pollInterval();
            } catch (RuntimeException e) {
                log.warn("outbox: relay pass failed, retrying after {}: {}", idle, e.toString());
                awaitSignal(idle);
                idle = idle.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : idle.multipliedBy(2);
            }
        }
    }

    private void awaitSignal(Duration wait) {
        synchronized (signal) {
            if (!pending && running.get()) {
                try {
                    signal.wait(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running.set(false);
                }
            }
            pending = false;
        }
        // under load many commits wake the relay at once: let a few more land so one pass takes them all
        try {
            Thread.sleep(LINGER_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    @Override
    public void start() {
        if (running.compareAndSet(false, true)) {
            worker = Thread.ofPlatform().name("outbox-relay").daemon(true).start(this::loop);
        }
    }

    @Override
    public void stop() {
        if (running.compareAndSet(true, false)) {
            wakeUp();
            try {
                // a pass in flight finishes and releases its claims
                worker.join(settings.lease().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    @Override
    public int getPhase() {
        // start after the Kafka infrastructure, stop before it
        return Integer.MAX_VALUE - 1000;
    }

    record Row(long id, String eventId, String topic, String key, String type, byte[] payload, int attempts) {
    }

    record Failure(boolean retriable, String error) {
    }

    private record Failed(Row row, Failure failure, boolean permanent) {
    }

    private static final class Pass {
        final List<Long> confirmed = new ArrayList<>();
        final List<Row> released = new ArrayList<>();
        final List<Failed> failed = new ArrayList<>();
        final java.util.Set<String> unreachableTopics = new java.util.HashSet<>();
    }
}
