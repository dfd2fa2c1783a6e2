package id.go.prakerja.registration.grievance;

import java.time.Duration;

/**
 * How long a grievance has waited since it was filed: the operators' SLA view. The same buckets,
 * by the same names, as the operator console's backlog.
 */
public enum AgeBucket {
    UNDER_1_DAY(Duration.ofDays(1)),
    DAYS_1_TO_3(Duration.ofDays(3)),
    DAYS_3_TO_7(Duration.ofDays(7)),
    DAYS_7_TO_30(Duration.ofDays(30)),
    OVER_30_DAYS(null);

    /** exclusive upper bound; null for the last bucket */
    private final Duration below;

    AgeBucket(Duration below) {
        this.below = below;
    }

    public static AgeBucket of(Duration waited) {
        for (AgeBucket bucket : values()) {
            if (bucket.below == null || waited.compareTo(bucket.below) < 0) {
                return bucket;
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
