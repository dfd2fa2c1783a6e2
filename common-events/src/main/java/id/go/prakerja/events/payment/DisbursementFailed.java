package id.go.prakerja.events.payment;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

import java.time.Instant;

/**
 * The partner refused the transfer for good (an unclear outcome is resolved by status inquiry
 * first, never reported as a failure).
 *
 * @param retryableAfterAccountChange whether the tranche may be retried once the participant fixes or relinks the account
 */
public record DisbursementFailed(
        String instructionId, String reasonCode, boolean retryableAfterAccountChange, Instant failedAt)
        implements DomainEvent {

    public DisbursementFailed {
        Require.notBlank(instructionId, "instructionId");
        Require.notBlank(reasonCode, "reasonCode");
        Require.notNull(failedAt, "failedAt");
    }
}
