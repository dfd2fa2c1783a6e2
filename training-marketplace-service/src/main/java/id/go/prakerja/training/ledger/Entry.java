package id.go.prakerja.training.ledger;

/**
 * One line of a ledger transaction.
 *
 * @param account {@link Accounts} name
 * @param side    debit or credit
 * @param amount  rupiah, positive
 */
public record Entry(String account, Side side, long amount, Status status) {

    public enum Side { D, C }

    /** A reservation is PENDING until it is POSTED (spent) or VOIDED (returned). */
    public enum Status { PENDING, POSTED, VOIDED }

    public Entry {
        if (amount <= 0) {
            throw new IllegalArgumentException("an entry moves a positive amount, not " + amount);
        }
    }

    public Entry withStatus(Status newStatus) {
        return new Entry(account, side, amount, newStatus);
    }
}
