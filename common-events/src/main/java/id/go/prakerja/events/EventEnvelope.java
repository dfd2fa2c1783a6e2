package id.go.prakerja.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What travels on every topic. {@code participantId} is the Kafka key, so one participant's events
 * stay ordered; {@code correlationId} ties together everything one journey step set off, and
 * {@code causationId} names the event that directly caused this one (null for the first).
 */
public record EventEnvelope<T extends DomainEvent>(
        UUID eventId,
        String type,
        int version,
        Instant occurredAt,
        UUID participantId,
        UUID correlationId,
        UUID causationId,
        T payload) {

    public EventEnvelope {
        Require.notNull(eventId, "eventId");
        Require.notBlank(type, "type");
        Require.that(version >= 1, "version must be >= 1, was " + version);
        Require.notNull(occurredAt, "occurredAt");
        Require.notNull(participantId, "participantId");
        Require.notNull(correlationId, "correlationId");
        Require.notNull(payload, "payload");
        String registered = EventTypes.of(payload.getClass()).name();
        Require.that(registered.equals(type), "type " + type + " does not match payload " + registered);
    }

    /** A new event with a random id; type and version come from {@link EventTypes}. */
    public static <T extends DomainEvent> EventEnvelope<T> of(
            T payload, UUID participantId, UUID correlationId, UUID causationId, Instant occurredAt) {
        Require.notNull(payload, "payload");
        EventType type = EventTypes.of(payload.getClass());
        return new EventEnvelope<>(UUID.randomUUID(), type.name(), type.version(), occurredAt,
                participantId, correlationId, causationId, payload);
    }

    /** A follow-up event this one caused: same participant and correlation, causation = this event. */
    public <E extends DomainEvent> EventEnvelope<E> cause(E payload, Instant occurredAt) {
        return of(payload, participantId, correlationId, eventId, occurredAt);
    }

    /** This envelope seen as carrying the given payload type, after the consumer has checked it. */
    @SuppressWarnings("unchecked")
    public <E extends DomainEvent> EventEnvelope<E> as(Class<E> payloadType) {
        Require.that(payloadType.isInstance(payload), type + " is not a " + payloadType.getSimpleName());
        return (EventEnvelope<E>) this;
    }

    public String topic() {
        return EventTypes.of(payload.getClass()).topic();
    }
}
