package id.go.prakerja.training.purchase;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A purchase as its participant (or an operator) sees it.
 *
 * @param missing what reconciliation still waits for: CERTIFICATE, RATING, REVIEW
 */
public record PurchaseView(UUID purchaseId, UUID participantId, String trainingId, String trainingTitle,
        String platformCode, long price, boolean firstTraining, String status, String voucherCode,
        Instant voucherExpiresAt, Instant purchasedAt, Instant redeemedAt, int progressPercent, Instant completedAt,
        String certificateNumber, Integer rating, String review, Instant reconciledAt, List<String> missing) {

    public static List<String> missing(String status, String certificate, Integer rating, String review) {
        List<String> missing = new ArrayList<>();
        if (List.of("REDEEMED", "IN_PROGRESS", "COMPLETED").contains(status)) {
            if (certificate == null) {
                missing.add("CERTIFICATE");
            }
            if (rating == null) {
                missing.add("RATING");
            }
            if (review == null) {
                missing.add("REVIEW");
            }
        }
        return missing;
    }
}
