package id.go.prakerja.incentive.admin;

import java.io.IOException;
import java.io.Writer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import id.go.prakerja.incentive.IncentiveProperties;
import id.go.prakerja.incentive.integrity.IntegritySignals;
import id.go.prakerja.support.web.ProblemException;

/**
 * Operators' view of the incentive: totals and lists of tranches by status, and the backlog of
 * everyone whose first training was reconciled and who is not fully paid, with the reason they
 * wait and since when. Everything is computed in the database, so a wave of any size is never
 * loaded into memory; the CSV export streams row by row.
 */
@Service
public class IncentiveReports {

    /** Each tranche with the status an operator reads: waiting for account, account rejected, unknown... */
    private static final String TRANCHES = """
            with la as (
                select distinct on (participant_id) participant_id, link_id, partner, status, reason_code
                  from payout_account order by participant_id, requested_at desc, link_id)
            select t.instruction_id, t.participant_id, t.kind, t.sequence, t.amount, t.due_at, p.province, p.wave_number,
                   coalesce(t.partner, la.partner) as partner,
                   case when t.status in ('SCHEDULED', 'FAILED') and p.revoked_at is not null then 'CANCELLED'
                        when t.status = 'SCHEDULED' and t.due_at <= ? and la.status is distinct from 'VERIFIED' then
                            case la.status when 'REJECTED' then 'ACCOUNT_REJECTED' when 'PENDING' then 'ACCOUNT_PENDING'
                                           else 'WAITING_FOR_ACCOUNT' end
                        when t.status = 'REQUESTED' and t.requested_at < ? then 'UNKNOWN'
                        else t.status end as status,
                   case when t.status = 'FAILED' then t.failure_reason
                        when t.status = 'HELD' then coalesce(t.held_reason, 'GUARD')
                        when t.status = 'CANCELLED' then t.resolution_note
                        when t.status = 'SCHEDULED' and la.status = 'REJECTED' then la.reason_code end as reason
              from tranche t
              join participant p on p.participant_id = t.participant_id
              left join la on la.participant_id = t.participant_id
            """;

    private static final Set<String> GROUPS = Set.of("status", "wave", "partner", "province");

    private final JdbcTemplate jdbc;
    private final IncentiveProperties settings;
    private final Clock clock;

    public IncentiveReports(JdbcTemplate jdbc, IncentiveProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    public record Total(String group, String status, String reason, long tranches, long participants, long amount) {
    }

    public record Summary(long entitledParticipants, long revokedParticipants, List<Total> totals) {
    }

    public record TrancheRow(String instructionId, UUID participantId, String kind, int sequence, long amount,
            Instant dueAt, String province, Integer wave, String partner, String status, String reason) {
    }

    @Transactional(readOnly = true)
    public Summary summary(String by) {
        if (!GROUPS.contains(by)) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "UNKNOWN_FILTER", "by", by);
        }
        Instant now = clock.instant();
        String group = switch (by) {
            case "wave" -> "coalesce(wave_number::text, '-')";
            case "partner" -> "coalesce(partner, '-')";
            case "province" -> "coalesce(province, '-')";
            default -> "'all'";
        };
        List<Total> totals = jdbc.query("select " + group + ", status, reason, count(*), count(distinct participant_id), "
                + "sum(amount) from (" + TRANCHES + ") x group by 1, 2, 3 order by 1, 2, 3",
                (rs, i) -> new Total(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6)),
                Timestamp.from(now), overdue(now));
        Long entitled = jdbc.queryForObject("select count(*) from participant where entitled_at is not null", Long.class);
        Long revoked = jdbc.queryForObject(
                "select count(*) from participant where entitled_at is not null and revoked_at is not null", Long.class);
        return new Summary(entitled, revoked, totals);
    }

    @Transactional(readOnly = true)
    public List<TrancheRow> tranches(String status, String reason, Integer wave, String partner, String province, int limit,
            int offset) {
        Instant now = clock.instant();
        List<Object> args = new ArrayList<>(List.of(Timestamp.from(now), overdue(now)));
        StringBuilder where = new StringBuilder(" where true");
        filter(where, args, "status", status);
        filter(where, args, "reason", reason);
        filter(where, args, "partner", partner);
        filter(where, args, "province", province);
        if (wave != null) {
            where.append(" and wave_number = ?");
            args.add(wave);
        }
        args.add(limit);
        args.add(offset);
        return jdbc.query("select * from (" + TRANCHES + ") x" + where + " order by due_at, instruction_id limit ? offset ?",
                (rs, i) -> new TrancheRow(rs.getString("instruction_id"), rs.getObject("participant_id", UUID.class),
                        rs.getString("kind"), rs.getInt("sequence"), rs.getLong("amount"),
                        rs.getTimestamp("due_at").toInstant(), rs.getString("province"),
                        (Integer) rs.getObject("wave_number"), rs.getString("partner"), rs.getString("status"),
                        rs.getString("reason")),
                args.toArray());
    }

    private static void filter(StringBuilder where, List<Object> args, String column, String value) {
        if (value != null && !value.isBlank()) {
            where.append(" and ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private boolean integrityHolds() {
        return settings.integrity().sharedAccount().holdsPayment();
    }

    private Timestamp overdue(Instant now) {
        return Timestamp.from(now.minus(settings.outcomeOverdueAfter()));
    }

    // ---- the backlog

    /**
     * Why a participant whose first training was reconciled is not fully paid, the first reason
     * that applies: REVOKED, HELD_BY_INTEGRITY (detail: the signal, e.g. SHARED_PAYOUT_ACCOUNT; an integrity signal
     * involves them, undecided or confirmed), HELD_BY_GUARD, NO_ACCOUNT, ACCOUNT_PENDING, ACCOUNT_REJECTED (detail: the
     * partner's reason), PAYMENT_FAILED (detail: the failure reason; waits for a new account or an
     * operator), PAYMENT_IN_DOUBT (detail: the gateway's reason; refused after an ambiguous attempt, every
     * reference is being asked before it may be paid again), OUTCOME_UNKNOWN (requested, no outcome after
     * the overdue setting), AWAITING_PARTNER,
     * BUDGET_EXHAUSTED (due, account verified, but a payout run stopped at the incentive budget),
     * AWAITING_PAYOUT_RUN (due, account verified), NEXT_TRANCHE_SCHEDULED (nothing due yet).
     */
    private static final String BACKLOG = """
            with la as (
                select distinct on (participant_id) participant_id, link_id, partner, status, reason_code, requested_at,
                       decided_at, unlinked_at
                  from payout_account order by participant_id, requested_at desc, link_id),
            t as (
                select tr.participant_id,
                       min(coalesce(tr.held_at, tr.due_at)) filter (where tr.status = 'HELD') as held_since,
                       min(tr.failed_at) filter (where tr.status = 'FAILED' and not (coalesce(tr.retry_after_account, false)
                           and la.status = 'VERIFIED' and la.link_id is distinct from tr.link_id)) as failed_since,
                       min(tr.failure_reason) filter (where tr.status = 'FAILED') as failure_reason,
                       min(tr.requested_at) filter (where tr.status = 'REQUESTED') as requested_since,
                       min(tr.in_doubt_since) filter (where tr.status = 'REQUESTED') as doubt_since,
                       min(tr.in_doubt_detail) filter (where tr.status = 'REQUESTED') as doubt_detail,
                       min(tr.due_at) filter (where (tr.status = 'SCHEDULED' or tr.status = 'FAILED') and tr.due_at <= ?) as due_since,
                       max(tr.paid_at) as last_paid,
                       count(*) filter (where tr.status <> 'PAID') as unpaid,
                       coalesce(sum(tr.amount) filter (where tr.status not in ('PAID', 'CANCELLED')), 0) as unpaid_amount
                  from tranche tr left join la on la.participant_id = tr.participant_id
                 group by tr.participant_id),
            ih as (
                select m.participant_id, min(m.joined_at) as since, min(s.kind) as kind
                  from integrity_signal_participant m join integrity_signal s on s.id = m.signal_id
                 where """ + IntegritySignals.HOLDING + """
                 group by m.participant_id),
            b as (
                select p.participant_id, p.province, p.wave_number, la.partner, t.unpaid_amount,
                       case when p.revoked_at is not null then 'REVOKED'
                            when ih.since is not null then 'HELD_BY_INTEGRITY'
                            when t.held_since is not null then 'HELD_BY_GUARD'
                            when la.status is null or la.status = 'UNLINKED' then 'NO_ACCOUNT'
                            when la.status = 'PENDING' then 'ACCOUNT_PENDING'
                            when la.status = 'REJECTED' then 'ACCOUNT_REJECTED'
                            when t.failed_since is not null then 'PAYMENT_FAILED'
                            when t.doubt_since is not null then 'PAYMENT_IN_DOUBT'
                            when t.requested_since < ? then 'OUTCOME_UNKNOWN'
                            when t.requested_since is not null then 'AWAITING_PARTNER'
                            when t.due_since is not null and exists (select 1 from payout_run where status = 'OVER_BUDGET')
                                then 'BUDGET_EXHAUSTED'
                            when t.due_since is not null then 'AWAITING_PAYOUT_RUN'
                            else 'NEXT_TRANCHE_SCHEDULED' end as reason,
                       case when p.revoked_at is not null then p.revocation_reason
                            when ih.since is not null then ih.kind
                            when la.status = 'REJECTED' then la.reason_code
                            when t.failed_since is not null then t.failure_reason
                            when t.doubt_since is not null then t.doubt_detail end as detail,
                       case when p.revoked_at is not null then p.revoked_at
                            when ih.since is not null then ih.since
                            when t.held_since is not null then t.held_since
                            when la.status is null then p.entitled_at
                            when la.status = 'UNLINKED' then greatest(p.entitled_at, la.unlinked_at)
                            when la.status = 'PENDING' then la.requested_at
                            when la.status = 'REJECTED' then la.decided_at
                            when t.failed_since is not null then t.failed_since
                            when t.doubt_since is not null then t.doubt_since
                            when t.requested_since is not null then t.requested_since
                            when t.due_since is not null then t.due_since
                            else coalesce(t.last_paid, p.entitled_at) end as since
                  from participant p
                  left join la on la.participant_id = p.participant_id
                  left join t on t.participant_id = p.participant_id
                  left join ih on ih.participant_id = p.participant_id
                 where p.entitled_at is not null and (t.unpaid is null or t.unpaid > 0))
            """;

    public record BacklogRow(UUID participantId, String province, Integer wave, String partner, String reason, String detail,
            Instant since, long unpaidAmount) {
    }

    public record BacklogCount(String reason, String detail, long participants, long unpaidAmount) {
    }

    @Transactional(readOnly = true)
    public List<BacklogRow> backlog(String reason, int limit, int offset) {
        List<BacklogRow> rows = new ArrayList<>();
        streamBacklog(reason, limit, offset, rows::add);
        return rows;
    }

    @Transactional(readOnly = true)
    public List<BacklogCount> backlogCounts() {
        Instant now = clock.instant();
        return jdbc.query(BACKLOG + " select reason, detail, count(*), sum(unpaid_amount) from b group by 1, 2 order by 3 desc",
                (rs, i) -> new BacklogCount(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)),
                Timestamp.from(now), integrityHolds(), overdue(now));
    }

    /** Streams the backlog as CSV, oldest first, whatever its size. */
    @Transactional(readOnly = true)
    public void backlogCsv(String reason, Writer out) throws IOException {
        out.write("participant_id,province,wave,partner,reason,detail,since,unpaid_amount\n");
        try {
            streamBacklog(reason, Integer.MAX_VALUE, 0, row -> {
                try {
                    out.write(row.participantId() + "," + nz(row.province()) + "," + (row.wave() == null ? "" : row.wave()) + ","
                            + nz(row.partner()) + "," + row.reason() + "," + nz(row.detail()) + "," + row.since() + ","
                            + row.unpaidAmount() + "\n");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void streamBacklog(String reason, int limit, int offset, java.util.function.Consumer<BacklogRow> sink) {
        Instant now = clock.instant();
        List<Object> args = new ArrayList<>(List.of(Timestamp.from(now), integrityHolds(), overdue(now)));
        boolean byReason = reason != null && !reason.isBlank();
        String where = byReason ? " where reason = ?" : "";
        if (byReason) {
            args.add(reason);
        }
        args.add(limit);
        args.add(offset);
        jdbc.query(con -> {
            var statement = con.prepareStatement(BACKLOG + " select participant_id, province, wave_number, partner, reason, "
                    + "detail, since, unpaid_amount from b" + where + " order by since, participant_id limit ? offset ?");
            statement.setFetchSize(500);
            for (int i = 0; i < args.size(); i++) {
                statement.setObject(i + 1, args.get(i));
            }
            return statement;
        }, (RowCallbackHandler) rs -> sink.accept(new BacklogRow(rs.getObject(1, UUID.class), rs.getString(2),
                (Integer) rs.getObject(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                rs.getLong(8))));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
