package id.go.prakerja.events.payment;

import java.time.Instant;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;
import id.go.prakerja.events.incentive.PayoutPartner;

/**
 * A payment to the partner timed out or answered ambiguously: it may or may not have been paid.
 * The gateway asks the partner's status inquiry before anything else; a
 * {@link DisbursementSucceeded} or {@link DisbursementFailed} with the same instructionId ends it.
 *
 * @param inDoubt the partner refused a transfer after an earlier attempt was ambiguous: the payment
 *                waits until every reference it used is shown credited or not (false in events
 *                from before this field)
 */
public record DisbursementOutcomeUnknown(String instructionId, PayoutPartner partner, String detail, Instant since,
        boolean inDoubt) implements DomainEvent {

    public DisbursementOutcomeUnknown(String instructionId, PayoutPartner partner, String detail, Instant since) {
        this(instructionId, partner, detail, since, false);
    }

    public DisbursementOutcomeUnknown {
        Require.notBlank(instructionId, "instructionId");
        Require.notNull(partner, "partner");
        Require.notNull(since, "since");
    }
}
