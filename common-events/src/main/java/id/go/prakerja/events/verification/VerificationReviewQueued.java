package id.go.prakerja.events.verification;

import java.time.Instant;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

/** A layer's automatic check could not decide; the case waits in the operators' review queue. */
public record VerificationReviewQueued(VerificationLayer layer, String reasonCode, Instant queuedAt) implements DomainEvent {

    public VerificationReviewQueued {
        Require.notNull(layer, "layer");
        Require.notBlank(reasonCode, "reasonCode");
        Require.notNull(queuedAt, "queuedAt");
    }
}
