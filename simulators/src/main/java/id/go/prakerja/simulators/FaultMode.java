package id.go.prakerja.simulators;

/** How a simulator misbehaves on purpose, so callers can prove their resilience. */
public enum FaultMode {
    /** Behave normally. */
    NONE,
    /** Answer every call with 503, doing nothing. */
    DOWN,
    /** Wait {@code delayMillis}, then do the work and answer normally. */
    SLOW,
    /**
     * Do the work, then hold the answer for {@code delayMillis} (about 30 s by default) and finally
     * answer 504. This is the dangerous case: the party acted (an SMS went out, a transfer was paid)
     * but the caller never learns it in time.
     */
    TIMEOUT,
    /** Answer every call with 500, doing nothing. */
    ERROR,
    /** Answer every call with 429 and {@code Retry-After} (whole seconds of {@code delayMillis}, at least 1), doing nothing. */
    RATE_LIMITED,
    /** Do the work, then answer 500 as if it had failed: "500 but paid". */
    ERROR_AFTER_WORK
}
