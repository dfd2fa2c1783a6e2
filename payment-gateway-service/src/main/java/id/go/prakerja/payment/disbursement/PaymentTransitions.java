package id.go.prakerja.payment.disbursement;

import java.time.Duration;

import id.go.prakerja.payment.PaymentProperties;
import id.go.prakerja.payment.partner.PartnerAnswer;

/**
 * What a partner's answer does to a payment: the rules of the state machine, in plain Java.
 * A timeout, a 5xx or an unreadable answer never fails a payment; it makes it UNKNOWN, and only a
 * status inquiry moves it on. "Not found" on inquiry sends it again under the same reference.
 * Once a payment was ambiguous, a refusal of a transfer proves nothing about the transfers before
 * it (a partner may check a limit before a duplicate): the payment is IN_DOUBT, and only a check
 * of every reference it ever used ({@link #decideDoubt}) makes it FAILED or SUCCEEDED.
 */
public final class PaymentTransitions {

    private PaymentTransitions() {
    }

    /** Where the answer came from. */
    public enum Source {
        /** The answer to the transfer itself. */
        TRANSFER,
        /** The answer to a status inquiry (sweeper, operator, callback hint). */
        INQUIRY
    }

    /**
     * @param to   the new status (may equal the old one: then only the due time moves)
     * @param dueIn when the payment is next due (to send or to ask about)
     */
    public record Decision(PaymentStatus to, String cause, Duration dueIn) {
    }

    public static Decision decide(PaymentStatus from, Source source, PartnerAnswer answer, int inquiries,
            PaymentProperties.Sender sender, PaymentProperties.Sweeper sweeper) {
        return decide(from, source, answer, inquiries, false, sender, sweeper);
    }

    /**
     * @param ambiguous whether an attempt of this payment was ever ambiguous (it was UNKNOWN, or its
     *                  sender's lease ran out mid-call)
     */
    public static Decision decide(PaymentStatus from, Source source, PartnerAnswer answer, int inquiries, boolean ambiguous,
            PaymentProperties.Sender sender, PaymentProperties.Sweeper sweeper) {
        if (from == PaymentStatus.IN_DOUBT) {
            return decideDoubt(answer, inquiries, sweeper);
        }
        String what = source == Source.TRANSFER ? "transfer" : "status inquiry";
        return switch (answer.kind()) {
            case PAID -> new Decision(PaymentStatus.SUCCEEDED, what + ": paid", Duration.ZERO);
            case FAILED -> ambiguous && source == Source.TRANSFER
                    ? new Decision(PaymentStatus.IN_DOUBT, what + " refused: " + answer.reasonCode()
                            + (answer.detail() == null ? "" : " (" + answer.detail() + ")")
                            + " after an ambiguous attempt; every reference is asked before it counts as failed",
                            sweeper.doubtFirstInquiry())
                    : new Decision(PaymentStatus.FAILED, what + ": " + answer.reasonCode()
                            + (answer.detail() == null ? "" : " (" + answer.detail() + ")"), Duration.ZERO);
            case PENDING -> new Decision(PaymentStatus.PENDING_AT_PARTNER, what + ": pending at partner",
                    sweeper.waitAfter(sweeper.pendingFirstInquiry(), inquiries));
            case UNKNOWN -> new Decision(from == PaymentStatus.PENDING_AT_PARTNER ? from : PaymentStatus.UNKNOWN,
                    what + ": outcome unknown (" + answer.detail() + ")",
                    sweeper.waitAfter(sweeper.unknownFirstInquiry(), inquiries));
            case NOT_FOUND -> source == Source.INQUIRY
                    ? new Decision(PaymentStatus.RECEIVED, "status inquiry: not found at partner; send again with the same reference",
                            Duration.ZERO)
                    : new Decision(PaymentStatus.UNKNOWN, what + ": unexpected not-found", sweeper.unknownFirstInquiry());
            case NOT_SENT -> source == Source.TRANSFER
                    ? new Decision(PaymentStatus.RECEIVED, "not sent: " + answer.detail(),
                            answer.retryAfter() != null ? answer.retryAfter() : sender.notSentWait())
                    // an inquiry that could not be made changes nothing but the time of the next one
                    : new Decision(from == PaymentStatus.SENDING ? PaymentStatus.UNKNOWN : from,
                            "status inquiry not made: " + answer.detail(),
                            sweeper.waitAfter(sweeper.unknownFirstInquiry(), inquiries));
        };
    }

    /**
     * The answer of a check of every reference of an IN_DOUBT payment ({@code ReferenceCheck}): one
     * credited makes it SUCCEEDED; all shown uncredited (not found, or failed) makes it FAILED, for
     * the reason the refusal gave; anything else (pending, no answer) keeps it in doubt, asked again
     * later.
     */
    static Decision decideDoubt(PartnerAnswer answer, int inquiries, PaymentProperties.Sweeper sweeper) {
        return switch (answer.kind()) {
            case PAID -> new Decision(PaymentStatus.SUCCEEDED, "every reference asked: " + answer.detail(), Duration.ZERO);
            case FAILED, NOT_FOUND -> new Decision(PaymentStatus.FAILED, "every reference asked: " + answer.detail(),
                    Duration.ZERO);
            case PENDING, UNKNOWN, NOT_SENT -> new Decision(PaymentStatus.IN_DOUBT,
                    "every reference asked, not yet shown uncredited: " + answer.detail(),
                    sweeper.waitAfter(sweeper.doubtFirstInquiry(), inquiries));
        };
    }
}
