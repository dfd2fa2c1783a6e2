package id.go.prakerja.events.payment;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

import java.time.Instant;

/** @param partnerReference the partner's own reference for the transfer, for reconciliation */
public record DisbursementSucceeded(String instructionId, String partnerReference, Instant settledAt)
        implements DomainEvent {

    public DisbursementSucceeded {
        Require.notBlank(instructionId, "instructionId");
        Require.notBlank(partnerReference, "partnerReference");
        Require.notNull(settledAt, "settledAt");
    }
}
