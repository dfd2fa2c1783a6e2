package id.go.prakerja.console.money;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Training balances and incentives in rupiah as of an instant, from the events that moved them, and
 * the integrity signals that hold incentives.
 */
@Component
public class MoneyQuery {

    private final JdbcTemplate jdbc;

    public MoneyQuery(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param spent    the prices of purchases, less those whose voucher lapsed unredeemed (their
     *                 price went back to the balance, to be spent again or forfeited)
     * @param reserved issued and neither spent nor forfeited: what the programme still owes
     *                 participants as training balance
     */
    public record Balances(long issued, long spent, long forfeited, long reserved) {
    }

    /** Count and rupiah of instructions in each state; a paid instruction counts as requested and paid. */
    public record Incentives(String partner, Amount entitled, Amount requested, Amount paid, Amount failed, Amount unknown) {
    }

    public record Amount(long count, long rupiah) {
    }

    /**
     * The payment gateway's last reconciliation, as of the instant, of one partner's settlement
     * report for one business day (Jakarta): paid according to us (the gateway) and according to
     * the partner, and each kind of mismatch.
     *
     * @param difference    rupiah the partner paid minus rupiah we hold as paid (0 when they agree)
     * @param mismatches    mismatches an operator must act on (settled-from-report needs none)
     */
    public record Settlement(String partner, LocalDate businessDay, Instant reconciledAt, int reportLines, int ourPayments,
            Amount paidHere, Amount paidThere, long difference, Amount matched, Amount paidThereNotHere, Amount hereNotThere,
            Amount amountDiffers, Amount accountDiffers, Amount statusDiffers, Amount settledFromReport, long mismatches) {
    }

    /**
     * The integrity signals of one kind as of the instant (from incentive-service's events).
     *
     * @param openSignals      signals with a participant not decided yet
     * @param participantsHeld participants a signal holds, not decided yet: their incentive is not paid
     * @param cleared          participants two operators cleared (paid again unless another signal holds them)
     * @param confirmed        participants two operators confirmed (held for good; registration revokes them)
     */
    public record IntegritySignals(String kind, long openSignals, long participantsHeld, long cleared, long confirmed) {
    }

    /**
     * @param settlements      newest business day first, then by partner
     * @param integritySignals per kind of signal seen by then, by kind
     */
    public record Money(Instant asOf, Balances balances, List<Incentives> incentivesByPartner, Incentives incentivesTotal,
            List<Settlement> settlements, List<IntegritySignals> integritySignals) {
    }

    @Transactional(readOnly = true)
    public Money asOf(Instant asOf) {
        Timestamp at = Timestamp.from(asOf);
        Balances balances = jdbc.queryForObject("""
                select coalesce(sum(amount) filter (where movement = 'ISSUED'), 0),
                       coalesce(sum(amount) filter (where movement = 'SPENT'), 0)
                           - coalesce(sum(amount) filter (where movement = 'LAPSED'), 0),
                       coalesce(sum(amount) filter (where movement = 'FORFEITED'), 0)
                from balance_movement where occurred_at <= ?
                """, (rs, row) -> new Balances(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                rs.getLong(1) - rs.getLong(2) - rs.getLong(3)), at);
        // an instruction is entitled once either its entitlement or its request is seen; failed and
        // unknown are the states it is in as of then, so a later success takes it out of both
        String amounts = """
                select coalesce(partner, '-') as partner,
                  count(*) filter (where least(entitled_at, requested_at) <= ?),
                  coalesce(sum(amount) filter (where least(entitled_at, requested_at) <= ?), 0),
                  count(*) filter (where requested_at <= ?), coalesce(sum(amount) filter (where requested_at <= ?), 0),
                  count(*) filter (where paid_at <= ?), coalesce(sum(amount) filter (where paid_at <= ?), 0),
                  count(*) filter (where failed_at <= ? and not coalesce(paid_at <= ?, false) and not coalesce(unknown_since > failed_at and unknown_since <= ?, false)),
                  coalesce(sum(amount) filter (where failed_at <= ? and not coalesce(paid_at <= ?, false) and not coalesce(unknown_since > failed_at and unknown_since <= ?, false)), 0),
                  count(*) filter (where unknown_since <= ? and not coalesce(paid_at <= ?, false) and not coalesce(failed_at > unknown_since and failed_at <= ?, false)),
                  coalesce(sum(amount) filter (where unknown_since <= ? and not coalesce(paid_at <= ?, false) and not coalesce(failed_at > unknown_since and failed_at <= ?, false)), 0)
                from disbursement group by rollup (coalesce(partner, '-')) order by 1 nulls last
                """;
        Object[] args = new Object[18];
        java.util.Arrays.fill(args, at);
        List<Incentives> rows = jdbc.query(amounts, (rs, row) -> new Incentives(rs.getString(1),
                new Amount(rs.getLong(2), rs.getLong(3)), new Amount(rs.getLong(4), rs.getLong(5)),
                new Amount(rs.getLong(6), rs.getLong(7)), new Amount(rs.getLong(8), rs.getLong(9)),
                new Amount(rs.getLong(10), rs.getLong(11))), args);
        List<Incentives> byPartner = new ArrayList<>();
        Amount zero = new Amount(0, 0);
        Incentives total = new Incentives("TOTAL", zero, zero, zero, zero, zero);
        for (Incentives row : rows) {
            if (row.partner() == null) {
                total = new Incentives("TOTAL", row.entitled(), row.requested(), row.paid(), row.failed(), row.unknown());
            } else {
                byPartner.add(row);
            }
        }
        return new Money(asOf, balances, byPartner, total, settlements(at), integritySignals(at));
    }

    private List<IntegritySignals> integritySignals(Timestamp at) {
        String open = "raised_at <= ? and not coalesce(cleared_at <= ?, false) and not coalesce(confirmed_at <= ?, false)";
        return jdbc.query("select kind, count(distinct signal_id) filter (where " + open + "),"
                + " count(distinct participant_id) filter (where " + open + "),"
                + " count(distinct participant_id) filter (where cleared_at <= ?),"
                + " count(distinct participant_id) filter (where confirmed_at <= ?)"
                + " from integrity_signal_participant group by kind"
                + " having count(*) filter (where least(raised_at, cleared_at, confirmed_at) <= ?) > 0 order by kind",
                (rs, row) -> new IntegritySignals(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
                at, at, at, at, at, at, at, at, at);
    }

    private List<Settlement> settlements(Timestamp at) {
        return jdbc.query("""
                select * from (
                    select distinct on (partner, business_day) * from settlement_run where reconciled_at <= ?
                    order by partner, business_day, reconciled_at desc, event_id) latest
                order by business_day desc, partner
                """, (rs, row) -> {
                    Amount[] amounts = new Amount[9];
                    String[] names = {"paid_here", "paid_there", "matched", "paid_there_not_here", "here_not_there",
                            "amount_differs", "account_differs", "status_differs", "settled_from_report"};
                    for (int i = 0; i < names.length; i++) {
                        amounts[i] = new Amount(rs.getLong(names[i] + "_count"), rs.getLong(names[i] + "_rupiah"));
                    }
                    long mismatches = amounts[3].count() + amounts[4].count() + amounts[5].count() + amounts[6].count()
                            + amounts[7].count();
                    return new Settlement(rs.getString("partner"), rs.getObject("business_day", LocalDate.class),
                            rs.getTimestamp("reconciled_at").toInstant(), rs.getInt("report_lines"), rs.getInt("our_payments"),
                            amounts[0], amounts[1], amounts[1].rupiah() - amounts[0].rupiah(), amounts[2], amounts[3], amounts[4],
                            amounts[5], amounts[6], amounts[7], amounts[8], mismatches);
                }, at);
    }
}
