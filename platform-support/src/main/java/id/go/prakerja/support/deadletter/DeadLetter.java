package id.go.prakerja.support.deadletter;

import java.time.Instant;
import java.util.UUID;

/** A message a consumer of this service gave up on, as an operator sees it. */
public record DeadLetter(UUID id, String originalTopic, int originalPartition, long originalOffset,
        String messageKey, UUID eventId, String eventType, String errorClass, String errorMessage,
        Status status, Instant recordedAt, Instant resolvedAt, String resolvedBy, String resolutionNote,
        String payload) {

    public enum Status {
        PENDING, REPLAYED, DISCARDED
    }
}
