package id.go.prakerja.events.training;

import java.time.Instant;
import java.util.UUID;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

/**
 * A training platform reported that the participant completed a purchased training, before the
 * completion is reconciled (rating and review given, certificate checked): the step between
 * "purchased" and {@link TrainingCompletionReconciled} where participants wait for themselves.
 */
public record TrainingCompletionReported(
        UUID purchaseId, String trainingId, String platformCode, boolean firstTraining, Instant completedAt)
        implements DomainEvent {

    public TrainingCompletionReported {
        Require.notNull(purchaseId, "purchaseId");
        Require.notBlank(trainingId, "trainingId");
        Require.notBlank(platformCode, "platformCode");
        Require.notNull(completedAt, "completedAt");
    }
}
