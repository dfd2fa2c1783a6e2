package id.go.prakerja.verification.verificationcase;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** Where one layer of a case stands: its status, how many attempts were decided, and the last reason. */
@Embeddable
public class LayerProgress {

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private LayerStatus status = LayerStatus.NOT_STARTED;
    @Column(nullable = false)
    private int attempts;
    private String reason;

    protected LayerProgress() {
    }

    static LayerProgress notStarted() {
        return new LayerProgress();
    }

    public LayerStatus status() { return status; }
    public int attempts() { return attempts; }
    public String reason() { return reason; }

    void start() {
        if (status == LayerStatus.NOT_STARTED) {
            status = LayerStatus.PENDING;
        }
    }

    /** @return the attempt number that passed */
    int pass() {
        status = LayerStatus.PASSED;
        reason = null;
        return ++attempts;
    }

    /** @return the attempt number that failed */
    int fail(String reasonCode) {
        status = LayerStatus.FAILED;
        reason = reasonCode;
        return ++attempts;
    }

    void review(String reasonCode) {
        status = LayerStatus.IN_REVIEW;
        reason = reasonCode;
    }

    void retry() {
        status = LayerStatus.PENDING;
        reason = null;
    }

    /** Still pending, with a note of what it waits for (a partner that is down). */
    void note(String reasonCode) {
        reason = reasonCode;
    }

    /** Back to the start: a changed e-mail address or phone number must be confirmed afresh. */
    void reopen(String reasonCode) {
        status = LayerStatus.PENDING;
        attempts = 0;
        reason = reasonCode;
    }

    void rejected(String reasonCode) {
        status = LayerStatus.FAILED;
        reason = reasonCode;
    }
}
