package id.go.prakerja.incentive.integrity;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The rule of the SHARED_PAYOUT_ACCOUNT signal: who one payout account involves, and whom a
 * signal holds. Plain Java; the link and the payout runner apply it (the runner's query is the
 * same rule in SQL, {@link IntegritySignals#HOLDING}).
 *
 * <p>A link counts while the account may carry the participant's money: PENDING (the partner is
 * checking it) and VERIFIED, and an UNLINKED link the partner had verified (it may have been paid;
 * otherwise linking an account, being paid, unlinking it and handing it to the next NIK would never
 * be seen). A REJECTED link never counts: the partner refused to pay this participant through it,
 * and counting it would let anyone hold the real owner by typing their account number. Nor does a
 * link unlinked before the partner verified it.
 */
public final class SharedPayoutAccount {

    public static final String SIGNAL = "SHARED_PAYOUT_ACCOUNT";

    public enum LinkStatus {
        PENDING, VERIFIED, REJECTED, UNLINKED
    }

    /** What two operators decided about one participant of a signal. */
    public enum Decision {
        OPEN, CLEARED, CONFIRMED
    }

    /** @param everVerified the partner verified this link (for an UNLINKED one: before it was unlinked) */
    public record Link(UUID participantId, LinkStatus status, boolean everVerified) {
    }

    private SharedPayoutAccount() {
    }

    public static boolean counts(Link link) {
        return switch (link.status()) {
            case PENDING, VERIFIED -> true;
            case UNLINKED -> link.everVerified();
            case REJECTED -> false;
        };
    }

    /**
     * Everyone whose link to this one account counts, when they are two participants or more;
     * nobody otherwise (one participant linking their own account again and again is no signal).
     */
    public static Set<UUID> involved(Collection<Link> linksToOneAccount) {
        Set<UUID> participants = linksToOneAccount.stream().filter(SharedPayoutAccount::counts).map(Link::participantId)
                .collect(Collectors.toCollection(TreeSet::new));
        return participants.size() > 1 ? participants : Set.of();
    }

    /**
     * Whether a participant may not be paid, given their decision in each signal they are in: a
     * confirmed signal holds always; an open one while the service holds payment; a cleared one not.
     */
    public static boolean held(Collection<Decision> decisions, boolean holdsPayment) {
        return decisions.contains(Decision.CONFIRMED) || (holdsPayment && decisions.contains(Decision.OPEN));
    }
}
