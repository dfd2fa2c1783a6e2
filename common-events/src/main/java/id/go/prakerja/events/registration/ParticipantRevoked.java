package id.go.prakerja.events.registration;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

import java.time.Instant;

public record ParticipantRevoked(RevocationReason reason, Instant revokedAt) implements DomainEvent {

    public ParticipantRevoked {
        Require.notNull(reason, "reason");
        Require.notNull(revokedAt, "revokedAt");
    }
}
