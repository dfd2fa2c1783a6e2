package id.go.prakerja.training.ledger;

import java.util.List;
import java.util.UUID;

/**
 * A balanced ledger transaction: its debits equal its credits, always. The four movements of the
 * training balance are made here and nowhere else.
 */
public record Transfer(UUID id, Kind kind, UUID participantId, Entry.Status status, List<Entry> entries) {

    public enum Kind {
        /** Selection: the programme gives the participant the balance. */
        OPEN,
        /** A purchase: the price is reserved for the platform, pending until the voucher is redeemed. */
        PURCHASE,
        /** What is left goes back to the programme (deadline missed, programme ended). */
        FORFEIT
    }

    public Transfer {
        entries = List.copyOf(entries);
        long debits = 0;
        long credits = 0;
        for (Entry entry : entries) {
            if (entry.status() != status) {
                throw new IllegalArgumentException("every entry of a transaction has its status");
            }
            if (entry.side() == Entry.Side.D) {
                debits = Math.addExact(debits, entry.amount());
            } else {
                credits = Math.addExact(credits, entry.amount());
            }
        }
        if (entries.isEmpty() || debits != credits) {
            throw new IllegalArgumentException("unbalanced transaction: debits " + debits + ", credits " + credits);
        }
    }

    public static Transfer open(UUID id, UUID participant, long amount) {
        return posted(id, Kind.OPEN, participant, Accounts.PROGRAMME, Accounts.participant(participant), amount);
    }

    public static Transfer purchase(UUID id, UUID participant, String platformCode, long price) {
        return new Transfer(id, Kind.PURCHASE, participant, Entry.Status.PENDING, List.of(
                new Entry(Accounts.participant(participant), Entry.Side.D, price, Entry.Status.PENDING),
                new Entry(Accounts.platformPayable(platformCode), Entry.Side.C, price, Entry.Status.PENDING)));
    }

    public static Transfer forfeit(UUID id, UUID participant, long amount) {
        return posted(id, Kind.FORFEIT, participant, Accounts.participant(participant), Accounts.PROGRAMME, amount);
    }

    private static Transfer posted(UUID id, Kind kind, UUID participant, String from, String to, long amount) {
        return new Transfer(id, kind, participant, Entry.Status.POSTED, List.of(
                new Entry(from, Entry.Side.D, amount, Entry.Status.POSTED),
                new Entry(to, Entry.Side.C, amount, Entry.Status.POSTED)));
    }

    /** Posting or voiding a reservation; any other change of a transaction is refused. */
    public Transfer resolve(Entry.Status to) {
        if (status != Entry.Status.PENDING || to == Entry.Status.PENDING) {
            throw new IllegalStateException("only a pending transaction is posted or voided, this one is " + status);
        }
        return new Transfer(id, kind, participantId, to, entries.stream().map(e -> e.withStatus(to)).toList());
    }
}
