package id.go.prakerja.events.payment;

import java.time.Instant;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;
import id.go.prakerja.events.incentive.PayoutPartner;

/**
 * A payment to the partner timed out or answered ambiguously: it may or may not have been paid.
 * The gateway asks the partner's status inquiry before anything else; a
 * {@link DisbursementSucceeded} or {@link DisbursementFailed} with the same instructionId ends it.
 */
public record DisbursementOutcomeUnknown(String instructionId, PayoutPartner partner, String detail, Instant since)
        implements DomainEvent {

    public DisbursementOutcomeUnknown {
        Require.notBlank(instructionId, "instructionId");
        Require.notNull(partner, "partner");
        Require.notNull(since, "since");
    }
}
