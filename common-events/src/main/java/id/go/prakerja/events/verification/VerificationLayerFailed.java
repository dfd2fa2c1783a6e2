package id.go.prakerja.events.verification;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

import java.time.Instant;

/**
 * One attempt at a layer failed.
 *
 * @param retryable whether the participant may try this layer again (within the attempt limit)
 */
public record VerificationLayerFailed(
        VerificationLayer layer, String reasonCode, boolean retryable, int attempt, Instant failedAt)
        implements DomainEvent {

    public VerificationLayerFailed {
        Require.notNull(layer, "layer");
        Require.notBlank(reasonCode, "reasonCode");
        Require.that(attempt >= 1, "attempt must be >= 1, was " + attempt);
        Require.notNull(failedAt, "failedAt");
    }
}
