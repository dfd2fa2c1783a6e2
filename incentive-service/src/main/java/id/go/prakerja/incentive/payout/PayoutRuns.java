package id.go.prakerja.incentive.payout;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import id.go.prakerja.incentive.IncentiveProperties;
import id.go.prakerja.support.web.ProblemException;

/** What operators see of payout runs and how they approve one: preview, two approvals, progress. */
@Service
public class PayoutRuns {

    private static final Logger log = LoggerFactory.getLogger(PayoutRuns.class);

    private final JdbcTemplate jdbc;
    private final IncentiveProperties settings;
    private final ApprovalSetting approvalSetting;
    private final Clock clock;

    public PayoutRuns(JdbcTemplate jdbc, IncentiveProperties settings, ApprovalSetting approvalSetting, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.approvalSetting = approvalSetting;
        this.clock = clock;
    }

    public record RunView(long id, Instant payoutDate, String status, boolean approvalRequired, List<String> approvedBy,
            Instant createdAt, Instant startedAt, Instant finishedAt) {
    }

    public record PartnerTotal(String partner, long count, long amount) {
    }

    /** What a run would request now, per partner, against what is left of the programme's budget. */
    public record Preview(RunView run, List<PartnerTotal> perPartner, long count, long amount, long budget,
            long committed, long remainingBudget, boolean withinBudget) {
    }

    /** @param unknown requested longer than the outcome-overdue setting ago without an outcome */
    public record PartnerProgress(String partner, long requested, long paid, long failed, long unknown, long held,
            long amountRequested, long amountPaid, long amountFailed, long amountUnknown) {
    }

    public record Progress(RunView run, List<PartnerProgress> perPartner) {
    }

    @Transactional(readOnly = true)
    public List<RunView> list(int limit) {
        return jdbc.query("select id from payout_run order by payout_date desc limit ?", (rs, i) -> rs.getLong(1), limit)
                .stream().map(this::run).toList();
    }

    @Transactional(readOnly = true)
    public RunView run(long id) {
        var runs = jdbc.query("""
                select id, payout_date, status, approval_required, created_at, started_at, finished_at from payout_run where id = ?""",
                (rs, i) -> new RunView(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getBoolean(4),
                        jdbc.queryForList("select operator from payout_run_approval where run_id = ? order by approved_at",
                                String.class, id),
                        rs.getTimestamp(5).toInstant(), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7))), id);
        if (runs.isEmpty()) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "PAYOUT_RUN_NOT_FOUND", id);
        }
        return runs.getFirst();
    }

    @Transactional(readOnly = true)
    public Preview preview(long id) {
        RunView run = run(id);
        List<PartnerTotal> perPartner = jdbc.query("select a.partner, count(*), coalesce(sum(t.amount), 0) "
                + PayoutRunner.ELIGIBLE + " group by a.partner order by a.partner",
                (rs, i) -> new PartnerTotal(rs.getString(1), rs.getLong(2), rs.getLong(3)), Timestamp.from(run.payoutDate()));
        long count = perPartner.stream().mapToLong(PartnerTotal::count).sum();
        long amount = perPartner.stream().mapToLong(PartnerTotal::amount).sum();
        Long committed = jdbc.queryForObject("select committed from budget_commitment where id = 1", Long.class);
        long budget = approvalSetting.budget();
        long remaining = budget - committed;
        return new Preview(run, perPartner, count, amount, budget, committed, remaining, amount <= remaining);
    }

    /**
     * One operator's approval; the second different operator's approval lets the run start. A run
     * whose preview is beyond the remaining budget is not approved.
     */
    @Transactional
    public RunView approve(long id, String operator) {
        var status = jdbc.query("select status from payout_run where id = ? for update", (rs, i) -> rs.getString(1), id);
        if (status.isEmpty()) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "PAYOUT_RUN_NOT_FOUND", id);
        }
        if (!"AWAITING_APPROVAL".equals(status.getFirst())) {
            throw new ProblemException(HttpStatus.CONFLICT, "PAYOUT_RUN_NOT_AWAITING_APPROVAL", id, status.getFirst());
        }
        Preview preview = preview(id);
        if (!preview.withinBudget()) {
            throw new ProblemException(HttpStatus.CONFLICT, "PAYOUT_RUN_OVER_BUDGET", id, preview.amount(),
                    preview.remainingBudget());
        }
        int added = jdbc.update("""
                insert into payout_run_approval (run_id, operator, approved_at) values (?, ?, ?) on conflict do nothing""",
                id, operator, Timestamp.from(clock.instant()));
        if (added == 0) {
            throw new ProblemException(HttpStatus.CONFLICT, "PAYOUT_RUN_ALREADY_APPROVED_BY_YOU", id);
        }
        Integer approvals = jdbc.queryForObject("select count(*) from payout_run_approval where run_id = ?", Integer.class, id);
        if (approvals != null && approvals >= 2) {
            jdbc.update("update payout_run set status = 'APPROVED' where id = ?", id);
            log.info("payout run {} approved by two operators; it starts", id);
        } else {
            log.info("payout run {} approved by {}; a second operator must approve", id, operator);
        }
        return run(id);
    }

    @Transactional(readOnly = true)
    public Progress progress(long id) {
        RunView run = run(id);
        Timestamp overdue = Timestamp.from(clock.instant().minus(settings.outcomeOverdueAfter()));
        List<PartnerProgress> perPartner = jdbc.query("""
                select partner,
                       count(*) filter (where status in ('REQUESTED', 'PAID', 'FAILED')),
                       count(*) filter (where status = 'PAID'),
                       count(*) filter (where status = 'FAILED'),
                       count(*) filter (where status = 'REQUESTED' and requested_at < ?),
                       count(*) filter (where status = 'HELD'),
                       coalesce(sum(amount) filter (where status in ('REQUESTED', 'PAID', 'FAILED')), 0),
                       coalesce(sum(amount) filter (where status = 'PAID'), 0),
                       coalesce(sum(amount) filter (where status = 'FAILED'), 0),
                       coalesce(sum(amount) filter (where status = 'REQUESTED' and requested_at < ?), 0)
                  from tranche where run_id = ? group by partner order by partner""",
                (rs, i) -> new PartnerProgress(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10)),
                overdue, overdue, id);
        return new Progress(run, perPartner);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
