package id.go.prakerja.training.completion;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import id.go.prakerja.support.config.PlatformSchedulers;
import id.go.prakerja.training.config.TrainingProperties;

/**
 * Keeps every refused platform report (table {@code platform_report_refusal}). Written after the
 * report's own transaction rolled back, in a statement of its own: the refusal changed nothing
 * but is remembered. A repeat of the same signed request is answered from its webhook receipt
 * and is not recorded again.
 *
 * <p>Refusals are kept for {@code prakerja.training.reconciliation.refusals-kept-for} (90 days),
 * longer while the purchase they concern is still open: those explain why it has not reconciled.
 * The pruning job deletes in bounded batches; two instances at once each delete different rows.
 */
@Component
public class ReportRefusals {

    private static final Logger log = LoggerFactory.getLogger(ReportRefusals.class);

    public enum Report { REDEMPTION, PROGRESS, COMPLETION }

    private static final int MAX_BATCHES_PER_PASS = 50;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final TrainingProperties settings;

    public ReportRefusals(JdbcTemplate jdbc, Clock clock, TrainingProperties settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
    }

    @Scheduled(initialDelayString = "${prakerja.training.jobs.initial-delay:10s}",
            fixedDelayString = "${prakerja.training.jobs.interval:1m}", scheduler = PlatformSchedulers.WORKERS)
    public void scheduled() {
        if (settings.jobs().enabled()) {
            prune(clock.instant());
        }
    }

    /** Deletes the refusals past their keeping time as of {@code now}; returns how many. */
    public int prune(Instant now) {
        Timestamp before = Timestamp.from(now.minus(settings.reconciliation().refusalsKeptFor()));
        int total = 0;
        for (int i = 0; i < MAX_BATCHES_PER_PASS; i++) {
            int deleted = jdbc.update("""
                    delete from platform_report_refusal where id in (
                      select r.id from platform_report_refusal r
                       where r.refused_at < ?
                         and not exists (select 1 from purchase pu where pu.id = r.purchase_id
                                            and pu.status in ('RESERVED', 'REDEEMED', 'IN_PROGRESS'))
                       order by r.refused_at limit ? for update of r skip locked)""",
                    before, settings.jobs().batchSize());
            total += deleted;
            if (deleted < settings.jobs().batchSize()) {
                break;
            }
        }
        if (total > 0) {
            log.info("deleted {} refused platform reports from before {}", total, before.toInstant());
        }
        return total;
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
