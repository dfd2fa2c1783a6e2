package id.go.prakerja.training.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The training-balance ledger in the service's database. Callers hold the participant's row lock
 * while they check a balance and write a transfer, so checks and writes of one participant take
 * turns; the balance itself is never stored, it is always the sum of the account's entries.
 */
@Component
public class Ledger {

    private final JdbcTemplate jdbc;

    public Ledger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the transaction and its entries in one statement (one round trip to the database). */
    public void record(Transfer transfer, Instant at) {
        Timestamp now = Timestamp.from(at);
        StringBuilder sql = new StringBuilder("""
                with tx as (insert into ledger_transaction (id, kind, participant_id, status, created_at, resolved_at)
                            values (?, ?, ?, ?, ?, ?))
                insert into ledger_entry (transaction_id, account, side, amount, status, posted_at) values """);
        List<Object> args = new ArrayList<>(List.of(transfer.id(), transfer.kind().name(), transfer.participantId(),
                transfer.status().name(), now));
        args.add(transfer.status() == Entry.Status.PENDING ? null : now);
        for (int i = 0; i < transfer.entries().size(); i++) {
            Entry e = transfer.entries().get(i);
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?::timestamptz)");
            args.add(transfer.id());
            args.add(e.account());
            args.add(e.side().name());
            args.add(e.amount());
            args.add(e.status().name());
            args.add(e.status() == Entry.Status.POSTED ? now : null);
        }
        jdbc.update(sql.toString(), args.toArray());
    }

    /**
     * Writes many transactions and their entries in one statement, whatever their number (a batch
     * of a job: one round trip, no limit on bind parameters).
     */
    public void recordAll(List<Transfer> transfers, Instant at) {
        if (transfers.isEmpty()) {
            return;
        }
        List<Object> ids = new ArrayList<>();
        List<Object> kinds = new ArrayList<>();
        List<Object> participants = new ArrayList<>();
        List<Object> statuses = new ArrayList<>();
        List<Object> entryTx = new ArrayList<>();
        List<Object> accounts = new ArrayList<>();
        List<Object> sides = new ArrayList<>();
        List<Object> amounts = new ArrayList<>();
        List<Object> entryStatuses = new ArrayList<>();
        for (Transfer t : transfers) {
            ids.add(t.id());
            kinds.add(t.kind().name());
            participants.add(t.participantId());
            statuses.add(t.status().name());
            for (Entry e : t.entries()) {
                entryTx.add(t.id());
                accounts.add(e.account());
                sides.add(e.side().name());
                amounts.add(e.amount());
                entryStatuses.add(e.status().name());
            }
        }
        Timestamp now = Timestamp.from(at);
        jdbc.update("""
                with tx as (insert into ledger_transaction (id, kind, participant_id, status, created_at, resolved_at)
                            select t.id, t.kind, t.participant, t.status, ?, case when t.status = 'PENDING' then null else ?::timestamptz end
                              from unnest(?::uuid[], ?::text[], ?::uuid[], ?::text[]) as t(id, kind, participant, status))
                insert into ledger_entry (transaction_id, account, side, amount, status, posted_at)
                select e.tx, e.account, e.side, e.amount, e.status, case when e.status = 'POSTED' then ?::timestamptz end
                  from unnest(?::uuid[], ?::text[], ?::text[], ?::bigint[], ?::text[]) with ordinality as e(tx, account, side, amount, status, n)
                 order by e.n""", ps -> {
            var c = ps.getConnection();
            ps.setTimestamp(1, now);
            ps.setTimestamp(2, now);
            ps.setArray(3, c.createArrayOf("uuid", ids.toArray()));
            ps.setArray(4, c.createArrayOf("text", kinds.toArray()));
            ps.setArray(5, c.createArrayOf("uuid", participants.toArray()));
            ps.setArray(6, c.createArrayOf("text", statuses.toArray()));
            ps.setTimestamp(7, now);
            ps.setArray(8, c.createArrayOf("uuid", entryTx.toArray()));
            ps.setArray(9, c.createArrayOf("text", accounts.toArray()));
            ps.setArray(10, c.createArrayOf("text", sides.toArray()));
            ps.setArray(11, c.createArrayOf("int8", amounts.toArray()));
            ps.setArray(12, c.createArrayOf("text", entryStatuses.toArray()));
        });
    }

    /** Voids many pending transactions at once (those no longer pending are left as they are). */
    public void voidAll(List<UUID> transactionIds, Instant at) {
        if (transactionIds.isEmpty()) {
            return;
        }
        jdbc.update("""
                with voided as (update ledger_transaction set status = 'VOIDED', resolved_at = ?
                                 where id = any(?::uuid[]) and status = 'PENDING' returning id)
                update ledger_entry set status = 'VOIDED', posted_at = null where transaction_id in (select id from voided)""",
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(at));
                    ps.setArray(2, ps.getConnection().createArrayOf("uuid", transactionIds.toArray()));
                });
    }

    /** The balances of many accounts in one aggregate query; an account without entries is absent. */
    public java.util.Map<String, AccountBalance> balances(List<String> accounts) {
        java.util.Map<String, AccountBalance> found = new java.util.HashMap<>();
        if (accounts.isEmpty()) {
            return found;
        }
        jdbc.query(BALANCE_SUMS + ", account from ledger_entry where account = any(?::text[]) group by account", ps ->
                ps.setArray(1, ps.getConnection().createArrayOf("text", accounts.toArray())),
                (java.sql.ResultSet rs) -> {
                    found.put(rs.getString("account"), balance(rs, 0));
                });
        return found;
    }

    /** Posts or voids a pending transaction; false if it was no longer pending. */
    public boolean resolve(UUID transactionId, Entry.Status to, Instant at) {
        Timestamp now = Timestamp.from(at);
        int changed = jdbc.update("update ledger_transaction set status = ?, resolved_at = ? where id = ? and status = 'PENDING'",
                to.name(), now, transactionId);
        if (changed == 1) {
            jdbc.update("update ledger_entry set status = ?, posted_at = ? where transaction_id = ?", to.name(),
                    to == Entry.Status.POSTED ? now : null, transactionId);
        }
        return changed == 1;
    }

    /** The balance summed by the database (what {@link #balance} sums in Java), for a hot path. */
    public AccountBalance summedBalance(String account) {
        return jdbc.queryForObject(BALANCE_SUMS + " from ledger_entry where account = ?", Ledger::balance, account);
    }

    /** The four sums of {@link AccountBalance} over a set of ledger_entry rows (voided entries count for nothing). */
    public static final String BALANCE_SUMS = """
            select coalesce(sum(amount) filter (where side = 'C' and status = 'POSTED'), 0) as posted_credits,
                   coalesce(sum(amount) filter (where side = 'D' and status = 'POSTED'), 0) as posted_debits,
                   coalesce(sum(amount) filter (where side = 'D' and status = 'PENDING'), 0) as pending_debits,
                   coalesce(sum(amount) filter (where side = 'C' and status = 'PENDING'), 0) as pending_credits""";

    public static AccountBalance balance(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new AccountBalance(rs.getLong("posted_credits"), rs.getLong("posted_debits"), rs.getLong("pending_debits"),
                rs.getLong("pending_credits"));
    }

    public AccountBalance balance(String account) {
        return AccountBalance.of(account, jdbc.query("select side, amount, status from ledger_entry where account = ?",
                (rs, i) -> new Entry(account, Entry.Side.valueOf(rs.getString(1)), rs.getLong(2),
                        Entry.Status.valueOf(rs.getString(3))), account));
    }

    /** An entry as the participant sees it. */
    public record EntryView(UUID transactionId, String kind, String side, long amount, String status, Instant at,
            String counterparty) {
    }

    public List<EntryView> entries(String account) {
        return jdbc.query("""
                select e.transaction_id, t.kind, e.side, e.amount, e.status, t.created_at,
                       (select o.account from ledger_entry o where o.transaction_id = e.transaction_id and o.account <> e.account limit 1)
                  from ledger_entry e join ledger_transaction t on t.id = e.transaction_id
                 where e.account = ? order by e.id""",
                (rs, i) -> new EntryView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getString(7)), account);
    }

    /**
     * The books' proof: every transaction's debits equal its credits, and the posted entries of all
     * accounts sum to zero (what the programme gave out is held by participants or owed to platforms).
     */
    public record Check(long unbalancedTransactions, long postedDebits, long postedCredits, long participantsBelowZero) {
        public boolean balanced() {
            return unbalancedTransactions == 0 && postedDebits == postedCredits && participantsBelowZero == 0;
        }
    }

    public Check check() {
        Long unbalanced = jdbc.queryForObject("""
                select count(*) from (select transaction_id from ledger_entry
                  group by transaction_id having sum(case side when 'D' then amount else 0 end)
                                              <> sum(case side when 'C' then amount else 0 end)) u""", Long.class);
        var totals = jdbc.queryForMap("""
                select coalesce(sum(amount) filter (where side = 'D'), 0) as debits,
                       coalesce(sum(amount) filter (where side = 'C'), 0) as credits
                  from ledger_entry where status = 'POSTED'""");
        Long below = jdbc.queryForObject("""
                select count(*) from (select account from ledger_entry where account like 'PARTICIPANT:%' and status <> 'VOIDED'
                  group by account having sum(case when side = 'C' and status = 'POSTED' then amount else 0 end)
                                        - sum(case when side = 'D' then amount else 0 end) < 0) b""", Long.class);
        return new Check(unbalanced, ((Number) totals.get("debits")).longValue(), ((Number) totals.get("credits")).longValue(),
                below);
    }
}
