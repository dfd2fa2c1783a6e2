package id.go.prakerja.verification.review;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import id.go.prakerja.events.verification.VerificationLayer;

/** The operator's funnel: cases by status, each layer by status, and decided attempts by reason. */
@Repository
public class VerificationCounts {

    public record Counts(Map<String, Long> cases, Map<VerificationLayer, Map<String, Long>> layers, List<Reason> reasons) {
    }

    /** @param outcome FAILED, REVIEW (left to an operator) or REJECTED */
    public record Reason(VerificationLayer layer, String outcome, String reasonCode, long count) {
    }

    private final JdbcTemplate jdbc;

    public VerificationCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Counts now() {
        Map<String, Long> cases = new TreeMap<>();
        jdbc.query("select status, count(*) from verification_case group by status",
                rs -> {
                    cases.put(rs.getString(1), rs.getLong(2));
                });
        Map<VerificationLayer, Map<String, Long>> layers = new LinkedHashMap<>();
        for (VerificationLayer layer : VerificationLayer.values()) {
            Map<String, Long> byStatus = new TreeMap<>();
            String column = layer.name().toLowerCase(java.util.Locale.ROOT) + "_status"; // from the enum, not from input
            jdbc.query("select " + column + ", count(*) from verification_case group by " + column,
                    rs -> {
                        byStatus.put(rs.getString(1), rs.getLong(2));
                    });
            layers.put(layer, byStatus);
        }
        List<Reason> reasons = jdbc.query("""
                select layer, outcome, reason_code, count(*) from verification_attempt
                where reason_code is not null group by layer, outcome, reason_code
                order by layer, outcome, count(*) desc""",
                (rs, i) -> new Reason(VerificationLayer.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
                        rs.getLong(4)));
        return new Counts(cases, layers, reasons);
    }
}
