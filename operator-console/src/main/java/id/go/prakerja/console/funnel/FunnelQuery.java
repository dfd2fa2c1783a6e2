package id.go.prakerja.console.funnel;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The funnel as of an instant: a participant counts at a step when the event that brought them
 * there happened at or before that instant. One pass over the read model gives the total, the
 * waves and the provinces at once (grouping sets).
 */
@Component
public class FunnelQuery {

    private static final String COLUMNS = Arrays.stream(FunnelStep.values()).map(FunnelStep::column)
            .collect(Collectors.joining(", "));
    private static final String COUNTS = Arrays.stream(FunnelStep.values())
            .map(step -> "count(*) filter (where " + step.column() + " <= ?)")
            .collect(Collectors.joining(", "));
    /** Waves in numeric order ("2" before "10"), "-" (not joined by then) last. */
    private static final Comparator<Funnel.Group> BY_KEY = Comparator.comparing((Funnel.Group g) -> g.key().equals("-"))
            .thenComparingInt(g -> g.key().length()).thenComparing(Funnel.Group::key);

    private final JdbcTemplate jdbc;

    public FunnelQuery(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Funnel asOf(Instant asOf) {
        Timestamp at = Timestamp.from(asOf);
        int steps = FunnelStep.values().length;
        // every placeholder is the same instant: each step's count, the wave joined by then, and the filter
        Object[] args = new Object[steps + 2];
        Arrays.fill(args, at);
        String sql = "select grouping(wave) as by_province, grouping(province) as by_wave, wave, province, " + COUNTS
                + " from (select case when joined_wave_at <= ? then wave_number::text else '-' end as wave,"
                + " coalesce(province, '-') as province, " + COLUMNS + " from participant_progress"
                + " where least(" + COLUMNS + ") <= ?) reached"
                + " group by grouping sets ((), (wave), (province))";
        List<Funnel.Step> total = new ArrayList<>(Funnel.steps(new long[steps]));
        List<Funnel.Group> byWave = new ArrayList<>();
        List<Funnel.Group> byProvince = new ArrayList<>();
        jdbc.query(sql, rs -> {
            long[] counts = new long[steps];
            for (int i = 0; i < steps; i++) {
                counts[i] = rs.getLong(i + 5);
            }
            boolean wave = rs.getInt(2) == 1 && rs.getInt(1) == 0;
            boolean province = rs.getInt(1) == 1 && rs.getInt(2) == 0;
            if (wave) {
                byWave.add(new Funnel.Group(rs.getString(3), Funnel.steps(counts)));
            } else if (province) {
                byProvince.add(new Funnel.Group(rs.getString(4), Funnel.steps(counts)));
            } else {
                total.clear();
                total.addAll(Funnel.steps(counts));
            }
        }, args);
        byWave.sort(BY_KEY);
        byProvince.sort(BY_KEY);
        return new Funnel(asOf, total, byWave, byProvince);
    }
}
