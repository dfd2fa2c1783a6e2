package id.go.prakerja.training.purchase;

import java.util.Optional;

import id.go.prakerja.training.ledger.AccountBalance;

/**
 * Whether a participant may buy a training now, in the programme's words: selected and not revoked,
 * the balance still open, the training not already held, a further training only after the first
 * is completed, and never more than what is available.
 */
public final class PurchaseRules {

    public enum Refusal {
        NOT_SELECTED, PARTICIPANT_REVOKED, BALANCE_CLOSED, TRAINING_ALREADY_HELD, FIRST_TRAINING_NOT_COMPLETED,
        INSUFFICIENT_BALANCE
    }

    /**
     * @param selected           the participant was selected (has a balance)
     * @param revoked            participation was revoked
     * @param closed             the balance was forfeited or expired at the programme's end
     * @param holdsTraining      a purchase of this training is live (not expired or voided)
     * @param completedAny       some purchase was completed (first training done)
     * @param liveNotCompleted   some purchase is reserved, redeemed or in progress
     */
    public record Situation(boolean selected, boolean revoked, boolean closed, boolean holdsTraining,
            boolean completedAny, boolean liveNotCompleted, AccountBalance balance) {
    }

    private PurchaseRules() {
    }

    public static Optional<Refusal> check(Situation s, long price) {
        if (!s.selected()) {
            return Optional.of(Refusal.NOT_SELECTED);
        }
        if (s.revoked()) {
            return Optional.of(Refusal.PARTICIPANT_REVOKED);
        }
        if (s.closed()) {
            return Optional.of(Refusal.BALANCE_CLOSED);
        }
        if (s.holdsTraining()) {
            return Optional.of(Refusal.TRAINING_ALREADY_HELD);
        }
        if (!s.completedAny() && s.liveNotCompleted()) {
            return Optional.of(Refusal.FIRST_TRAINING_NOT_COMPLETED);
        }
        if (!s.balance().canReserve(price)) {
            return Optional.of(Refusal.INSUFFICIENT_BALANCE);
        }
        return Optional.empty();
    }

    /** The first training is the one bought while no other purchase is live or done. */
    public static boolean isFirst(boolean completedAny, boolean liveNotCompleted) {
        return !completedAny && !liveNotCompleted;
    }
}
