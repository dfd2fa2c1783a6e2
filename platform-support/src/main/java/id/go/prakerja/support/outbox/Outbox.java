package id.go.prakerja.support.outbox;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.EventTypes;

/**
 * The only way a service publishes an event: a row written in the caller's transaction,
 * so the event exists if and only if the state change committed. {@link OutboxRelay}
 * sends it to Kafka afterwards.
 */
public class Outbox {

    private static final String INSERT = """
            insert into outbox_message (event_id, topic, message_key, event_type, payload)
            values (?, ?, ?, ?, ?)
            """;

    private final JdbcTemplate jdbc;
    private final OutboxRelay relay;

    public Outbox(JdbcTemplate jdbc, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.relay = relay;
    }

    public <E extends DomainEvent> EventEnvelope<E> publish(EventEnvelope<E> envelope) {
        String topic = EventTypes.of(envelope.payload().getClass()).topic();
        insert(topic, envelope.participantId().toString(), envelope.eventId(), envelope.type(), EventJson.write(envelope));
        return envelope;
    }

    /** Many events in one batch (e.g. a wave's selection results), in the caller's transaction. */
    public void publishAll(List<? extends EventEnvelope<?>> envelopes) {
        if (envelopes.isEmpty()) {
            return;
        }
        requireTransaction();
        jdbc.batchUpdate(INSERT, envelopes, 1000, (ps, envelope) -> {
            ps.setObject(1, envelope.eventId());
            ps.setString(2, EventTypes.of(envelope.payload().getClass()).topic());
            ps.setString(3, envelope.participantId().toString());
            ps.setString(4, envelope.type());
            ps.setBytes(5, EventJson.write(envelope));
        });
        wakeRelayAfterCommit();
    }

    /** Sends already-serialised bytes again, e.g. an event an operator replays. */
    public void publishRaw(String topic, String key, UUID eventId, String type, byte[] payload) {
        insert(topic, key, eventId, type, payload);
    }

    private void insert(String topic, String key, UUID eventId, String type, byte[] payload) {
        requireTransaction();
        jdbc.update(INSERT, eventId, topic, key, type, payload);
        wakeRelayAfterCommit();
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("an event must be published in the transaction of the change it announces");
        }
    }

    private void wakeRelayAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }
}
