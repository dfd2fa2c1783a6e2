package id.go.prakerja.registration.wave;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A wave as operators see it, with where its applicants stand. */
public record WaveView(int number, Wave.Status status, Instant opensAt, Instant closesAt, long totalQuota,
        Map<String, Long> quotaByProvince, List<PriorityRule> priorityRules, long seed, Instant openedAt,
        Instant closedAt, Instant selectedAt, Map<String, Long> applicationsByStatus,
        Map<String, Long> selectedByProvince) {
}
