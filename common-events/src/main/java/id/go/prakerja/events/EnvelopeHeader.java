package id.go.prakerja.events;

import java.util.UUID;

/** The identifying part of an envelope, read without binding the payload (logs, dead letters). */
public record EnvelopeHeader(UUID eventId, String type, UUID participantId) {

    public EnvelopeHeader {
        Require.notNull(eventId, "eventId");
        Require.notBlank(type, "type");
        Require.notNull(participantId, "participantId");
    }
}
