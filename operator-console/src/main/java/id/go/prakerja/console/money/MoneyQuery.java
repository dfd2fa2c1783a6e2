package id.go.prakerja.console.money;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Training balances and incentives in rupiah as of an instant, from the events that moved them. */
@Component
public class MoneyQuery {

    private final JdbcTemplate jdbc;

    public MoneyQuery(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
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

    public record Money(Instant asOf, Balances balances, List<Incentives> incentivesByPartner, Incentives incentivesTotal) {
    }

    @Transactional(readOnly = true)
    public Money asOf(Instant asOf) {
        Timestamp at = Timestamp.from(asOf);
        Balances balances = jdbc.queryForObject("""
                select coalesce(sum(amount) filter (where movement = 'ISSUED'), 0),
                       coalesce(sum(amount) filter (where movement = 'SPENT'), 0),
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
        return new Money(asOf, balances, byPartner, total);
    }
}
