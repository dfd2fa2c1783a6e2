package id.go.prakerja.incentive.tranche;

import java.time.Instant;
import java.util.List;

/**
 * A participant's incentives as they see them: every tranche with its date and status, and the totals.
 *
 * @param account the payout account's status (NONE, PENDING, VERIFIED, REJECTED)
 */
public record IncentiveView(Instant entitledAt, boolean revoked, String account, List<Tranche> postTraining,
        List<Tranche> surveys, Totals totals) {

    /**
     * @param status    WAITING_FOR_TRAINING, WAITING_FOR_SURVEY, WAITING_FOR_ACCOUNT, SCHEDULED, REQUESTED, PAID, FAILED,
     *                  HELD (refused by the payment guard, an operator looks at it) or CANCELLED (participation revoked)
     * @param whatToDo  for FAILED and WAITING_FOR_ACCOUNT, what the participant can do, in the request's language
     */
    public record Tranche(String kind, int sequence, long amount, Instant scheduledDate, String status,
            String instructionId, String partner, Instant requestedAt, String partnerReference, Instant paidAt,
            String failureReason, String whatToDo) {
    }

    /** @param toCome what the rules still promise: every tranche neither paid nor cancelled, surveys included */
    public record Totals(long received, long toCome, long requestedNotSettled) {
    }
}
