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
import id.go.prakerja.support.audit.AuditTrail;
import id.go.prakerja.support.security.OperatorIdentity;
import id.go.prakerja.support.security.Roles;
import id.go.prakerja.support.web.ProblemException;

/**
 * What operators see of payout runs and how they approve one: preview, two approvals, progress.
 * Four eyes: the first approval is a PAYOUT_MAKER's, of the preview, and pins what it showed (the
 * tranches, their count and total); the second is a PAYOUT_CHECKER's, a different operator's, of
 * that pinned preview. The run then requests nothing beyond it.
 */
@Service
public class PayoutRuns {

    private static final Logger log = LoggerFactory.getLogger(PayoutRuns.class);

    private final JdbcTemplate jdbc;
    private final IncentiveProperties settings;
    private final ApprovalSetting approvalSetting;
    private final Clock clock;
    private final AuditTrail audit;

    public PayoutRuns(JdbcTemplate jdbc, IncentiveProperties settings, ApprovalSetting approvalSetting, Clock clock,
            AuditTrail audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.settings = settings;
        this.approvalSetting = approvalSetting;
        this.clock = clock;
    }

    /**
     * @param approvedBy   who approved, in order: the maker (the preview), then the checker
     * @param pinnedCount  how many tranches the maker's approved preview showed; the run requests no others
     * @param pinnedAmount their total, rupiah
     */
    public record RunView(long id, Instant payoutDate, String status, boolean approvalRequired, List<String> approvedBy,
            Instant createdAt, Instant startedAt, Instant finishedAt, Long pinnedCount, Long pinnedAmount, Instant pinnedAt) {
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
                select id, payout_date, status, approval_required, created_at, started_at, finished_at,
                       pinned_count, pinned_amount, pinned_at
                  from payout_run where id = ?""",
                (rs, i) -> new RunView(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getBoolean(4),
                        jdbc.queryForList("select operator from payout_run_approval where run_id = ? order by approved_at",
                                String.class, id),
                        rs.getTimestamp(5).toInstant(), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)),
                        (Long) rs.getObject(8), (Long) rs.getObject(9), instant(rs.getTimestamp(10))), id);
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
     * One of the two approvals. The first is a PAYOUT_MAKER's: it approves the preview as it is
     * now, which must fit the remaining budget, and pins its tranches, count and total. The second
     * is a PAYOUT_CHECKER's, never the maker's own: it approves the pinned preview (still within
     * the budget) and lets the run start. The run row's lock makes concurrent approvals queue.
     */
    @Transactional
    public RunView approve(long id, OperatorIdentity operator) {
        var status = jdbc.query("select status from payout_run where id = ? for update", (rs, i) -> rs.getString(1), id);
        if (status.isEmpty()) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "PAYOUT_RUN_NOT_FOUND", id);
        }
        audit.target("payout-run:" + id);
        if (!"AWAITING_APPROVAL".equals(status.getFirst())) {
            throw new ProblemException(HttpStatus.CONFLICT, "PAYOUT_RUN_NOT_AWAITING_APPROVAL", id, status.getFirst());
        }
        List<String> approvedBy = jdbc.queryForList("select operator from payout_run_approval where run_id = ? order by approved_at",
                String.class, id);
        if (approvedBy.contains(operator.subject())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "FOUR_EYES_SAME_OPERATOR", "payout run " + id);
        }
        Timestamp now = Timestamp.from(clock.instant());
        if (approvedBy.isEmpty()) {
            operator.require(Roles.PAYOUT_MAKER);
            Preview preview = preview(id);
            if (!preview.withinBudget()) {
                throw new ProblemException(HttpStatus.CONFLICT, "PAYOUT_RUN_OVER_BUDGET", id, preview.amount(),
                        preview.remainingBudget());
            }
            // pin exactly what is eligible now, under the same rules the runner applies
            jdbc.update("insert into payout_run_tranche (run_id, instruction_id) select ?, t.instruction_id "
                    + PayoutRunner.ELIGIBLE, id, Timestamp.from(run(id).payoutDate()));
            var pinned = jdbc.queryForMap("""
                    select count(*) as n, coalesce(sum(t.amount), 0) as amount
                      from payout_run_tranche s join tranche t on t.instruction_id = s.instruction_id where s.run_id = ?""", id);
            long count = ((Number) pinned.get("n")).longValue();
            long amount = ((Number) pinned.get("amount")).longValue();
            jdbc.update("update payout_run set pinned_count = ?, pinned_amount = ?, pinned_at = ? where id = ?", count, amount,
                    now, id);
            jdbc.update("insert into payout_run_approval (run_id, operator, approved_at, role) values (?, ?, ?, 'MAKER')", id,
                    operator.subject(), now);
            audit.action("PAYOUT_RUN_PREVIEW_APPROVED").after("pinnedCount", count).after("pinnedAmount", amount)
                    .after("budgetRemaining", preview.remainingBudget());
            log.info("payout run {}: preview of {} tranche(s), Rp{} approved by {} (maker); a checker must approve", id, count,
                    amount, operator.subject());
            return run(id);
        }
        operator.require(Roles.PAYOUT_CHECKER);
        RunView run = run(id);
        long committed = jdbc.queryForObject("select committed from budget_commitment where id = 1", Long.class);
        long remaining = approvalSetting.budget() - committed;
        long amount = run.pinnedAmount() == null ? 0 : run.pinnedAmount();
        if (amount > remaining) {
            throw new ProblemException(HttpStatus.CONFLICT, "PAYOUT_RUN_OVER_BUDGET", id, amount, remaining);
        }
        jdbc.update("insert into payout_run_approval (run_id, operator, approved_at, role) values (?, ?, ?, 'CHECKER')", id,
                operator.subject(), now);
        jdbc.update("update payout_run set status = 'APPROVED' where id = ?", id);
        audit.action("PAYOUT_RUN_APPROVED").change("status", "AWAITING_APPROVAL", "APPROVED")
                .after("pinnedCount", run.pinnedCount()).after("pinnedAmount", amount).after("maker", approvedBy.getFirst());
        log.info("payout run {} approved by {} (maker) and {} (checker): at most {} tranche(s), Rp{}; it starts", id,
                approvedBy.getFirst(), operator.subject(), run.pinnedCount(), amount);
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
