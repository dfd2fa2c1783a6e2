package id.go.prakerja.events.verification;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

import java.time.Instant;

/** @param attempt 1 for the first try of this layer */
public record VerificationLayerPassed(VerificationLayer layer, int attempt, Instant passedAt) implements DomainEvent {

    public VerificationLayerPassed {
        Require.notNull(layer, "layer");
        Require.that(attempt >= 1, "attempt must be >= 1, was " + attempt);
        Require.notNull(passedAt, "passedAt");
    }
}
