package id.go.prakerja.verification.kyc;

/** What verification needs from a face-match provider: how alike the face on the KTP and the selfie are. */
public interface FaceMatch {

    /**
     * @return a similarity score, 0-100
     * @throws FaceMatchUnavailable when the provider cannot answer now: the check waits
     */
    int score(String requestId, byte[] ktpPhoto, byte[] selfie);

    class FaceMatchUnavailable extends RuntimeException {
        public FaceMatchUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
