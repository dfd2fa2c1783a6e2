package id.go.prakerja.events.verification;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

import java.time.Instant;

/** All layers passed; the participant may join a wave. */
public record ParticipantVerified(Instant verifiedAt) implements DomainEvent {

    public ParticipantVerified {
        Require.notNull(verifiedAt, "verifiedAt");
    }
}
