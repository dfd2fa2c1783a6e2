package id.go.prakerja.training.completion;

import java.sql.Timestamp;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps every refused platform report (table {@code platform_report_refusal}). Written after the
 * report's own transaction rolled back, in a statement of its own: the refusal changed nothing
 * but is remembered. A repeat of the same signed request is answered from its webhook receipt
 * and is not recorded again.
 */
@Component
public class ReportRefusals {

    private static final Logger log = LoggerFactory.getLogger(ReportRefusals.class);

    public enum Report { REDEMPTION, PROGRESS, COMPLETION }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ReportRefusals(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String platform, Report report, String voucherCode, String reason, String certificateNumber,
            String eventId) {
        try {
            jdbc.update("""
                    insert into platform_report_refusal (platform_code, report, voucher_code, purchase_id, reason,
                                                         certificate_number, event_id, refused_at)
                    values (?, ?, ?, (select id from purchase where voucher_code = ?), ?, ?, ?, ?)""",
                    platform, report.name(), voucherCode, voucherCode, reason, certificateNumber, eventId,
                    Timestamp.from(clock.instant()));
        } catch (RuntimeException e) {
            // the platform's answer is the refusal itself; failing to remember it must not turn it into a 500
            log.warn("refused {} report of {} not recorded: {}", report, platform, e.toString());
        }
    }
}
