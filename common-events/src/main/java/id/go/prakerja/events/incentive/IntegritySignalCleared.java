package id.go.prakerja.events.incentive;

import java.time.Instant;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

/**
 * Two operators cleared this participant (the envelope's) of an integrity signal: what it found
 * is not held against them, and their held incentive goes back to the schedule (unless another
 * signal still holds it).
 *
 * @param signalId  the signal in the service that raised it
 * @param kind      what the signal found, e.g. {@code SHARED_PAYOUT_ACCOUNT}
 * @param clearedAt when the second operator approved the clearance
 */
public record IntegritySignalCleared(long signalId, String kind, Instant clearedAt) implements DomainEvent {

    public IntegritySignalCleared {
        Require.positive(signalId, "signalId");
        IntegritySignalKinds.require(kind);
        Require.notNull(clearedAt, "clearedAt");
    }
}
