package id.go.prakerja.incentive.payout;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import id.go.prakerja.incentive.IncentiveProperties;
import id.go.prakerja.support.config.PlatformSchedulers;
import id.go.prakerja.support.lease.Leases;

/**
 * Moves payout runs along with nobody pressing a button. Under a database lease (one instance at
 * a time; another takes over when the holder dies), each pass opens the run of the latest payout
 * date if something is due by it (approved at once, or waiting for two operators when approval
 * is required), then works every approved or running run batch by batch until nothing more is
 * eligible. A run's progress lives in the tranches themselves, so a pass cut short (a restart)
 * is simply continued by the next one.
 */
@Component
public class PayoutScheduler {

    private static final Logger log = LoggerFactory.getLogger(PayoutScheduler.class);
    static final String LEASE = "incentive.payout-runs";

    private final JdbcTemplate jdbc;
    private final PayoutRunner runner;
    private final Leases leases;
    private final IncentiveProperties settings;
    private final Clock clock;
    private final ApprovalSetting approval;
    private final AtomicBoolean stopped = new AtomicBoolean();

    public PayoutScheduler(JdbcTemplate jdbc, PayoutRunner runner, Leases leases, IncentiveProperties settings, Clock clock,
            ApprovalSetting approval) {
        this.approval = approval;
        this.jdbc = jdbc;
        this.runner = runner;
        this.leases = leases;
        this.settings = settings;
        this.clock = clock;
    }

    record Run(long id, Instant payoutDate) {
    }

    @Scheduled(fixedDelayString = "${prakerja.incentive.runs.poll-interval}", scheduler = PlatformSchedulers.WORKERS)
    public void tick() {
        if (stopped.get() || !leases.tryAcquire(LEASE, settings.runs().lease())) {
            return;
        }
        try {
            openCurrentRun();
            for (Run run : workable()) {
                if (!work(run)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.warn("payout runs: {}; will try again", e.toString());
        }
    }

    /** Stops between two batches (as an instance shutting down would); {@link #start()} resumes. */
    public void stop() {
        stopped.set(true);
    }

    public void start() {
        stopped.set(false);
    }

    void openCurrentRun() {
        Instant payoutDate = settings.incentiveSchedule().calendar().latestAtOrBefore(clock.instant());
        Boolean anythingDue = jdbc.queryForObject("select exists (select 1 " + PayoutRunner.ELIGIBLE + ")", Boolean.class,
                Timestamp.from(payoutDate));
        if (!Boolean.TRUE.equals(anythingDue)) {
            return;
        }
        boolean approval = this.approval.approvalRequired();
        int created = jdbc.update("""
                insert into payout_run (payout_date, status, approval_required, created_at) values (?, ?, ?, ?)
                on conflict (payout_date) do nothing""",
                Timestamp.from(payoutDate), approval ? "AWAITING_APPROVAL" : "APPROVED", approval, Timestamp.from(clock.instant()));
        if (created == 1) {
            log.info("payout run of {} opened{}", payoutDate, approval ? "; it waits for two operators' approval" : "");
        } else if (!approval) {
            // a tranche whose account was verified after this date's run finished is paid in it still
            jdbc.update("update payout_run set status = 'RUNNING', finished_at = null where payout_date = ? and status = 'DONE' "
                    + "and not approval_required", Timestamp.from(payoutDate));
        }
    }

    List<Run> workable() {
        return jdbc.query("select id, payout_date from payout_run where status in ('APPROVED', 'RUNNING') order by payout_date",
                (rs, i) -> new Run(rs.getLong(1), rs.getTimestamp(2).toInstant()));
    }

    /** Works one run until nothing is left; false when stopped or the lease was lost on the way. */
    boolean work(Run run) {
        jdbc.update("update payout_run set status = 'RUNNING', started_at = coalesce(started_at, ?) where id = ?",
                Timestamp.from(clock.instant()), run.id());
        PayoutRunner.Batch batch;
        do {
            if (stopped.get() || !leases.tryAcquire(LEASE, settings.runs().lease())) {
                return false;
            }
            batch = runner.requestBatch(run.id(), run.payoutDate());
        } while (batch.more());
        if (batch.overBudget()) {
            jdbc.update("update payout_run set status = 'OVER_BUDGET' where id = ? and status = 'RUNNING'", run.id());
            return false;
        }
        jdbc.update("update payout_run set status = 'DONE', finished_at = ? where id = ? and status = 'RUNNING'",
                Timestamp.from(clock.instant()), run.id());
        return true;
    }
}
