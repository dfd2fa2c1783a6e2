package id.go.prakerja.events;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The one JSON mapping of events, shared by every producer and consumer so they cannot drift
 * apart: dates as ISO-8601 strings, unknown fields ignored (fields are only ever added), unknown
 * event types skipped (types are only ever added).
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // a payload lacking a primitive field is broken, not zero
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** The envelope as it sits on the wire, before its payload is bound to a record. */
    private record Wire(
            UUID eventId,
            String type,
            Integer version,
            Instant occurredAt,
            UUID participantId,
            UUID correlationId,
            UUID causationId,
            JsonNode payload) {
    }

    private EventJson() {
    }

    public static byte[] write(EventEnvelope<?> envelope) {
        return MAPPER.writeValueAsBytes(Require.notNull(envelope, "envelope"));
    }

    public static String writeString(EventEnvelope<?> envelope) {
        return MAPPER.writeValueAsString(Require.notNull(envelope, "envelope"));
    }

    /**
     * Binds a document to its envelope and payload record.
     *
     * @return empty if the type is not in this version of the catalogue
     * @throws MalformedEventException if the document is not JSON, lacks an envelope field, or its
     *                                 payload does not bind to the record of its type
     */
    public static Optional<EventEnvelope<DomainEvent>> read(byte[] json) {
        Wire wire = readWire(json);
        require(wire.eventId(), "eventId");
        require(wire.type(), "type");
        require(wire.version(), "version");
        require(wire.occurredAt(), "occurredAt");
        require(wire.participantId(), "participantId");
        require(wire.correlationId(), "correlationId");
        if (wire.payload() == null || !wire.payload().isObject()) {
            throw new MalformedEventException("event " + wire.eventId() + ": payload must be a JSON object");
        }

        Optional<EventType> type = EventTypes.byName(wire.type());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        try {
            DomainEvent payload = MAPPER.treeToValue(wire.payload(), type.get().recordClass());
            return Optional.of(new EventEnvelope<>(wire.eventId(), wire.type(), wire.version(), wire.occurredAt(),
                    wire.participantId(), wire.correlationId(), wire.causationId(), payload));
        } catch (JacksonException | IllegalArgumentException e) {
            throw new MalformedEventException(
                    "event " + wire.eventId() + " of type " + wire.type() + ": " + rootMessage(e), e);
        }
    }

    /**
     * Reads only eventId, type and participantId, without binding the payload, so it works on
     * documents {@link #read} refuses.
     *
     * @throws MalformedEventException if the document is not JSON or lacks one of those fields
     */
    public static EnvelopeHeader peek(byte[] json) {
        Wire wire = readWire(json);
        return new EnvelopeHeader(
                require(wire.eventId(), "eventId"),
                require(wire.type(), "type"),
                require(wire.participantId(), "participantId"));
    }

    private static Wire readWire(byte[] json) {
        if (json == null || json.length == 0) {
            throw new MalformedEventException("empty event document");
        }
        try {
            Wire wire = MAPPER.readValue(json, Wire.class);
            if (wire == null) {
                throw new MalformedEventException("event document is JSON null");
            }
            return wire;
        } catch (JacksonException e) {
            throw new MalformedEventException("not an event envelope: " + rootMessage(e), e);
        }
    }

    private static <V> V require(V value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new MalformedEventException("envelope field " + field + " is missing");
        }
        return value;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root instanceof JacksonException je ? je.getOriginalMessage() : root.getMessage();
    }
}
