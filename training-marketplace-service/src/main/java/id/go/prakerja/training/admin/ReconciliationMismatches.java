package id.go.prakerja.training.admin;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import id.go.prakerja.training.config.TrainingProperties;

/**
 * Purchases that cannot reconcile, and why, oldest first. Two sources: the platforms' refused
 * completion reports (table {@code platform_report_refusal}) of purchases that have not completed
 * since, and purchases whose own state blocks reconciliation. A rating with no certificate yet
 * counts only once it is older than {@code prakerja.training.reconciliation.rated-without-certificate-after}:
 * until then it is the ordinary "either order" of rating and completion.
 */
@Component
public class ReconciliationMismatches {

    /** Reasons that come from the purchase's state rather than from a refused report. */
    public static final String COMPLETED_THEN_REVOKED = "COMPLETED_FOR_REVOKED_PARTICIPANT";
    public static final String RATED_WITHOUT_CERTIFICATE = "RATED_WITHOUT_CERTIFICATE";
    /** A completion refused because the voucher was not redeemed, after which the voucher lapsed. */
    public static final String EXPIRED_AFTER_COMPLETION_REPORT = "VOUCHER_EXPIRED_AFTER_COMPLETION_REPORT";

    /**
     * @param reason          the refusal's code (e.g. CERTIFICATE_ALREADY_USED, VOUCHER_NOT_REDEEMED, PARTICIPANT_REVOKED)
     *                        or one of the state reasons above
     * @param since           when the mismatch began (first refused report, or the state's time)
     * @param reports         refused completion reports of this purchase for this reason
     */
    public record Mismatch(UUID purchaseId, UUID participantId, String trainingId, String platformCode, String voucherCode,
            String purchaseStatus, String reason, String certificateNumber, Instant since, Instant lastReportAt, long reports,
            long waitingHours) {
    }

    private final JdbcTemplate jdbc;
    private final TrainingProperties settings;

    public ReconciliationMismatches(JdbcTemplate jdbc, TrainingProperties settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    public List<Mismatch> oldestFirst(String platform, int limit, Instant now) {
        return jdbc.query("""
                select * from (
                  select pu.id, pu.participant_id, pu.training_id, pu.platform_code, pu.voucher_code, pu.status,
                         case when r.reason = 'VOUCHER_NOT_REDEEMED' and pu.status = 'EXPIRED' then ? else r.reason end as reason,
                         r.certificate_number, min(r.refused_at) as since, max(r.refused_at) as last_report, count(*) as reports
                    from platform_report_refusal r join purchase pu on pu.id = r.purchase_id
                   where r.report = 'COMPLETION' and r.platform_code = pu.platform_code
                     and pu.status not in ('COMPLETED', 'RECONCILED')
                   group by pu.id, r.reason, r.certificate_number
                  union all
                  select pu.id, pu.participant_id, pu.training_id, pu.platform_code, pu.voucher_code, pu.status, ?,
                         pu.certificate_number, greatest(pu.completed_at, pa.revoked_at), null, 0
                    from purchase pu join participant pa on pa.id = pu.participant_id
                   where pu.status = 'COMPLETED' and pa.revoked_at is not null
                  union all
                  select pu.id, pu.participant_id, pu.training_id, pu.platform_code, pu.voucher_code, pu.status, ?,
                         null, coalesce(pu.rated_at, pu.reviewed_at), null, 0
                    from purchase pu
                   where pu.status in ('REDEEMED', 'IN_PROGRESS') and pu.certificate_number is null
                     and (pu.rating is not null or pu.review_text is not null)
                     and coalesce(pu.rated_at, pu.reviewed_at) <= ?
                ) m
                 where ?::text is null or m.platform_code = upper(?)
                 order by m.since, m.id limit ?""", (rs, i) -> {
                    Instant since = rs.getTimestamp("since").toInstant();
                    var last = rs.getTimestamp("last_report");
                    return new Mismatch(rs.getObject("id", UUID.class), rs.getObject("participant_id", UUID.class),
                            rs.getString("training_id"), rs.getString("platform_code"), rs.getString("voucher_code"),
                            rs.getString("status"), rs.getString("reason"), rs.getString("certificate_number"), since,
                            last == null ? null : last.toInstant(), rs.getLong("reports"),
                            Math.max(0, Duration.between(since, now).toHours()));
                }, EXPIRED_AFTER_COMPLETION_REPORT, COMPLETED_THEN_REVOKED, RATED_WITHOUT_CERTIFICATE,
                Timestamp.from(now.minus(settings.reconciliation().ratedWithoutCertificateAfter())), platform, platform, limit);
    }

    /** The same rows as CSV (RFC 4180), a header line first. */
    public static String csv(List<Mismatch> rows) {
        StringBuilder csv = new StringBuilder("since,purchase_id,participant_id,training_id,platform,voucher_code,purchase_status,"
                + "reason,certificate_number,refused_reports,last_report_at,waiting_hours\n");
        for (Mismatch m : rows) {
            csv.append(m.since()).append(',').append(m.purchaseId()).append(',').append(m.participantId()).append(',')
                    .append(field(m.trainingId())).append(',').append(m.platformCode()).append(',').append(m.voucherCode())
                    .append(',').append(m.purchaseStatus()).append(',').append(m.reason()).append(',')
                    .append(field(m.certificateNumber())).append(',').append(m.reports()).append(',')
                    .append(m.lastReportAt() == null ? "" : m.lastReportAt().toString()).append(',').append(m.waitingHours())
                    .append('\n');
        }
        return csv.toString();
    }

    private static String field(String value) {
        if (value == null) {
            return "";
        }
        return value.matches("[^,\"\\r\\n]*") ? value : '"' + value.replace("\"", "\"\"") + '"';
    }
}
