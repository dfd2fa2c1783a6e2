package id.go.prakerja.simulators;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault to inject into a simulator's party-facing endpoints ({@code /health} and
 * {@code /_control/**} are never affected, so a test can always undo what it set).
 *
 * @param mode        what goes wrong
 * @param delayMillis SLOW: delay before answering (default 2,000); TIMEOUT: how long the answer is
 *                    held (default 30,000); ignored otherwise
 * @param calls       how many calls the fault applies to before the simulator heals itself;
 *                    0 means "until changed" (lets a test say "fail the first call, then work")
 */
public record Fault(FaultMode mode, long delayMillis, int calls) {

    public static final long DEFAULT_SLOW_MILLIS = 2_000;
    public static final long DEFAULT_TIMEOUT_MILLIS = 30_000;

    public Fault {
        Objects.requireNonNull(mode, "mode");
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delayMillis must be >= 0");
        }
        if (calls < 0) {
            throw new IllegalArgumentException("calls must be >= 0");
        }
    }

    public static Fault none() {
        return new Fault(FaultMode.NONE, 0, 0);
    }

    public static Fault down() {
        return new Fault(FaultMode.DOWN, 0, 0);
    }

    public static Fault error() {
        return new Fault(FaultMode.ERROR, 0, 0);
    }

    public static Fault slow(Duration delay) {
        return new Fault(FaultMode.SLOW, delay.toMillis(), 0);
    }

    public static Fault timeout() {
        return new Fault(FaultMode.TIMEOUT, DEFAULT_TIMEOUT_MILLIS, 0);
    }

    public static Fault timeout(Duration hold) {
        return new Fault(FaultMode.TIMEOUT, hold.toMillis(), 0);
    }

    /** The same fault, limited to the next {@code n} calls. */
    public Fault forCalls(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1");
        }
        return new Fault(mode, delayMillis, n);
    }

    /** The delay actually used: the given one, or the mode's default when none was given. */
    public long effectiveDelayMillis() {
        if (delayMillis > 0) {
            return delayMillis;
        }
        return switch (mode) {
            case SLOW -> DEFAULT_SLOW_MILLIS;
            case TIMEOUT -> DEFAULT_TIMEOUT_MILLIS;
            default -> 0;
        };
    }
}
