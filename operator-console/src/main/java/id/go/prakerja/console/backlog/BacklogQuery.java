package id.go.prakerja.console.backlog;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Who waits at which step now, why, and for how long (view {@code waiting_participant}). */
@Component
public class BacklogQuery {

    /**
     * The steps a participant can wait at, in the order of the programme, then {@code GRIEVANCE}: a
     * participant with a grievance not resolved waits there as well as at their step.
     */
    public static final List<String> STAGES = List.of("VERIFICATION", "WAVE", "SELECTION", "FIRST_PURCHASE", "COMPLETION",
            "RECONCILIATION", "ACCOUNT_LINK", "ACCOUNT_VERIFICATION", "PAYMENT", "GRIEVANCE");

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public BacklogQuery(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Backlog(Instant asOf, List<Stage> stages) {
    }

    public record Stage(String stage, long waiting, Map<AgeBucket, Long> byAge, List<Reason> reasons) {
    }

    public record Reason(String reason, long waiting, Map<AgeBucket, Long> byAge) {
    }

    public record Waiting(UUID participantId, String province, Integer waveNumber, String stage, String reason,
            Instant since, long waitedHours, AgeBucket age) {
    }

    @Transactional(readOnly = true)
    public Backlog now() {
        Instant now = clock.instant();
        StringBuilder buckets = new StringBuilder("case");
        for (AgeBucket bucket : AgeBucket.values()) {
            if (bucket.below() != null) {
                buckets.append(" when since > ? then '").append(bucket.name()).append("'");
            }
        }
        buckets.append(" else '").append(AgeBucket.OVER_30_DAYS.name()).append("' end");
        List<Object> args = new ArrayList<>();
        for (AgeBucket bucket : AgeBucket.values()) {
            if (bucket.below() != null) {
                args.add(Timestamp.from(now.minus(bucket.below())));
            }
        }
        Map<String, Map<String, Map<AgeBucket, Long>>> counted = new LinkedHashMap<>();
        jdbc.query("select stage, reason, " + buckets + " as age, count(*) from waiting_participant group by 1, 2, 3",
                rs -> {
                    counted.computeIfAbsent(rs.getString(1), s -> new LinkedHashMap<>())
                            .computeIfAbsent(rs.getString(2), r -> emptyBuckets())
                            .merge(AgeBucket.valueOf(rs.getString(3)), rs.getLong(4), Long::sum);
                }, args.toArray());
        List<Stage> stages = new ArrayList<>();
        for (String stage : STAGES) {
            Map<String, Map<AgeBucket, Long>> reasons = counted.getOrDefault(stage, Map.of());
            Map<AgeBucket, Long> byAge = emptyBuckets();
            List<Reason> list = new ArrayList<>();
            reasons.forEach((reason, ages) -> {
                ages.forEach((bucket, n) -> byAge.merge(bucket, n, Long::sum));
                list.add(new Reason(reason, ages.values().stream().mapToLong(Long::longValue).sum(), ages));
            });
            list.sort((a, b) -> Long.compare(b.waiting(), a.waiting()));
            stages.add(new Stage(stage, byAge.values().stream().mapToLong(Long::longValue).sum(), byAge, list));
        }
        return new Backlog(now, stages);
    }

    /** The participants waiting at a step (optionally for one reason), longest waiting first. */
    @Transactional(readOnly = true)
    public List<Waiting> waiting(String stage, String reason, int limit, int offset) {
        Instant now = clock.instant();
        String sql = "select participant_id, province, wave_number, stage, reason, since from waiting_participant where stage = ?"
                + (reason == null ? "" : " and reason = ?") + " order by since, participant_id limit ? offset ?";
        List<Object> args = new ArrayList<>(List.of(stage));
        if (reason != null) {
            args.add(reason);
        }
        args.add(limit);
        args.add(offset);
        return jdbc.query(sql, (rs, row) -> {
            Instant since = rs.getTimestamp(6).toInstant();
            Duration waited = Duration.between(since, now);
            return new Waiting(rs.getObject(1, UUID.class), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4),
                    rs.getString(5), since, Math.max(0, waited.toHours()), AgeBucket.of(waited.isNegative() ? Duration.ZERO : waited));
        }, args.toArray());
    }

    private static Map<AgeBucket, Long> emptyBuckets() {
        Map<AgeBucket, Long> buckets = new EnumMap<>(AgeBucket.class);
        for (AgeBucket bucket : AgeBucket.values()) {
            buckets.put(bucket, 0L);
        }
        return buckets;
    }
}
