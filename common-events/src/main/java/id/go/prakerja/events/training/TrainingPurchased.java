package id.go.prakerja.events.training;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

import java.time.Instant;
import java.util.UUID;

/**
 * A training was paid for from the training balance.
 *
 * @param price         in rupiah, taken from the balance
 * @param firstTraining whether this is the participant's first purchase (the one the incentive depends on)
 */
public record TrainingPurchased(
        UUID purchaseId, String trainingId, String platformCode, long price, boolean firstTraining, Instant purchasedAt)
        implements DomainEvent {

    public TrainingPurchased {
        Require.notNull(purchaseId, "purchaseId");
        Require.notBlank(trainingId, "trainingId");
        Require.notBlank(platformCode, "platformCode");
        Require.positive(price, "price");
        Require.notNull(purchasedAt, "purchasedAt");
    }
}
