package id.go.prakerja.console.funnel;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The funnel as of an instant: a participant counts at a step when the event that brought them
 * there happened at or before that instant. Read from the pre-aggregated counts ({@link
 * FunnelCounts}): the daily sums of every day before the instant's day, plus the changes of that
 * day up to the instant, so the answer is exact for any instant and its cost grows with the
 * number of days, waves and provinces, not of participants. Total, waves and provinces come from
 * one pass (grouping sets).
 */
@Component
public class FunnelQuery {

    private static final FunnelStep[] STEPS = FunnelStep.values();
    /** Waves in numeric order ("2" before "10"), "-" (not joined by then) last. */
    private static final Comparator<Funnel.Group> BY_KEY = Comparator.comparing((Funnel.Group g) -> g.key().equals("-"))
            .thenComparingInt(g -> g.key().length()).thenComparing(Funnel.Group::key);
    private static final String SQL = """
            select grouping(wave) as by_province, grouping(province) as by_wave, step, wave, province, sum(n)
            from (select step, wave, province, participants as n from funnel_daily where day < ?
                  union all
                  select step, wave, province, delta from funnel_change where at >= ? and at <= ?) c
            group by grouping sets ((step), (step, wave), (step, province))
            """;

    private final JdbcTemplate jdbc;

    public FunnelQuery(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Funnel asOf(Instant asOf) {
        LocalDate day = FunnelCounts.day(asOf);
        long[] total = new long[STEPS.length];
        Map<String, long[]> byWave = new HashMap<>();
        Map<String, long[]> byProvince = new HashMap<>();
        jdbc.query(SQL, rs -> {
            int step = FunnelStep.valueOf(rs.getString(3)).ordinal();
            long count = rs.getLong(6);
            boolean wave = rs.getInt(2) == 1 && rs.getInt(1) == 0;
            boolean province = rs.getInt(1) == 1 && rs.getInt(2) == 0;
            if (wave) {
                byWave.computeIfAbsent(rs.getString(4), k -> new long[STEPS.length])[step] = count;
            } else if (province) {
                byProvince.computeIfAbsent(rs.getString(5), k -> new long[STEPS.length])[step] = count;
            } else {
                total[step] = count;
            }
        }, Date.valueOf(day), Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()), Timestamp.from(asOf));
        return new Funnel(asOf, Funnel.steps(total), groups(byWave), groups(byProvince));
    }

    /** Groups with somebody in them by then (a group whose every count is back to zero is left out). */
    private static List<Funnel.Group> groups(Map<String, long[]> counts) {
        List<Funnel.Group> groups = new ArrayList<>();
        counts.forEach((key, steps) -> {
            if (Arrays.stream(steps).anyMatch(c -> c != 0)) {
                groups.add(new Funnel.Group(key, Funnel.steps(steps)));
            }
        });
        groups.sort(BY_KEY);
        return groups;
    }
}
