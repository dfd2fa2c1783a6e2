package id.go.prakerja.events.training;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

import java.time.Instant;

/** @param amount the unused balance, in rupiah, returned to the programme */
public record BalanceForfeited(long amount, ForfeitReason reason, Instant forfeitedAt) implements DomainEvent {

    public BalanceForfeited {
        Require.positive(amount, "amount");
        Require.notNull(reason, "reason");
        Require.notNull(forfeitedAt, "forfeitedAt");
    }
}
