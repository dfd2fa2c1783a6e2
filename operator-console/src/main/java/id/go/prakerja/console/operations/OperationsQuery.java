package id.go.prakerja.console.operations;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the console itself can vouch for: the events it has read of each service (by type, and
 * when the last one happened), and its own dead letters. Each service's outbox and dead-letter
 * backlog is read by the page from that service's /admin/messaging/** with the operator's own
 * token (see docs/architecture.md, "Operator console"): the console calls no other service.
 */
@Component
public class OperationsQuery {

    private final JdbcTemplate jdbc;

    public OperationsQuery(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Operations(List<EventsSeen> eventsSeen, long deadLettersPending, ReadModel readModel) {
    }

    public record EventsSeen(String service, String topic, String type, long events, Instant lastEventAt) {
    }

    public record ReadModel(int generation, boolean rebuilding, Instant rebuildRequestedAt, Instant rebuiltAt) {
    }

    @Transactional(readOnly = true)
    public Operations now() {
        List<EventsSeen> seen = jdbc.query("select topic, type, events, last_event_at from topic_position order by topic, type",
                (rs, row) -> new EventsSeen(rs.getString(1).split("\\.").length == 3 ? rs.getString(1).split("\\.")[1] : rs.getString(1),
                        rs.getString(1), rs.getString(2), rs.getLong(3), rs.getTimestamp(4).toInstant()));
        Long pending = jdbc.queryForObject("select count(*) from dead_letter where status = 'PENDING'", Long.class);
        ReadModel model = jdbc.queryForObject("select generation, rebuilding, rebuild_requested_at, rebuilt_at from read_model_state",
                (rs, row) -> new ReadModel(rs.getInt(1), rs.getBoolean(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()));
        return new Operations(seen, pending == null ? 0 : pending, model);
    }
}
