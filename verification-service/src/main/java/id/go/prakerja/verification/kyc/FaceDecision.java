package id.go.prakerja.verification.kyc;

/** The programme's reading of a face-match score: pass, leave to an operator, or fail the attempt. */
public enum FaceDecision {
    MATCH, UNDECIDED, NO_MATCH;

    public static FaceDecision of(int score, int passScore, int reviewScore) {
        if (reviewScore > passScore) {
            throw new IllegalArgumentException("review score " + reviewScore + " above pass score " + passScore);
        }
        if (score >= passScore) {
            return MATCH;
        }
        return score >= reviewScore ? UNDECIDED : NO_MATCH;
    }
}
