package id.go.prakerja.training.purchase;

import java.util.Optional;

import id.go.prakerja.training.ledger.AccountBalance;

/**
 * Whether a participant may buy a training now, in the programme's words: selected and not revoked,
 * the balance still open and the programme not ended, the first training bought by the first-purchase
 * deadline (a purchase made after it, by a participant with no counted first purchase, is refused
 * there and then, not left to the job that forfeits), the training not already held, a further
 * training only after the first is completed, and never more than what is available.
 */
public final class PurchaseRules {

    public enum Refusal {
        NOT_SELECTED, PARTICIPANT_REVOKED, BALANCE_CLOSED, TRAINING_ALREADY_HELD, FIRST_TRAINING_NOT_COMPLETED,
        INSUFFICIENT_BALANCE, FIRST_PURCHASE_DEADLINE_PASSED, PROGRAMME_ENDED
    }

    /**
     * @param selected           the participant was selected (has a balance)
     * @param revoked            participation was revoked
     * @param closed             the balance was forfeited or expired at the programme's end
     * @param holdsTraining      a purchase of this training is live (not expired or voided)
     * @param completedAny       some purchase was completed (first training done)
     * @param liveNotCompleted   some purchase is reserved, redeemed or in progress
     * @param deadlinePassed     the first-purchase deadline has passed and no first purchase counts (none made, or
     *                           its voucher expired or was voided)
     * @param programmeEnded     the programme's end (the balance's expiry) has passed
     */
    public record Situation(boolean selected, boolean revoked, boolean closed, boolean holdsTraining,
            boolean completedAny, boolean liveNotCompleted, AccountBalance balance, boolean deadlinePassed,
            boolean programmeEnded) {

        /** Within the deadline and the programme. */
        public Situation(boolean selected, boolean revoked, boolean closed, boolean holdsTraining, boolean completedAny,
                boolean liveNotCompleted, AccountBalance balance) {
            this(selected, revoked, closed, holdsTraining, completedAny, liveNotCompleted, balance, false, false);
        }
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
        if (s.programmeEnded()) {
            return Optional.of(Refusal.PROGRAMME_ENDED);
        }
        if (s.deadlinePassed()) {
            return Optional.of(Refusal.FIRST_PURCHASE_DEADLINE_PASSED);
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
