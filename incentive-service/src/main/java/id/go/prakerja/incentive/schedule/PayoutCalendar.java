package id.go.prakerja.incentive.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The dates on which the programme pays: {@code anchor + k * every} for every whole k. A tranche
 * is due on a payout date; each payout date has one payout run.
 */
public record PayoutCalendar(Instant anchor, Duration every) {

    public PayoutCalendar {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(every, "every");
        if (every.toMillis() <= 0) {
            throw new IllegalArgumentException("payout dates must be apart by a positive duration, was " + every);
        }
    }

    /** The first payout date strictly after {@code t}. */
    public Instant firstAfter(Instant t) {
        Instant atOrBefore = latestAtOrBefore(t);
        return atOrBefore.plus(every);
    }

    /** The first payout date at or after {@code t}. */
    public Instant firstAtOrAfter(Instant t) {
        Instant atOrBefore = latestAtOrBefore(t);
        return atOrBefore.equals(t) ? t : atOrBefore.plus(every);
    }

    /** The latest payout date at or before {@code t}. */
    public Instant latestAtOrBefore(Instant t) {
        long k = Math.floorDiv(Duration.between(anchor, t).toMillis(), every.toMillis());
        Instant candidate = anchor.plus(every.multipliedBy(k));
        // millisecond arithmetic may land one step off when 'every' has a finer fraction
        while (candidate.isAfter(t)) {
            candidate = candidate.minus(every);
        }
        while (!candidate.plus(every).isAfter(t)) {
            candidate = candidate.plus(every);
        }
        return candidate;
    }
}
