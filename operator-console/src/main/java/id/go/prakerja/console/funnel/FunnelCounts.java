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
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import id.go.prakerja.console.funnel.FunnelContribution.Key;
import id.go.prakerja.console.funnel.FunnelContribution.Progress;

/**
 * Keeps the funnel's pre-aggregated counts in step with the read model, in the projection's
 * transaction: every change of a count at its instant ({@code funnel_change}) and their sum per
 * day (UTC), step, wave and province ({@code funnel_daily}). The funnel as of an instant is the
 * daily sums of the days before it plus the changes of its own day up to it.
 */
@Component
public class FunnelCounts {

    private static final String PROGRESS_COLUMNS = "province, wave_number, joined_wave_at, "
            + Arrays.stream(FunnelStep.values()).map(FunnelStep::column).collect(Collectors.joining(", "));
    /** Keys in one order in every transaction, so that two writers never wait for each other in a cycle. */
    private static final Comparator<Key> ORDER = Comparator.comparing(Key::at).thenComparing(Key::step)
            .thenComparing(Key::wave).thenComparing(Key::province);

    private final JdbcTemplate jdbc;

    public FunnelCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The participant's row as the funnel sees it; {@link Progress#none()} when there is none yet. */
    public Progress read(UUID participant) {
        List<Progress> rows = jdbc.query("select " + PROGRESS_COLUMNS + " from participant_progress where participant_id = ?",
                (rs, row) -> progress(rs), participant);
        return rows.isEmpty() ? Progress.none() : rows.getFirst();
    }

    /**
     * Creates the participant's row if needed and moves its last event time on, locking it until
     * commit; answers the row as the funnel saw it before the event (the statement changes no
     * funnel column).
     */
    public Progress touch(UUID participant, Timestamp at) {
        return jdbc.queryForObject("""
                insert into participant_progress (participant_id, last_event_at) values (?, ?)
                on conflict (participant_id) do update set last_event_at = greatest(participant_progress.last_event_at, excluded.last_event_at)
                """ + " returning " + PROGRESS_COLUMNS, (rs, row) -> progress(rs), participant, at);
    }

    private static Progress progress(java.sql.ResultSet rs) throws java.sql.SQLException {
        Instant[] reached = new Instant[FunnelStep.values().length];
        for (int i = 0; i < reached.length; i++) {
            Timestamp t = rs.getTimestamp(4 + i);
            reached[i] = t == null ? null : t.toInstant();
        }
        Timestamp joined = rs.getTimestamp(3);
        Integer wave = rs.getObject(2) == null ? null : rs.getInt(2);
        return new Progress(rs.getString(1), wave, joined == null ? null : joined.toInstant(), reached);
    }

    /** Changes gathered over one transaction, written at its end in one order. */
    public static final class Pending {
        private final Map<Key, Long> changes = new HashMap<>();

        public void add(Progress before, Progress after) {
            FunnelContribution.difference(before, after).forEach((key, delta) -> changes.merge(key, delta, Long::sum));
        }
    }

    public void write(Pending pending) {
        Map<Key, Long> changes = new TreeMap<>(ORDER);
        pending.changes.forEach((key, delta) -> {
            if (delta != 0) {
                changes.put(key, delta);
            }
        });
        pending.changes.clear();
        if (changes.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(changes.size());
        Map<List<Object>, Long> daily = new TreeMap<>(Comparator.comparing((List<Object> k) -> (LocalDate) k.get(0))
                .thenComparing(k -> (FunnelStep) k.get(1)).thenComparing(k -> (String) k.get(2)).thenComparing(k -> (String) k.get(3)));
        changes.forEach((key, delta) -> {
            rows.add(new Object[] {Timestamp.from(key.at()), key.step().name(), key.wave(), key.province(), delta});
            daily.merge(List.of(day(key.at()), key.step(), key.wave(), key.province()), delta, Long::sum);
        });
        jdbc.batchUpdate("insert into funnel_change (at, step, wave, province, delta) values (?, ?, ?, ?, ?)", rows);
        List<Object[]> days = new ArrayList<>(daily.size());
        daily.forEach((key, delta) -> {
            if (delta != 0) {
                days.add(new Object[] {Date.valueOf((LocalDate) key.get(0)), ((FunnelStep) key.get(1)).name(), key.get(2), key.get(3),
                        delta});
            }
        });
        jdbc.batchUpdate("""
                insert into funnel_daily (day, step, wave, province, participants) values (?, ?, ?, ?, ?)
                on conflict (day, step, wave, province) do update set participants = funnel_daily.participants + excluded.participants
                """, days);
    }

    /** The UTC day an instant falls on; the query splits at the same boundary. */
    public static LocalDate day(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
