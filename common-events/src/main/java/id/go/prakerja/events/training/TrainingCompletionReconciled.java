package id.go.prakerja.events.training;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

import java.time.Instant;
import java.util.UUID;

/**
 * Certificate, rating and review are all present for a purchased training.
 *
 * @param rating        the participant's rating, 1 to 5
 * @param firstTraining whether this completes the first training, which starts the incentive
 */
public record TrainingCompletionReconciled(
        UUID purchaseId,
        String trainingId,
        String platformCode,
        String certificateNumber,
        int rating,
        Instant completedAt,
        boolean firstTraining) implements DomainEvent {

    public TrainingCompletionReconciled {
        Require.notNull(purchaseId, "purchaseId");
        Require.notBlank(trainingId, "trainingId");
        Require.notBlank(platformCode, "platformCode");
        Require.notBlank(certificateNumber, "certificateNumber");
        Require.between(rating, 1, 5, "rating");
        Require.notNull(completedAt, "completedAt");
    }
}
