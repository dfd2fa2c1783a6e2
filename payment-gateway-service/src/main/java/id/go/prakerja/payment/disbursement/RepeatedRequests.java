package id.go.prakerja.payment.disbursement;

import java.util.Set;
import java.util.UUID;

import id.go.prakerja.payment.partner.PartnerCodes;

/**
 * What a {@code DisbursementRequested} does to a payment its instruction id already names; plain
 * Java. The same content changes nothing and other content is a conflict (refused, never paid),
 * with one exception: a payment that FAILED is paid again, under a new reference, when a new
 * request for the same tranche (same participant, kind, sequence and amount) arrives. The incentive
 * service sends one only after it learned of the failure, and only on purpose: once a new account
 * is verified after a failure the account cures (announced with {@code retryableAfterAccountChange}),
 * perhaps at another partner, or when an operator sends a tranche that failed for another reason
 * back to the schedule. A request event already applied to the payment (a redelivery, a replayed
 * dead letter) never re-arms it, whatever its content; a payment not FAILED is never paid again, and
 * neither is one blocked because an earlier reference of it was found credited.
 */
public final class RepeatedRequests {

    private RepeatedRequests() {
    }

    /** What to do with the request. */
    public enum Verdict {
        /** The request the payment already holds (a redelivery or a copy): nothing new. */
        SAME,
        /** A new request after a failure for an account reason: pay again, to the new account, under a new reference. */
        PAY_AGAIN,
        /** Other content under the same instruction id: refused, alerted, never paid. */
        CONFLICT,
        /** The instruction is blocked (an earlier reference was found credited): refused, alerted, never paid. */
        BLOCKED
    }

    /** The payment as recorded. */
    public record Known(UUID participantId, String kind, int sequence, long amount, String contentHash,
            PaymentStatus status, String reasonCode, Set<UUID> appliedEvents, boolean blocked) {

        public Known(UUID participantId, String kind, int sequence, long amount, String contentHash,
                PaymentStatus status, String reasonCode, Set<UUID> appliedEvents) {
            this(participantId, kind, sequence, amount, contentHash, status, reasonCode, appliedEvents, false);
        }
    }

    /** The request as received. */
    public record Incoming(UUID eventId, UUID participantId, String kind, int sequence, long amount, String contentHash) {
    }

    public static Verdict judge(Known payment, Incoming request) {
        if (payment.appliedEvents().contains(request.eventId())) {
            return Verdict.SAME;
        }
        if (payment.blocked()) {
            return payment.contentHash().equals(request.contentHash()) ? Verdict.SAME : Verdict.BLOCKED;
        }
        if (payment.status() == PaymentStatus.FAILED && sameTranche(payment, request)) {
            return Verdict.PAY_AGAIN;
        }
        return payment.contentHash().equals(request.contentHash()) ? Verdict.SAME : Verdict.CONFLICT;
    }

    /** A payment that failed for a reason a new or fixed account cures: the failures announced as retryable after an account change. */
    public static boolean awaitsAnotherAccount(PaymentStatus status, String reasonCode) {
        return status == PaymentStatus.FAILED && PartnerCodes.retryableAfterAccountChange(reasonCode);
    }

    private static boolean sameTranche(Known payment, Incoming request) {
        return payment.participantId().equals(request.participantId()) && payment.kind().equals(request.kind())
                && payment.sequence() == request.sequence() && payment.amount() == request.amount();
    }
}
