package id.go.prakerja.events.training;

import java.time.Instant;
import java.util.UUID;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

/**
 * A purchase's voucher ended without being redeemed, so the purchase is undone: its reservation is
 * voided and the price returns to the participant's balance (where a later purchase may spend it,
 * or a {@link BalanceForfeited} returns it to the programme). Once per purchase, and only for a
 * purchase whose {@link TrainingPurchased} was announced.
 *
 * @param amount the purchase's price, in rupiah, back in the balance
 */
public record VoucherLapsed(
        UUID purchaseId, String trainingId, String platformCode, long amount, VoucherLapseReason reason, Instant lapsedAt)
        implements DomainEvent {

    public VoucherLapsed {
        Require.notNull(purchaseId, "purchaseId");
        Require.notBlank(trainingId, "trainingId");
        Require.notBlank(platformCode, "platformCode");
        Require.positive(amount, "amount");
        Require.notNull(reason, "reason");
        Require.notNull(lapsedAt, "lapsedAt");
    }
}
