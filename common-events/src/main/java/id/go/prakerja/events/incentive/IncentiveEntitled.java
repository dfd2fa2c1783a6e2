package id.go.prakerja.events.incentive;

import java.time.Instant;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

/**
 * The participant became entitled to one tranche (a post-training month or a survey), due at
 * {@code dueAt}; its {@link DisbursementRequested} follows with the same {@code instructionId}
 * once an account is verified and the tranche is due.
 */
public record IncentiveEntitled(String instructionId, IncentiveKind kind, int sequence, long amount, Instant dueAt,
        Instant entitledAt) implements DomainEvent {

    public IncentiveEntitled {
        Require.notBlank(instructionId, "instructionId");
        Require.notNull(kind, "kind");
        Require.between(sequence, 1, kind.maxSequence(), "sequence of " + kind);
        Require.positive(amount, "amount");
        Require.notNull(dueAt, "dueAt");
        Require.notNull(entitledAt, "entitledAt");
    }
}
