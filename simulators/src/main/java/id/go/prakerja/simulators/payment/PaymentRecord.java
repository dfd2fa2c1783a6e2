package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.Party;

import java.time.Instant;

/**
 * Money a partner accepted to move. Refused transfers (unknown account, inactive, over limit) leave
 * no record, so the same {@code partnerReferenceNo} may be retried once the participant fixes the
 * account; an accepted one is final and a repeat of it is refused as a duplicate, never paid again.
 * A pending transfer may still fail (status {@code 06}): then nothing was credited.
 *
 * @param destination account number (BNI) or phone {@code 08…} (e-wallets)
 * @param amount      whole rupiah
 * @param settledAt   null while pending
 * @param failureCode the SNAP code of the reason, for a transfer that failed after pending; else null
 */
public record PaymentRecord(Party partner, String partnerReferenceNo, String referenceNo, String externalId,
                            String destination, String ownerName, long amount, PaymentStatus status,
                            Instant createdAt, Instant settledAt, String failureCode) {

    PaymentRecord settled(Instant at) {
        return new PaymentRecord(partner, partnerReferenceNo, referenceNo, externalId, destination, ownerName,
                amount, PaymentStatus.SUCCESS, createdAt, at, null);
    }

    PaymentRecord failed(Instant at, String code) {
        return new PaymentRecord(partner, partnerReferenceNo, referenceNo, externalId, destination, ownerName,
                amount, PaymentStatus.FAILED, createdAt, at, code);
    }

    /** True when the money reached the account: a credit in the partner's ledger. */
    public boolean credited() {
        return status == PaymentStatus.SUCCESS;
    }
}
