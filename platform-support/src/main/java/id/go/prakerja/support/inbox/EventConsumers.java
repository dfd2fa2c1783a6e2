package id.go.prakerja.support.inbox;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;

/**
 * Builds the Spring Cloud Stream consumers of a service. Each delivery is parsed, and its
 * effect and the record that it was processed commit in one transaction, so a redelivery
 * (rebalance, restart, replay) changes nothing. A failure rolls back and is retried by the
 * binder, then dead-lettered; malformed bytes go straight to the dead-letter topic.
 */
public class EventConsumers {

    private static final Logger log = LoggerFactory.getLogger(EventConsumers.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Map<String, Registered> byTopic = new ConcurrentHashMap<>();
    private final Set<String> unknownTypesSeen = ConcurrentHashMap.newKeySet();

    public EventConsumers(JdbcTemplate jdbc, TransactionTemplate transactions, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.meters = meters;
    }

    /**
     * @param topic the topic the binding reads (also where dead letters of it are replayed from)
     * @param consumerName stable name of this consumer; part of the idempotency key
     */
    public Consumer<Message<byte[]>> consumer(String topic, String consumerName, EventHandler handler) {
        Registered registered = new Registered(consumerName, handler);
        if (byTopic.putIfAbsent(topic, registered) != null) {
            throw new IllegalStateException("a consumer of " + topic + " is already registered");
        }
        return message -> process(registered, message.getPayload());
    }

    /**
     * A consumer for a binding in batch mode ({@code spring.cloud.stream.bindings.<name>.consumer.batch-mode=true}):
     * the records of one poll are recorded in the inbox (one row per event, as {@link #consumer} does)
     * and handled by {@code batchHandler} in one transaction, so one commit covers hundreds of
     * events. Duplicates within the batch and events already processed are skipped as one by one.
     *
     * <p>If the batch fails as a whole (a record that does not parse, a handler failure), nothing of
     * it is kept and its records are processed again one by one, each in its own transaction with
     * {@code handler}; the first record that fails is reported to the container's error handler as
     * the failed record of the batch ({@link BatchListenerFailedException}): the records before it
     * stay committed, it is retried with back-off and then dead-lettered as a single delivery would
     * be, and the records after it are delivered again. A poison record never blocks or loses the
     * others. Dead letters of the topic are replayed with {@code handler}.
     */
    public Consumer<Message<List<byte[]>>> batchConsumer(String topic, String consumerName, EventHandler handler,
            BatchEventHandler batchHandler) {
        Registered registered = new Registered(consumerName, handler);
        if (byTopic.putIfAbsent(topic, registered) != null) {
            throw new IllegalStateException("a consumer of " + topic + " is already registered");
        }
        return message -> processBatch(registered, batchHandler, message.getPayload());
    }

    private void processBatch(Registered registered, BatchEventHandler batchHandler, List<byte[]> payloads) {
        if (payloads.isEmpty()) {
            return;
        }
        try {
            transactions.executeWithoutResult(status -> {
                List<EventEnvelope<DomainEvent>> events = new ArrayList<>(payloads.size());
                for (byte[] payload : payloads) {
                    Optional<EventEnvelope<DomainEvent>> parsed = EventJson.read(payload);
                    if (parsed.isPresent()) {
                        events.add(parsed.get());
                    } else {
                        countUnknown(registered, payload);
                    }
                }
                List<EventEnvelope<DomainEvent>> fresh = recordInInbox(registered.name(), events);
                if (!fresh.isEmpty()) {
                    batchHandler.handle(fresh);
                }
            });
            return;
        } catch (RuntimeException batchFailure) {
            // only the failure's kind: the message of a parse failure quotes the record
            log.warn("{}: a batch of {} events failed ({}); processing its events one by one", registered.name(),
                    payloads.size(), batchFailure.getClass().getSimpleName());
        }
        for (int i = 0; i < payloads.size(); i++) {
            try {
                process(registered, payloads.get(i));
            } catch (RuntimeException failure) {
                throw new BatchListenerFailedException(registered.name() + ": event " + i + " of the batch failed", failure, i);
            }
        }
    }

    /**
     * Inserts the inbox rows of the events in one statement; returns the events not processed
     * before (the first of each event id), in their order.
     */
    private List<EventEnvelope<DomainEvent>> recordInInbox(String consumer, List<EventEnvelope<DomainEvent>> events) {
        List<EventEnvelope<DomainEvent>> distinct = new ArrayList<>(events.size());
        Set<UUID> seen = new HashSet<>();
        for (EventEnvelope<DomainEvent> event : events) {
            if (seen.add(event.eventId())) {
                distinct.add(event);
            }
        }
        if (distinct.isEmpty()) {
            return distinct;
        }
        Set<UUID> inserted = new HashSet<>(jdbc.execute((java.sql.Connection con) -> {
            try (PreparedStatement ps = con.prepareStatement("""
                    insert into inbox_message (consumer, event_id, event_type)
                    select ?, e.id, e.type from unnest(?, ?) as e(id, type)
                    on conflict do nothing
                    returning event_id""")) {
                Array ids = con.createArrayOf("uuid", distinct.stream().map(EventEnvelope::eventId).toArray());
                Array types = con.createArrayOf("varchar", distinct.stream().map(EventEnvelope::type).toArray());
                ps.setString(1, consumer);
                ps.setArray(2, ids);
                ps.setArray(3, types);
                List<UUID> result = new ArrayList<>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add(rs.getObject(1, UUID.class));
                    }
                }
                return result;
            }
        }));
        List<EventEnvelope<DomainEvent>> fresh = new ArrayList<>(inserted.size());
        for (EventEnvelope<DomainEvent> event : distinct) {
            if (inserted.contains(event.eventId())) {
                fresh.add(event);
            } else {
                log.debug("{}: event {} ({}) already processed, skipped", consumer, event.eventId(), event.type());
            }
        }
        return fresh;
    }

    /**
     * Processes bytes as the consumer of the topic would; used to replay a dead letter. Joins
     * the caller's transaction if there is one, so the replay's effect and the letter's new
     * status commit together.
     */
    public Outcome replay(String topic, byte[] payload) {
        Registered registered = byTopic.get(topic);
        if (registered == null) {
            throw new IllegalArgumentException("no consumer of " + topic + " in this service");
        }
        return process(registered, payload);
    }

    private Outcome process(Registered registered, byte[] payload) {
        Optional<EventEnvelope<DomainEvent>> parsed = EventJson.read(payload);
        if (parsed.isEmpty()) {
            countUnknown(registered, payload);
            return Outcome.IGNORED_UNKNOWN_TYPE;
        }
        EventEnvelope<DomainEvent> event = parsed.get();
        Boolean processed = transactions.execute(status -> {
            int inserted = jdbc.update("""
                    insert into inbox_message (consumer, event_id, event_type) values (?, ?, ?)
                    on conflict do nothing
                    """, registered.name(), event.eventId(), event.type());
            if (inserted == 0) {
                return false;
            }
            registered.handler().handle(event);
            return true;
        });
        if (Boolean.TRUE.equals(processed)) {
            return Outcome.PROCESSED;
        }
        log.debug("{}: event {} ({}) already processed, skipped", registered.name(), event.eventId(), event.type());
        return Outcome.DUPLICATE_SKIPPED;
    }

    /** A newer producer's type: consumers ignore what they do not know (events.md), but count it. */
    private void countUnknown(Registered registered, byte[] payload) {
        String type = EventJson.peek(payload).type();
        meters.counter("prakerja.events.unknown", "consumer", registered.name(), "type", type).increment();
        if (unknownTypesSeen.add(registered.name() + "/" + type)) {
            log.warn("{}: ignoring events of unknown type {} (counted in prakerja.events.unknown)", registered.name(), type);
        }
    }

    public enum Outcome {
        PROCESSED, DUPLICATE_SKIPPED, IGNORED_UNKNOWN_TYPE
    }

    private record Registered(String name, EventHandler handler) {
    }
}
