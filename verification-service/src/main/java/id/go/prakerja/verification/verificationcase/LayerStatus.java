package id.go.prakerja.verification.verificationcase;

public enum LayerStatus {
    NOT_STARTED, PENDING, PASSED, FAILED, IN_REVIEW
}
