package id.go.prakerja.support.inbox;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
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
            // a newer producer's type: consumers ignore what they do not know (events.md), but count it
            String type = EventJson.peek(payload).type();
            meters.counter("prakerja.events.unknown", "consumer", registered.name(), "type", type).increment();
            if (unknownTypesSeen.add(registered.name() + "/" + type)) {
                log.warn("{}: ignoring events of unknown type {} (counted in prakerja.events.unknown)", registered.name(), type);
            }
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

    public enum Outcome {
        PROCESSED, DUPLICATE_SKIPPED, IGNORED_UNKNOWN_TYPE
    }

    private record Registered(String name, EventHandler handler) {
    }
}
