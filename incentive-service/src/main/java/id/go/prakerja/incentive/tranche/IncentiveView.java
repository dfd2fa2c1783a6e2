package id.go.prakerja.incentive.tranche;

import java.time.Instant;
import java.util.List;

/**
 * A participant's incentives as they see them: every tranche with its date and status, and the totals.
 *
 * @param account       the payout account's status (NONE, PENDING, VERIFIED, REJECTED)
 * @param onHold        why nothing is paid for now, e.g. SHARED_PAYOUT_ACCOUNT (an integrity signal); null when nothing holds it
 * @param onHoldMessage what that means for the participant, in the request's language
 */
public record IncentiveView(Instant entitledAt, boolean revoked, String account, List<Tranche> postTraining,
        List<Tranche> surveys, Totals totals, String onHold, String onHoldMessage) {

    /**
     * @param status    WAITING_FOR_TRAINING, WAITING_FOR_SURVEY, WAITING_FOR_ACCOUNT, SCHEDULED, REQUESTED, PAID, FAILED,
     *                  HELD (refused by the payment guard, or held by an integrity signal: an operator looks at it) or
     *                  CANCELLED (participation revoked)
     * @param whatToDo  for FAILED, WAITING_FOR_ACCOUNT and a HELD tranche an integrity signal holds, what the participant
     *                  can do or should know, in the request's language
     */
    public record Tranche(String kind, int sequence, long amount, Instant scheduledDate, String status,
            String instructionId, String partner, Instant requestedAt, String partnerReference, Instant paidAt,
            String failureReason, String whatToDo) {
    }

    /** @param toCome what the rules still promise: every tranche neither paid nor cancelled, surveys included */
    public record Totals(long received, long toCome, long requestedNotSettled) {
    }
}
