package id.go.prakerja.events.cohort;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

import java.time.Instant;

/**
 * The participant was selected in a wave and holds a Kartu Prakerja.
 *
 * @param cardNumber            16-digit card number
 * @param trainingBalance       non-cash training balance in rupiah
 * @param firstPurchaseDeadline the first training must be bought before this, or participation is revoked
 */
public record ParticipantSelected(int waveNumber, String cardNumber, long trainingBalance, Instant firstPurchaseDeadline)
        implements DomainEvent {

    public ParticipantSelected {
        Require.that(waveNumber >= 1, "waveNumber must be >= 1, was " + waveNumber);
        Require.digits(cardNumber, 16, "cardNumber");
        Require.positive(trainingBalance, "trainingBalance");
        Require.notNull(firstPurchaseDeadline, "firstPurchaseDeadline");
    }
}
