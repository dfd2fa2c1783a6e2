package id.go.prakerja.support.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends outbox rows to Kafka in id order and marks them published.
 * <p>
 * Why not a library: Spring Modulith's externaliser publishes after commit from the
 * committing thread and, on Kafka, bypasses our producer settings per record; we want
 * batches confirmed by the broker (acks=all, idempotent producer) before a row is marked,
 * and one relay per database at a time so a participant's events keep their order.
 * <ul>
 * <li>Rows carry a published flag, never a "last id" cursor: ids are allocated at insert,
 * not at commit, and a cursor skips late committers.</li>
 * <li>A transaction-scoped advisory lock keeps one relay active per database (several
 * replicas may run); {@code FOR UPDATE SKIP LOCKED} keeps batches disjoint anyway.</li>
 * <li>Only the confirmed prefix of a batch is marked; the rest is sent again later, and
 * consumers deduplicate on eventId.</li>
 * </ul>
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long LOCK_KEY = 0x7072616b65726a61L; // "prakerja"
    private static final long LINGER_MILLIS = 10;
    public static final String EVENT_TYPE_HEADER = "prakerja-event-type";
    public static final String EVENT_ID_HEADER = "prakerja-event-id";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration pollInterval;
    private final int batchSize;
    private final Duration sendTimeout;
    private final Object signal = new Object();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean pending;
    private Thread worker;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transactions, KafkaTemplate<String, byte[]> kafka,
            Duration pollInterval, int batchSize, Duration sendTimeout) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
        this.sendTimeout = sendTimeout;
    }

    /** Called after a commit that wrote outbox rows, so they leave without waiting for the next poll. */
    public void wakeUp() {
        synchronized (signal) {
            pending = true;
            signal.notifyAll();
        }
    }

    /** Publishes one batch; returns how many rows were marked published. */
    public int relayOnce() {
        Integer sent = transactions.execute(status -> {
            Boolean locked = jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, LOCK_KEY);
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            List<Row> rows = jdbc.query("""
                    select id, event_id, topic, message_key, event_type, payload from outbox_message
                    where published_at is null order by id limit ? for update skip locked
                    """, (rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getBytes(6)), batchSize);
            if (rows.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>(rows.size());
            for (Row row : rows) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
                record.headers().add(EVENT_TYPE_HEADER, row.type().getBytes(StandardCharsets.UTF_8));
                record.headers().add(EVENT_ID_HEADER, row.eventId().getBytes(StandardCharsets.UTF_8));
                sends.add(kafka.send(record));
            }
            List<Object[]> confirmed = new ArrayList<>();
            Instant now = Instant.now();
            for (int i = 0; i < rows.size(); i++) {
                try {
                    sends.get(i).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
                    confirmed.add(new Object[] {java.sql.Timestamp.from(now), rows.get(i).id()});
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (Exception e) {
                    log.warn("outbox: broker did not confirm event {} to {}; it will be sent again: {}",
                            rows.get(i).eventId(), rows.get(i).topic(), e.toString());
                    break;
                }
            }
            if (!confirmed.isEmpty()) {
                jdbc.batchUpdate("update outbox_message set published_at = ? where id = ?", confirmed);
            }
            return confirmed.size();
        });
        return sent == null ? 0 : sent;
    }

    public long pendingCount() {
        Long count = jdbc.queryForObject("select count(*) from outbox_message where published_at is null", Long.class);
        return count == null ? 0 : count;
    }

    /** Deletes rows published before the cut-off; returns how many. */
    public int purgePublishedBefore(Instant cutoff) {
        return jdbc.update("delete from outbox_message where published_at < ?", java.sql.Timestamp.from(cutoff));
    }

    private void loop() {
        while (running.get()) {
            try {
                int sent = relayOnce();
                if (sent < batchSize) {
                    awaitSignal();
                }
            } catch (RuntimeException e) {
                log.warn("outbox: relay pass failed, retrying after {}: {}", pollInterval, e.toString());
                awaitSignal();
            }
        }
    }

    private void awaitSignal() {
        synchronized (signal) {
            if (!pending && running.get()) {
                try {
                    signal.wait(pollInterval.toMillis());
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
                worker.join(sendTimeout.toMillis() + 1000);
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

    private record Row(long id, String eventId, String topic, String key, String type, byte[] payload) {
    }
}
