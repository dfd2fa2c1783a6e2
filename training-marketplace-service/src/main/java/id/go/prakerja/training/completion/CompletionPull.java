package id.go.prakerja.training.completion;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import id.go.prakerja.support.config.PlatformSchedulers;
import id.go.prakerja.support.lease.Leases;
import id.go.prakerja.support.web.ProblemException;
import id.go.prakerja.training.config.TrainingProperties;

/**
 * Reconciliation by pull: a platform gives up on a completion webhook after a few tries, and that
 * completion would be lost (in 2020, matched by hand). On a schedule, for each platform with
 * redeemed purchases that have no completion yet, the marketplace reads the platform's list of
 * completions after its cursor ({@link CompletionSource}) and applies each one for such a purchase
 * exactly as the webhook's report is applied ({@link PlatformReports#completion}): under the
 * purchase's lock, so a completion that comes both ways is recorded once and announced once. A
 * refusal is kept as a webhook's is. The cursor moves on after each page applied and never back; a
 * platform that cannot be read keeps its cursor, says why in {@code completion_pull.last_error},
 * and is read again at the next interval.
 */
@Component
public class CompletionPull {

    private static final Logger log = LoggerFactory.getLogger(CompletionPull.class);
    private static final String LEASE = "training.completion-pull";
    private static final Pattern CERTIFICATE = Pattern.compile("[A-Za-z0-9/._-]{1,100}");
    private static final Pattern VOUCHER = Pattern.compile("[A-Za-z0-9-]{4,20}");
    private static final List<String> OPEN = List.of("REDEEMED", "IN_PROGRESS");

    /** What one pull of a platform did: completions listed, those it recorded, and the cursor it left. */
    public record Outcome(String platform, int listed, int recovered, String cursor) {
    }

    private final JdbcTemplate jdbc;
    private final CompletionSource source;
    private final PlatformReports reports;
    private final ReportRefusals refusals;
    private final Leases leases;
    private final Clock clock;
    private final TrainingProperties.CompletionPull settings;

    public CompletionPull(JdbcTemplate jdbc, CompletionSource source, PlatformReports reports, ReportRefusals refusals,
            Leases leases, Clock clock, TrainingProperties settings) {
        this.jdbc = jdbc;
        this.source = source;
        this.reports = reports;
        this.refusals = refusals;
        this.leases = leases;
        this.clock = clock;
        this.settings = settings.completionPull();
    }

    @Scheduled(initialDelayString = "${prakerja.training.completion-pull.initial-delay:1m}",
            fixedDelayString = "${prakerja.training.completion-pull.interval:15m}", scheduler = PlatformSchedulers.WORKERS)
    public void pullAll() {
        if (!settings.enabled() || !leases.tryAcquire(LEASE, Duration.ofMinutes(10))) {
            return;
        }
        try {
            List<String> platforms = jdbc.queryForList("""
                    select code from platform p
                     where exists (select 1 from purchase pu where pu.platform_code = p.code and pu.status in ('REDEEMED', 'IN_PROGRESS'))
                     order by code""", String.class);
            for (String platform : platforms) {
                try {
                    pull(platform);
                } catch (RuntimeException e) {
                    // one platform's trouble is its own (recorded by pull): it is read again next time
                    log.warn("completions of {} not pulled: {}", platform, e.toString());
                }
            }
        } finally {
            leases.release(LEASE);
        }
    }

    /**
     * Reads one platform's completions after its cursor, page by page (at most {@code max-pages}), and applies those of
     * its redeemed purchases that have none yet.
     *
     * @throws CompletionSource.Unavailable when the platform could not be read; what was applied before stays
     */
    public Outcome pull(String platform) {
        String code = platform.toUpperCase(Locale.ROOT);
        jdbc.update("insert into completion_pull (platform_code) values (?) on conflict do nothing", code);
        CompletionCursor cursor = new CompletionCursor(jdbc.queryForObject(
                "select cursor_position from completion_pull where platform_code = ?", Long.class, code));
        int listed = 0;
        int recovered = 0;
        try {
            for (int page = 0; page < settings.maxPages(); page++) {
                CompletionSource.Page read = source.completionsAfter(code, cursor, settings.pageSize());
                for (CompletionSource.ListedCompletion completion : read.items()) {
                    listed++;
                    if (apply(code, completion)) {
                        recovered++;
                    }
                }
                // a concurrent pull of the same platform may be further on: the cursor never goes back
                jdbc.update("update completion_pull set cursor_position = greatest(cursor_position, ?) where platform_code = ?",
                        read.nextCursor().position(), code);
                cursor = read.nextCursor();
                if (!read.more()) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            record(code, listed, recovered, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            log.warn("completions of {} not read after cursor {} ({} recorded before): {}", code, cursor, recovered, e.toString());
            throw e instanceof CompletionSource.Unavailable u ? u : new CompletionSource.Unavailable(e.getMessage(), e);
        }
        record(code, listed, recovered, null);
        if (recovered > 0) {
            log.info("completions of {}: {} listed, {} recorded that no webhook had", code, listed, recovered);
        }
        return new Outcome(code, listed, recovered, cursor.toString());
    }

    /** Applies one listed completion as its webhook would be; whether it recorded the purchase's completion. */
    private boolean apply(String platform, CompletionSource.ListedCompletion completion) {
        String voucher = completion.voucherCode().toUpperCase(Locale.ROOT);
        if (!VOUCHER.matcher(voucher).matches()) {
            return false;
        }
        String status = jdbc.queryForList("select status from purchase where voucher_code = ? and platform_code = ?",
                String.class, voucher, platform).stream().findFirst().orElse(null);
        if (status == null || !OPEN.contains(status)) {
            // no such voucher on this platform, not redeemed, or completed already (by its webhook or an earlier pull)
            return false;
        }
        String eventId = completion.eventId() == null || completion.eventId().length() > 100 ? null : completion.eventId();
        if (!CERTIFICATE.matcher(completion.certificateNumber()).matches()) {
            refusals.record(platform, ReportRefusals.Report.COMPLETION, voucher, "INVALID_CERTIFICATE_NUMBER", null, eventId);
            return false;
        }
        try {
            return reports.completion(platform, voucher, completion.certificateNumber(), completion.completedAt(), eventId)
                    .recorded();
        } catch (ProblemException refused) {
            refusals.record(platform, ReportRefusals.Report.COMPLETION, voucher, refused.code(),
                    completion.certificateNumber(), eventId);
            return false;
        }
    }

    private void record(String platform, int listed, int recovered, String error) {
        Timestamp now = Timestamp.from(Instant.now(clock));
        String why = error == null ? null : error.substring(0, Math.min(error.length(), 300));
        jdbc.update("""
                update completion_pull set last_attempt_at = ?, last_success_at = case when ? then ? else last_success_at end,
                       last_error = ?, last_listed = ?, last_recovered = ?, recovered_total = recovered_total + ?
                 where platform_code = ?""", now, error == null, now, why, listed, recovered, recovered, platform);
    }
}
