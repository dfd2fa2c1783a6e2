package id.go.prakerja.payment.disbursement;

import java.util.Set;
import java.util.UUID;

import id.go.prakerja.payment.partner.PartnerCodes;

/**
 * What a {@code DisbursementRequested} does to a payment its instruction id already names; plain
 * Java. The same content changes nothing and other content is a conflict (refused, never paid),
 * with one exception: a payment that FAILED for a reason the participant fixes by changing the
 * account (the failure announced with {@code retryableAfterAccountChange=true}) is paid again when
 * a new request for the same tranche (same participant, kind, sequence and amount) arrives; the
 * incentive service sends it once a new account is verified, perhaps at another partner. A request
 * event already applied to the payment never re-arms it, whatever its content.
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
        CONFLICT
    }

    /** The payment as recorded. */
    public record Known(UUID participantId, String kind, int sequence, long amount, String contentHash,
            PaymentStatus status, String reasonCode, Set<UUID> appliedEvents) {
    }

    /** The request as received. */
    public record Incoming(UUID eventId, UUID participantId, String kind, int sequence, long amount, String contentHash) {
    }

    public static Verdict judge(Known payment, Incoming request) {
        if (payment.appliedEvents().contains(request.eventId())) {
            return Verdict.SAME;
        }
        if (awaitsAnotherAccount(payment.status(), payment.reasonCode()) && sameTranche(payment, request)) {
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
