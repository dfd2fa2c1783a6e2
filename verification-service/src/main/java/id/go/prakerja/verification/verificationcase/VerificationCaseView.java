package id.go.prakerja.verification.verificationcase;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import id.go.prakerja.events.verification.VerificationLayer;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.verification.VerificationProperties;

/**
 * A case as participants and operators see it: each layer's status, attempts and last reason, and
 * whose move it is. NIK, e-mail and phone are masked.
 */
public record VerificationCaseView(UUID participantId, VerificationCase.Status status, VerificationLayer currentLayer,
        VerificationCase.WaitingFor waitingFor, List<Layer> layers, Review review, Instant openedAt,
        Instant decidedAt, String nik, String fullName, String email, String phone, String provinceCode) {

    /**
     * @param attemptsLeft how many more attempts the layer allows; 0 once it passed
     * @param reason       why the last attempt failed, or what a pending check waits for
     */
    public record Layer(VerificationLayer layer, LayerStatus status, int attempts, int attemptsLeft, String reason) {
    }

    public record Review(VerificationLayer layer, String reasonCode, Instant since) {
    }

    public static VerificationCaseView of(VerificationCase c, String nikPlain, VerificationProperties.MaxAttempts limits) {
        List<Layer> layers = c.layers().entrySet().stream().map(e -> new Layer(e.getKey(), e.getValue().status(),
                e.getValue().attempts(), e.getValue().status() == LayerStatus.PASSED ? 0
                        : Math.max(limits.of(e.getKey()) - e.getValue().attempts(), 0),
                e.getValue().reason())).toList();
        Review review = c.status() == VerificationCase.Status.IN_REVIEW
                ? new Review(c.reviewLayer(), c.reviewReason(), c.reviewSince()) : null;
        return new VerificationCaseView(c.participantId(), c.status(), c.currentLayer(), c.waitingFor(), layers, review,
                c.openedAt(), c.decidedAt(), PersonalDataCrypto.mask(nikPlain), c.fullName(), maskEmail(c.email()),
                maskPhone(c.phone()), c.provinceCode());
    }

    /** {@code s***@example.id} */
    public static String maskEmail(String email) {
        int at = email == null ? -1 : email.indexOf('@');
        return at < 1 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }

    /** {@code +62812*****890} */
    public static String maskPhone(String phone) {
        return phone == null || phone.length() < 10 ? "****"
                : phone.substring(0, 6) + "*".repeat(phone.length() - 9) + phone.substring(phone.length() - 3);
    }
}
