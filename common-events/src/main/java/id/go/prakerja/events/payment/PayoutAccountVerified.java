package id.go.prakerja.events.payment;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

import java.time.Instant;
import java.util.UUID;

/** The partner confirmed the account of a link request; incentives may be paid to it. */
public record PayoutAccountVerified(UUID linkId, Instant verifiedAt) implements DomainEvent {

    public PayoutAccountVerified {
        Require.notNull(linkId, "linkId");
        Require.notNull(verifiedAt, "verifiedAt");
    }
}
