package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.Party;

import java.time.Instant;

/**
 * Money a partner accepted to move. Refused transfers (unknown account, inactive, over limit) leave
 * no record, so the same {@code partnerReferenceNo} may be retried once the participant fixes the
 * account; an accepted one is final and any repeat returns it instead of paying again.
 *
 * @param destination account number (BNI) or phone {@code 08…} (e-wallets)
 * @param amount      whole rupiah
 * @param settledAt   null while pending
 */
public record PaymentRecord(Party partner, String partnerReferenceNo, String referenceNo, String externalId,
                            String destination, String ownerName, long amount, PaymentStatus status,
                            Instant createdAt, Instant settledAt) {

    PaymentRecord settled(Instant at) {
        return new PaymentRecord(partner, partnerReferenceNo, referenceNo, externalId, destination, ownerName,
                amount, PaymentStatus.SUCCESS, createdAt, at);
    }
}
