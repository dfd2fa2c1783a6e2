package id.go.prakerja.payment.disbursement;

import java.time.Instant;
import java.util.UUID;

import id.go.prakerja.events.incentive.PayoutPartner;

/**
 * A payment row as the workers and operators see it. Its account is sealed ({@code accountSealed}:
 * only {@link PaymentAccounts} opens it, for the transfer call) and masked for operators and logs
 * ({@code accountMasked}: {@code ******7890}).
 */
public record Payment(String instructionId, UUID participantId, UUID correlationId, UUID requestEventId,
        PayoutPartner partner, String kind, int sequence, long amount, String accountSealed, String accountMasked, int attempt,
        String partnerReferenceNo, PaymentStatus status, String reasonCode, String partnerReference, String lastRawCode,
        int sends, int inquiries, Instant dueAt, Instant createdAt, Instant updatedAt, Instant finishedAt, long version,
        boolean everAmbiguous, String blockedReason) {

    /** An account number or phone, masked for operators and logs: {@code ******7890}. */
    public static String mask(String accountNumber) {
        return accountNumber.length() <= 4 ? "****" : "*".repeat(accountNumber.length() - 4)
                + accountNumber.substring(accountNumber.length() - 4);
    }
}
