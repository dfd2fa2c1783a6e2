package id.go.prakerja.support.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import id.go.prakerja.support.web.ProblemException;

/**
 * Outbox rows the relay set aside because the broker refused them for good (see
 * {@link OutboxRelay}): operators see them with their error, send them again once the cause
 * is fixed, or discard them with a reason. Each decision is one conditional update, so of two
 * operators acting at once one wins and the other gets 409.
 */
public class ParkedEvents {

    private final JdbcTemplate jdbc;

    public ParkedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<ParkedEvent> list(int limit) {
        return jdbc.query("""
                select event_id, topic, message_key, event_type, length(payload) as size, attempts, last_error,
                       created_at, parked_at
                from outbox_message where parked_at is not null and discarded_at is null
                order by parked_at desc limit ?
                """, ParkedEvents::map, limit);
    }

    public long count() {
        Long n = jdbc.queryForObject("select count(*) from outbox_message where parked_at is not null and discarded_at is null",
                Long.class);
        return n == null ? 0 : n;
    }

    /** Puts the event back in line; it keeps its place among its key's events by id. */
    public void release(UUID eventId, String operator) {
        decide(eventId, """
                update outbox_message set parked_at = null, attempts = 0, available_at = now(),
                    resolved_by = ?, resolution_note = 'released to be sent again'
                where event_id = ? and parked_at is not null and discarded_at is null
                """, operator);
    }

    public void discard(UUID eventId, String operator, String reason) {
        decide(eventId, """
                update outbox_message set discarded_at = now(), resolved_by = ?, resolution_note = ?
                where event_id = ? and parked_at is not null and discarded_at is null
                """, operator, reason);
    }

    private void decide(UUID eventId, String update, Object... args) {
        Object[] all = new Object[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = eventId;
        if (jdbc.update(update, all) == 1) {
            return;
        }
        Long exists = jdbc.queryForObject("select count(*) from outbox_message where event_id = ?", Long.class, eventId);
        if (exists == null || exists == 0) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "PARKED_EVENT_NOT_FOUND");
        }
        throw new ProblemException(HttpStatus.CONFLICT, "PARKED_EVENT_RESOLVED");
    }

    private static ParkedEvent map(ResultSet rs, int row) throws SQLException {
        return new ParkedEvent(rs.getObject("event_id", UUID.class), rs.getString("topic"), rs.getString("message_key"),
                rs.getString("event_type"), rs.getInt("size"), rs.getInt("attempts"), rs.getString("last_error"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("parked_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** What an operator needs to decide; the payload itself stays in the database. */
    public record ParkedEvent(UUID eventId, String topic, String key, String type, int sizeBytes, int attempts,
            String error, Instant createdAt, Instant parkedAt) {
    }
}
