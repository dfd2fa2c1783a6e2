package id.go.prakerja.events.verification;

/** The verification layers, in the order they are passed. */
public enum VerificationLayer {
    EMAIL, NIK, PHONE, KYC
}
