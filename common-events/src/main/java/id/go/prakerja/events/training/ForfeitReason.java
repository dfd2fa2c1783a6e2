package id.go.prakerja.events.training;

public enum ForfeitReason {
    /** The first training was not bought within the deadline after selection. */
    DEADLINE,
    /** The programme ended with balance left. */
    PROGRAMME_END,
    /** Participation was revoked (by an operator, for fraud, at the participant's request) with balance left. */
    REVOKED
}
