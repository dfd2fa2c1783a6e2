package id.go.prakerja.console.timeline;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every event about one participant across all services, in the order they happened. */
@Component
public class TimelineQuery {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;

    public TimelineQuery(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Timeline(UUID participantId, String province, Integer waveNumber, String waitingAt, String reason,
            Instant waitingSince, List<Entry> events) {
    }

    public record Entry(Instant occurredAt, String service, String type, UUID eventId, JsonNode detail) {
    }

    @Transactional(readOnly = true)
    public Optional<Timeline> of(UUID participantId) {
        List<Entry> events = jdbc.query("""
                select occurred_at, topic, type, event_id, detail from participant_event
                where participant_id = ? order by occurred_at, event_id
                """, (rs, row) -> new Entry(rs.getTimestamp(1).toInstant(), service(rs.getString(2)), rs.getString(3),
                rs.getObject(4, UUID.class), JSON.readTree(rs.getString(5))), participantId);
        if (events.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(jdbc.queryForObject("""
                select p.province, p.wave_number, w.stage, w.reason, w.since from participant_progress p
                left join waiting_participant w on w.participant_id = p.participant_id and w.stage <> 'GRIEVANCE'
                where p.participant_id = ?
                """, (rs, row) -> new Timeline(participantId, rs.getString(1), (Integer) rs.getObject(2), rs.getString(3),
                rs.getString(4), rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(), events), participantId));
    }

    /** prakerja.training.v1 -> training */
    static String service(String topic) {
        String[] parts = topic.split("\\.");
        return parts.length == 3 ? parts[1] : topic;
    }
}
