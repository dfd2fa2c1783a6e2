package id.go.prakerja.verification.review;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import id.go.prakerja.events.verification.VerificationLayer;

/** Every decided attempt and operator decision of a case, oldest first. */
@Repository
public class CaseHistory {

    public record Attempt(VerificationLayer layer, int attempt, String outcome, String reasonCode, String detail,
            String decidedBy, Instant decidedAt) {
    }

    private final JdbcTemplate jdbc;

    public CaseHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Attempt> of(UUID participantId) {
        return jdbc.query("""
                select layer, attempt, outcome, reason_code, detail, decided_by, decided_at from verification_attempt
                where participant_id = ? order by id""",
                (rs, i) -> new Attempt(VerificationLayer.valueOf(rs.getString(1)), rs.getInt(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()),
                participantId);
    }
}
