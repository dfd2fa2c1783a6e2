package id.go.prakerja.events.incentive;

/** What a disbursement pays for, and how many tranches of it a participant can receive. */
public enum IncentiveKind {
    /** Monthly tranches after the first training is reconciled. */
    POST_TRAINING(4),
    /** One payment per completed survey. */
    SURVEY(3);

    private final int maxSequence;

    IncentiveKind(int maxSequence) {
        this.maxSequence = maxSequence;
    }

    /** The highest tranche sequence; sequences run from 1. */
    public int maxSequence() {
        return maxSequence;
    }
}
