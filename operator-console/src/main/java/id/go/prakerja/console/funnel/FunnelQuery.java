package id.go.prakerja.console.funnel;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The funnel as of an instant: a participant counts at a step when the event that brought them
 * there happened at or before that instant. One pass over the read model per grouping.
 */
@Component
public class FunnelQuery {

    private static final String COUNTS = Arrays.stream(FunnelStep.values())
            .map(step -> "count(*) filter (where " + step.column() + " <= ?)")
            .collect(Collectors.joining(", "));

    private final JdbcTemplate jdbc;

    public FunnelQuery(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Funnel asOf(Instant asOf) {
        List<Funnel.Group> total = grouped("'total'", asOf);
        return new Funnel(asOf,
                total.isEmpty() ? Funnel.steps(new long[FunnelStep.values().length]) : total.getFirst().steps(),
                // the wave a participant had joined by then ("-" before joining)
                grouped("case when joined_wave_at <= ? then wave_number::text else '-' end", asOf),
                grouped("coalesce(province, '-')", asOf));
    }

    private List<Funnel.Group> grouped(String key, Instant asOf) {
        Timestamp at = Timestamp.from(asOf);
        int steps = FunnelStep.values().length;
        boolean keyTakesTime = key.contains("?");
        List<Object> args = new ArrayList<>();
        if (keyTakesTime) {
            args.add(at);
        }
        for (int i = 0; i < steps; i++) {
            args.add(at);
        }
        args.add(at);
        String sql = "select * from (select " + key + " as grp, " + COUNTS + " from participant_progress"
                + " where least(" + Arrays.stream(FunnelStep.values()).map(FunnelStep::column).collect(Collectors.joining(", "))
                + ") <= ? group by 1) counted order by length(grp), grp";
        return jdbc.query(sql, (rs, row) -> {
            long[] counts = new long[steps];
            for (int i = 0; i < steps; i++) {
                counts[i] = rs.getLong(i + 2);
            }
            return new Funnel.Group(rs.getString(1), Funnel.steps(counts));
        }, args.toArray());
    }
}
