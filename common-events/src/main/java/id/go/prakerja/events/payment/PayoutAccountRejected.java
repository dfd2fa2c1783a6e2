package id.go.prakerja.events.payment;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

import java.time.Instant;
import java.util.UUID;

public record PayoutAccountRejected(UUID linkId, AccountRejectionReason reasonCode, Instant rejectedAt)
        implements DomainEvent {

    public PayoutAccountRejected {
        Require.notNull(linkId, "linkId");
        Require.notNull(reasonCode, "reasonCode");
        Require.notNull(rejectedAt, "rejectedAt");
    }
}
