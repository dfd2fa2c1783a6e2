package id.go.prakerja.payment.partner;

import java.time.Duration;

/**
 * What a partner's answer to a transfer or a status inquiry means for the payment.
 *
 * @param partnerReference the partner's own reference ({@code referenceNo}), when it gave one
 * @param rawCode          the partner's response code (or {@code HTTP 5xx}, {@code TIMEOUT}, …) for the record
 * @param reasonCode       for {@link Kind#FAILED}: what the participant can act on (shared contract)
 * @param retryAfter       for {@link Kind#NOT_SENT}: how long to wait before trying again
 */
public record PartnerAnswer(Kind kind, String partnerReference, String rawCode, String reasonCode, Duration retryAfter,
        String detail) {

    public enum Kind {
        /** The money reached the account. */
        PAID,
        /** Accepted, not final yet: the partner settles it later. */
        PENDING,
        /** Refused or failed for good; nothing was paid. */
        FAILED,
        /** Nobody can tell: a timeout, a 5xx, an unreadable answer, a duplicate reference. Ask by inquiry. */
        UNKNOWN,
        /** Status inquiry: the partner has no transfer under this reference. */
        NOT_FOUND,
        /** The request certainly did nothing (no connection, 429, token refused): try again later. */
        NOT_SENT
    }

    public static PartnerAnswer paid(String partnerReference, String rawCode) {
        return new PartnerAnswer(Kind.PAID, partnerReference, rawCode, null, null, "paid");
    }

    public static PartnerAnswer pending(String partnerReference, String rawCode) {
        return new PartnerAnswer(Kind.PENDING, partnerReference, rawCode, null, null, "pending at partner");
    }

    public static PartnerAnswer failed(String rawCode, String reasonCode, String detail) {
        return new PartnerAnswer(Kind.FAILED, null, rawCode, reasonCode, null, detail);
    }

    public static PartnerAnswer unknown(String rawCode, String detail) {
        return new PartnerAnswer(Kind.UNKNOWN, null, rawCode, null, null, detail);
    }

    public static PartnerAnswer notFound(String rawCode) {
        return new PartnerAnswer(Kind.NOT_FOUND, null, rawCode, null, null, "not found at partner");
    }

    public static PartnerAnswer notSent(String rawCode, Duration retryAfter, String detail) {
        return new PartnerAnswer(Kind.NOT_SENT, null, rawCode, null, retryAfter, detail);
    }

    /**
     * Whether this answer says the partner is unwell (counts against its circuit breaker): an
     * unknown outcome, or a refusal to do anything other than "too many requests", which only
     * asks us to slow down.
     */
    public boolean partnerTrouble() {
        return kind == Kind.UNKNOWN || (kind == Kind.NOT_SENT && (rawCode == null || !rawCode.startsWith("429")));
    }
}
