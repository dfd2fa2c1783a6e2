package id.go.prakerja.events.verification;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

import java.time.Instant;

/** Verification ended for good at this layer. */
public record ParticipantRejected(VerificationLayer layer, String reasonCode, Instant rejectedAt) implements DomainEvent {

    public ParticipantRejected {
        Require.notNull(layer, "layer");
        Require.notBlank(reasonCode, "reasonCode");
        Require.notNull(rejectedAt, "rejectedAt");
    }
}
