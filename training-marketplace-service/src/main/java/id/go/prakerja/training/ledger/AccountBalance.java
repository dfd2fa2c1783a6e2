package id.go.prakerja.training.ledger;

import java.util.Collection;

/**
 * An account's balance as the sum of its entries, seen from the account holder: credits add,
 * debits take away. A pending debit (reservation) is no longer available but not yet spent.
 */
public record AccountBalance(long postedCredits, long postedDebits, long pendingDebits, long pendingCredits) {

    public static AccountBalance of(String account, Collection<Entry> entries) {
        long pc = 0;
        long pd = 0;
        long qd = 0;
        long qc = 0;
        for (Entry e : entries) {
            if (!e.account().equals(account) || e.status() == Entry.Status.VOIDED) {
                continue;
            }
            boolean posted = e.status() == Entry.Status.POSTED;
            if (e.side() == Entry.Side.C) {
                if (posted) {
                    pc += e.amount();
                } else {
                    qc += e.amount();
                }
            } else if (posted) {
                pd += e.amount();
            } else {
                qd += e.amount();
            }
        }
        return new AccountBalance(pc, pd, qd, qc);
    }

    /** Posted balance: credits minus debits. */
    public long posted() {
        return postedCredits - postedDebits;
    }

    /** What may still be reserved: posted balance less what is reserved. */
    public long available() {
        return posted() - pendingDebits;
    }

    public long reserved() {
        return pendingDebits;
    }

    /** The rule of every purchase: never more than what is available. */
    public boolean canReserve(long amount) {
        return amount > 0 && amount <= available();
    }
}
