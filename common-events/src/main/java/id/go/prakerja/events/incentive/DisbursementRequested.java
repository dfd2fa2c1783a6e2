package id.go.prakerja.events.incentive;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

import java.util.UUID;

/**
 * The incentive service instructs the payment gateway to pay one tranche.
 *
 * <p>{@code accountNumber} travels field-encrypted with the transport key, bound to the context
 * {@code SealContext.ofEvent(DisbursementRequested.class, "accountNumber", participantId)}; the
 * incentive service seals it, the payment gateway opens it. Sealing is randomised, so two
 * requests for the same account carry different text: compare opened values, never the sealed
 * ones. A value that does not open makes the event a poison message.
 *
 * @param instructionId idempotency key of the tranche, see {@link #instructionId(UUID, IncentiveKind, int)}
 * @param sequence      tranche number, 1 to {@link IncentiveKind#maxSequence()}
 * @param amount        in rupiah
 * @param accountNumber sealed (context field {@code "accountNumber"}): the verified payout account (bank account or
 *                      e-wallet phone)
 */
public record DisbursementRequested(
        String instructionId, IncentiveKind kind, int sequence, long amount, PayoutPartner partner, String accountNumber)
        implements DomainEvent {

    public DisbursementRequested {
        Require.notBlank(instructionId, "instructionId");
        Require.notNull(kind, "kind");
        Require.between(sequence, 1, kind.maxSequence(), "sequence of " + kind);
        Require.positive(amount, "amount");
        Require.notNull(partner, "partner");
        Require.notBlank(accountNumber, "accountNumber");
    }

    /**
     * The idempotency key of one tranche: the same participant, kind and sequence always give the
     * same id, so a retried or re-published request can never pay a tranche twice. The gateway
     * sends the same id to the partner as its idempotency key.
     */
    public static String instructionId(UUID participantId, IncentiveKind kind, int sequence) {
        Require.notNull(participantId, "participantId");
        Require.notNull(kind, "kind");
        Require.between(sequence, 1, kind.maxSequence(), "sequence of " + kind);
        return participantId + ":" + kind + ":" + sequence;
    }

    /** The account number stays out of logs. */
    @Override
    public String toString() {
        return "DisbursementRequested[instructionId=" + instructionId + ", kind=" + kind + ", sequence=" + sequence
                + ", amount=" + amount + ", partner=" + partner + "]";
    }
}
