package id.go.prakerja.events.training;

import java.time.Instant;
import java.util.UUID;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

/** The participant rated (and reviewed) a completed training; a condition of its reconciliation. */
public record TrainingRated(UUID purchaseId, int rating, boolean firstTraining, Instant ratedAt) implements DomainEvent {

    public TrainingRated {
        Require.notNull(purchaseId, "purchaseId");
        Require.between(rating, 1, 5, "rating");
        Require.notNull(ratedAt, "ratedAt");
    }
}
