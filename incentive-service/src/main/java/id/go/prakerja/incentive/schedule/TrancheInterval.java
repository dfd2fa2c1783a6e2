package id.go.prakerja.incentive.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The time between two post-training tranches: calendar months ({@code P1M}, counted in the
 * programme's time zone) in production, or a plain duration ({@code PT2M}) for a compressed
 * demonstration schedule.
 */
public final class TrancheInterval {

    private final Period period;
    private final Duration duration;

    private TrancheInterval(Period period, Duration duration) {
        this.period = period;
        this.duration = duration;
    }

    /** ISO-8601: {@code P1M}, {@code P30D} as a calendar period; {@code PT2M} as a duration. */
    public static TrancheInterval parse(String iso) {
        Objects.requireNonNull(iso, "interval");
        String text = iso.trim().toUpperCase(java.util.Locale.ROOT);
        TrancheInterval interval = text.contains("T") ? new TrancheInterval(null, Duration.parse(text))
                : new TrancheInterval(Period.parse(text), null);
        if (interval.period != null ? interval.period.isNegative() || interval.period.isZero()
                : interval.duration.isNegative() || interval.duration.isZero()) {
            throw new IllegalArgumentException("the tranche interval must be positive, was " + iso);
        }
        return interval;
    }

    /** {@code start} plus {@code times} intervals. */
    public Instant after(Instant start, int times, ZoneId zone) {
        if (period != null) {
            return start.atZone(zone).plus(period.multipliedBy(times)).toInstant();
        }
        return start.plus(duration.multipliedBy(times));
    }

    @Override
    public String toString() {
        return period != null ? period.toString() : duration.toString();
    }
}
