package id.go.prakerja.support.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

import id.go.prakerja.support.lease.Leases;

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
 * <li>One relay per database sends at a time: it holds a lease ({@code platform_lease},
 * lapsing by itself if its replica dies). Other replicas' relays wait for it. No transaction
 * stays open while the broker is waited for: a pass reads a batch, sends it outside any
 * transaction, then marks what the broker confirmed in one statement.</li>
 * <li>The lease outlasts every round: a round (one send per key) lasts at most
 * {@code sendTimeout} + 5 s, and a pass starts one only if that and the marking ({@value #SETTLE_MARGIN_SECONDS} s)
 * end before the lease does; a pass renews the lease first when less than that is left. So
 * no other relay can take the lease while a row this one sent is still unmarked (it would
 * send it again). A lease too short for one round is refused at construction.</li>
 * <li>Order per key (participant): within a pass the n-th row of a key is sent only after
 * the broker confirmed its (n-1)-th; a row that failed holds back the rest of its key, and a
 * key with a row backing off is not sent until that row is due again.</li>
 * <li>A row the broker refuses for good (too large, invalid topic) is parked with its error
 * for an operator ({@link ParkedEvents}); later rows flow on. Nothing else is ever parked:
 * parking a row that may pass later would let the rest of its key overtake it.</li>
 * <li>A row that fails retriably while the broker confirms others of its topic (a partition
 * without a leader) backs off, exponentially up to a minute, its key waiting behind it, for as
 * long as it takes; from {@code maxAttempts} failures on each failure is logged as an error.</li>
 * <li>A topic of which a pass got nothing confirmed, only retriable failures (the broker is
 * away, or refuses the topic: ACL denied, topic deleted), backs off as a whole, in memory,
 * exponentially up to {@value #TOPIC_MAX_BACKOFF_SECONDS} s: the next passes read past its
 * rows, so other topics flow, and a key with an earlier row waiting in it waits too. Its
 * rows count no attempt and are never parked; they leave, in order, once the topic is taken
 * again. A broker that is away altogether so backs off every topic and parks nothing.</li>
 * </ul>
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    static final String LEASE = "platform-outbox-relay";
    private static final long LINGER_MILLIS = 10;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    static final int TOPIC_MAX_BACKOFF_SECONDS = 30;
    /** Sends of a round are started within this much of its start; its confirmations are awaited this much past sendTimeout. */
    private static final long ROUND_SLACK_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Room left in the lease after a round for marking what it sent. */
    static final int SETTLE_MARGIN_SECONDS = 1;
    /** Room in a fresh lease, beyond one round and its marking, in which a pass may start rounds. */
    private static final long MIN_START_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);
    public static final String EVENT_TYPE_HEADER = "prakerja-event-type";
    public static final String EVENT_ID_HEADER = "prakerja-event-id";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Settings settings;
    private final Leases leases;
    private final Object signal = new Object();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean pending;
    private volatile long leaseRenewedAt; // System.nanoTime() of the last renewal; 0 while not held
    private final long leaseNanos;
    /** A round and its marking: a pass starts a round only if this much of the lease is left. */
    private final long roundNanos;
    private final Map<String, TopicBackoff> topicBackoffs = new java.util.concurrent.ConcurrentHashMap<>();
    private Thread worker;

    /**
     * @param pollInterval how long an idle relay waits for a wake-up before looking anyway
     * @param batchSize rows read per pass
     * @param sendTimeout how long the broker may take to confirm one send (the producer's
     *        {@code delivery.timeout.ms} is set to the same)
     * @param lease how long this relay stays the one that sends; a pass starts a round only if
     *        the round (at most {@code sendTimeout} + 5 s) and its marking (1 s) end before the
     *        lease does, and renews the lease first when less is left; at least {@code sendTimeout} + 7 s
     * @param maxAttempts failed sends of one row, while the broker confirms others of its topic,
     *        after which each further failure is logged as an error (the row keeps backing off;
     *        only a permanent refusal parks it)
     */
    public record Settings(Duration pollInterval, int batchSize, Duration sendTimeout, Duration lease, int maxAttempts) {
    }

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transactions, KafkaTemplate<String, byte[]> kafka,
            Leases leases, Settings settings) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.leases = leases;
        this.settings = settings;
        this.leaseNanos = settings.lease().toNanos();
        this.roundNanos = settings.sendTimeout().toNanos() + ROUND_SLACK_NANOS + TimeUnit.SECONDS.toNanos(SETTLE_MARGIN_SECONDS);
        if (leaseNanos < roundNanos + MIN_START_WINDOW_NANOS) {
            throw new IllegalArgumentException(("prakerja.outbox.lease (%s) is too short for one send round: it must be at "
                    + "least prakerja.outbox.send-timeout (%s) + 7 s (a round lasts up to send-timeout + 5 s, its marking "
                    + "1 s, and a pass needs at least 1 s of the lease to start rounds in)")
                    .formatted(settings.lease(), settings.sendTimeout()));
        }
    }

    /** Called after a commit that wrote outbox rows, so they leave without waiting for the next poll. */
    public void wakeUp() {
        synchronized (signal) {
            pending = true;
            signal.notifyAll();
        }
    }

    /**
     * One pass: reads a batch, sends it, marks what the broker confirmed. Returns how many
     * rows were published; 0 also when another relay holds the lease.
     */
    public int relayOnce() {
        if (!holdLease()) {
            return 0;
        }
        List<Row> batch = due();
        if (batch.isEmpty()) {
            return 0;
        }
        Pass pass = send(batch, leaseRenewedAt);
        settle(pass);
        return pass.confirmed.size();
    }

    /**
     * Takes the lease, or renews it once a third of it has passed or too little of it is left
     * for a round and its marking: renewing on every pass would cost a durable commit each.
     * The renewal time is taken before the database sets the lease's end, so the lease is
     * held at least until {@code leaseRenewedAt + lease}.
     */
    private boolean holdLease() {
        long now = System.nanoTime();
        long renewAfter = Math.min(leaseNanos / 3, leaseNanos - roundNanos);
        if (leaseRenewedAt != 0 && now - leaseRenewedAt < renewAfter) {
            return true;
        }
        if (leases.tryAcquire(LEASE, settings.lease())) {
            leaseRenewedAt = now;
            return true;
        }
        leaseRenewedAt = 0;
        return false;
    }

    /** Lets another replica's relay take over at once (on shutdown). */
    public void releaseLease() {
        leaseRenewedAt = 0;
        leases.release(LEASE);
    }

    /**
     * The oldest pending rows of the topics not backing off, less every key whose earliest row
     * here is backing off: its later rows wait behind it. A key that has an earlier row waiting
     * in a topic that backs off waits too. (Row back-off is filtered here rather than in SQL:
     * the plain id-ordered read stays one cheap index range however large the backlog.)
     */
    private List<Row> due() {
        String[] pausedTopics = pausedTopics();
        List<Row> rows = jdbc.query("""
                select id, event_id, topic, message_key, event_type, payload, attempts, available_at > now()
                from outbox_message where published_at is null and parked_at is null and topic <> all(?)
                order by id limit ?
                """, ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("varchar", pausedTopics));
                    ps.setInt(2, settings.batchSize());
                }, (rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getBytes(6), rs.getInt(7), rs.getBoolean(8)));
        Map<String, Long> heldBack = heldBackByPausedTopics(rows, pausedTopics);
        Set<String> waiting = new HashSet<>();
        List<Row> due = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Long heldFrom = heldBack.get(row.key());
            if (row.backingOff() || waiting.contains(row.key()) || (heldFrom != null && heldFrom < row.id())) {
                waiting.add(row.key());
            } else {
                due.add(row);
            }
        }
        return due;
    }

    /**
     * Topics backing off now. A topic whose back-off is over is read again but keeps its count,
     * so a further pass without a confirmation doubles its back-off; a confirmation clears it.
     */
    private String[] pausedTopics() {
        long now = System.nanoTime();
        List<String> paused = new ArrayList<>();
        topicBackoffs.forEach((topic, backoff) -> {
            if (backoff.until() - now > 0) {
                paused.add(topic);
            }
        });
        return paused.toArray(String[]::new);
    }

    /**
     * For each key among {@code rows}, the id of its earliest pending row in a topic backing
     * off, if that comes before the last of {@code rows}. One range of the pending index, up
     * to the last row read; only while a topic backs off.
     */
    private Map<String, Long> heldBackByPausedTopics(List<Row> rows, String[] pausedTopics) {
        if (pausedTopics.length == 0 || rows.isEmpty()) {
            return Map.of();
        }
        String[] keys = rows.stream().map(Row::key).distinct().toArray(String[]::new);
        Map<String, Long> heldBack = new java.util.HashMap<>();
        jdbc.query("""
                select message_key, min(id) from outbox_message
                where published_at is null and parked_at is null and id < ? and topic = any(?) and message_key = any(?)
                group by message_key
                """, ps -> {
                    ps.setLong(1, rows.getLast().id());
                    ps.setArray(2, ps.getConnection().createArrayOf("varchar", pausedTopics));
                    ps.setArray(3, ps.getConnection().createArrayOf("varchar", keys));
                }, rs -> {
                    heldBack.put(rs.getString(1), rs.getLong(2));
                });
        return heldBack;
    }

    /**
     * Sends in rounds: round n holds the n-th row of every key still going, so a
     * later row of a key never leaves before the broker confirmed the earlier one.
     */
    private Pass send(List<Row> batch, long leaseFrom) {
        Map<String, Deque<Row>> byKey = new LinkedHashMap<>();
        for (Row row : batch) {
            byKey.computeIfAbsent(row.key(), k -> new ArrayDeque<>()).add(row);
        }
        Pass pass = new Pass();
        // a round starts only if it and the marking end before the lease does: no other relay
        // can take over while a row this one sent is still unmarked
        long stopStartingRoundsAt = leaseFrom + leaseNanos - roundNanos;
        while (!byKey.isEmpty()) {
            long roundStart = System.nanoTime();
            if (Thread.currentThread().isInterrupted() || roundStart - stopStartingRoundsAt > 0) {
                break; // what is left stays due
            }
            List<Row> round = new ArrayList<>(byKey.size());
            byKey.values().forEach(queue -> round.add(queue.peekFirst()));
            List<CompletableFuture<?>> sends = new ArrayList<>(round.size());
            for (Row row : round) {
                // sends start within the round's first 5 s: the producer gives each up after
                // sendTimeout (delivery.timeout.ms), so the round ends by sendTimeout + 5 s (a send
                // blocked for metadata returns within max.block.ms, which the platform's producer
                // keeps at a third of sendTimeout, at least 1 s)
                if (pass.unreachableTopics.contains(row.topic()) || System.nanoTime() - roundStart > ROUND_SLACK_NANOS) {
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
            long deadline = roundStart + settings.sendTimeout().toNanos() + ROUND_SLACK_NANOS;
            for (int i = 0; i < round.size(); i++) {
                Row row = round.get(i);
                Deque<Row> queue = byKey.get(row.key());
                CompletableFuture<?> send = sends.get(i);
                if (send == null) {
                    byKey.remove(row.key()); // not sent: stays due, first in the next pass
                    continue;
                }
                Failure failure = await(send, deadline);
                if (failure == null) {
                    pass.confirmed.add(row.id());
                    pass.confirmedTopics.add(row.topic());
                    queue.removeFirst();
                } else if (!failure.retriable()) {
                    pass.failed.add(new Failed(row, failure));
                    queue.removeFirst();
                } else {
                    pass.failed.add(new Failed(row, failure));
                    queue.clear(); // the key stops here, in order; the rest stays due
                }
                if (queue.isEmpty()) {
                    byKey.remove(row.key());
                }
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
        // a topic with retriable failures and nothing confirmed: the broker is away or refuses
        // the topic; its rows are not at fault, count no attempt, and the topic backs off
        Map<String, String> refusedTopics = new LinkedHashMap<>();
        for (Failed failed : pass.failed) {
            String topic = failed.row().topic();
            if (failed.failure().retriable() && !pass.confirmedTopics.contains(topic)) {
                refusedTopics.putIfAbsent(topic, failed.failure().error());
            }
        }
        transactions.executeWithoutResult(status -> {
            if (!pass.confirmed.isEmpty()) {
                jdbc.update("""
                        update outbox_message set published_at = now(), last_error = null
                        where id = any(?)
                        """, ps -> ps.setArray(1, ids(ps.getConnection(), pass.confirmed)));
            }
            for (Failed failed : pass.failed) {
                Row row = failed.row();
                if (refusedTopics.containsKey(row.topic())) {
                    continue;
                }
                int attempts = row.attempts() + 1;
                if (!failed.failure().retriable()) {
                    jdbc.update("""
                            update outbox_message set parked_at = now(), attempts = ?, last_error = ?
                            where id = ?
                            """, attempts, truncate(failed.failure().error()), row.id());
                    log.error("outbox: event {} ({}) to {} refused for good, parked after {} attempt(s), later events "
                            + "flow on: {}", row.eventId(), row.type(), row.topic(), attempts, failed.failure().error());
                } else {
                    // this row fails while others of its topic pass: back off, and its key waits
                    // behind it; never parked, or the rest of its key would overtake it
                    Duration backoff = backoff(attempts);
                    jdbc.update("""
                            update outbox_message set available_at = now() + make_interval(secs => ?), attempts = ?,
                                last_error = ?
                            where id = ?
                            """, backoff.toMillis() / 1000.0, attempts, truncate(failed.failure().error()), row.id());
                    if (attempts >= settings.maxAttempts()) {
                        log.error("outbox: event {} ({}) to {} failed {} times while the broker takes other events of "
                                + "its topic; it and the later events of its key wait, retrying in {}: {}", row.eventId(),
                                row.type(), row.topic(), attempts, backoff, failed.failure().error());
                    } else {
                        log.warn("outbox: broker did not take event {} to {} (attempt {}), retrying in {}: {}",
                                row.eventId(), row.topic(), attempts, backoff, failed.failure().error());
                    }
                }
            }
        });
        pass.confirmedTopics.forEach(topicBackoffs::remove);
        refusedTopics.forEach(this::backOffTopic);
    }

    /** Exponential, in memory: a relay that takes over tries every topic once more before backing it off. */
    private void backOffTopic(String topic, String error) {
        TopicBackoff previous = topicBackoffs.get(topic);
        int failures = previous == null ? 1 : previous.failures() + 1;
        long millis = Math.min(settings.pollInterval().toMillis() << Math.min(failures, 16),
                TimeUnit.SECONDS.toMillis(TOPIC_MAX_BACKOFF_SECONDS));
        topicBackoffs.put(topic, new TopicBackoff(failures, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis)));
        if (failures >= settings.maxAttempts()) {
            log.error("outbox: the broker took nothing for {} in {} passes in a row, its events wait (next try in {} ms): {}",
                    topic, failures, millis, error);
        } else {
            log.warn("outbox: the broker took nothing for {} (broker away or topic refused), its events wait {} ms: {}",
                    topic, millis, error);
        }
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
                // a pass in flight usually finishes and marks what it sent; one stuck on a broker or
                // database that is already gone is abandoned: its rows stay pending and leave later
                worker.join(Duration.ofSeconds(5));
                if (worker.isAlive()) {
                    worker.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (leaseRenewedAt != 0) {
                // lets another replica take over at once; if the database is already gone
                // (the JVM is exiting) do not wait for it: the lease lapses by itself
                Thread release = Thread.ofVirtual().start(() -> {
                    try {
                        releaseLease();
                    } catch (RuntimeException e) {
                        log.debug("outbox: lease not released, it lapses by itself: {}", e.toString());
                    }
                });
                try {
                    release.join(Duration.ofSeconds(2));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
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

    record Row(long id, String eventId, String topic, String key, String type, byte[] payload, int attempts,
            boolean backingOff) {
    }

    record Failure(boolean retriable, String error) {
    }

    private record Failed(Row row, Failure failure) {
    }

    /** A topic backing off: consecutive passes that got nothing of it confirmed, and until when (System.nanoTime()). */
    private record TopicBackoff(int failures, long until) {
    }

    private static final class Pass {
        final List<Long> confirmed = new ArrayList<>();
        final Set<String> confirmedTopics = new HashSet<>();
        final List<Failed> failed = new ArrayList<>();
        final Set<String> unreachableTopics = new HashSet<>();
    }
}
