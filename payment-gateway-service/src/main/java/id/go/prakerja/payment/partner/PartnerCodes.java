package id.go.prakerja.payment.partner;

import java.time.Duration;

import id.go.prakerja.payment.snap.ResponseCode;
import id.go.prakerja.payment.snap.SnapResponse;

/**
 * How SNAP answers map onto payments; the rules every adapter shares (plain Java, unit-tested).
 *
 * <p>Only a definite refusal fails a payment; everything that leaves room for doubt is UNKNOWN,
 * so that a status inquiry decides before anything else happens.
 */
public final class PartnerCodes {

    public static final String ACCOUNT_CLOSED = "ACCOUNT_CLOSED";
    public static final String ACCOUNT_BLOCKED = "ACCOUNT_BLOCKED";
    public static final String ACCOUNT_NOT_FOUND = "ACCOUNT_NOT_FOUND";
    public static final String LIMIT_EXCEEDED = "LIMIT_EXCEEDED";
    public static final String NAME_MISMATCH = "NAME_MISMATCH";
    public static final String PARTNER_REJECTED = "PARTNER_REJECTED";

    private PartnerCodes() {
    }

    /** The answer to a transfer (BNI intrabank, e-wallet top-up). */
    public static PartnerAnswer transfer(SnapResponse response) {
        ResponseCode code = response.code();
        if (!response.readable()) {
            return response.httpStatus() == 429
                    ? PartnerAnswer.notSent("429", Duration.ofSeconds(Math.max(1, response.retryAfter())), "rate limited")
                    : PartnerAnswer.unknown("HTTP " + response.httpStatus(), "unreadable answer");
        }
        String raw = code.toString();
        int status = code.httpStatus();
        if (status == 200 && "00".equals(code.caseCode())) {
            return PartnerAnswer.paid(response.text("referenceNo"), raw);
        }
        if (status == 202) {
            return PartnerAnswer.pending(response.text("referenceNo"), raw);
        }
        if (status == 429) {
            return PartnerAnswer.notSent(raw, Duration.ofSeconds(Math.max(1, response.retryAfter())), "rate limited");
        }
        if (status == 401) {
            // refused before anything was done (token, signature, partner id)
            return PartnerAnswer.notSent(raw, Duration.ofSeconds(5), "refused as unauthorised");
        }
        if (status == 409) {
            // 01: the partner already has this reference; 00: an external id clash. Either way only an inquiry tells.
            return PartnerAnswer.unknown(raw, "01".equals(code.caseCode()) ? "duplicate partnerReferenceNo: already at partner"
                    : "X-EXTERNAL-ID conflict");
        }
        if (status == 404 && "18".equals(code.caseCode())) {
            return PartnerAnswer.unknown(raw, "inconsistent request: the partner holds this reference with other content");
        }
        if (status >= 500 || status == 408 || status == 504) {
            return PartnerAnswer.unknown(raw, "partner error " + status);
        }
        if (status >= 400) {
            return PartnerAnswer.failed(raw, refusalReason(code), response.text("responseMessage"));
        }
        return PartnerAnswer.unknown(raw, "unexpected answer");
    }

    /** The answer to a status inquiry (BNI 36, e-wallet 39). */
    public static PartnerAnswer status(SnapResponse response) {
        ResponseCode code = response.code();
        if (!response.readable()) {
            return response.httpStatus() == 429
                    ? PartnerAnswer.notSent("429", Duration.ofSeconds(Math.max(1, response.retryAfter())), "rate limited")
                    : PartnerAnswer.unknown("HTTP " + response.httpStatus(), "unreadable answer");
        }
        String raw = code.toString();
        if (code.httpStatus() == 404 && "01".equals(code.caseCode())) {
            return PartnerAnswer.notFound(raw);
        }
        if (code.httpStatus() == 429 || code.httpStatus() == 401) {
            return PartnerAnswer.notSent(raw, Duration.ofSeconds(Math.max(1, response.retryAfter())), "inquiry refused");
        }
        if (code.httpStatus() != 200) {
            return PartnerAnswer.unknown(raw, "inquiry failed");
        }
        String latest = response.text("latestTransactionStatus");
        String statusRaw = raw + "/" + latest;
        String reference = response.text("originalReferenceNo");
        if (latest == null) {
            return PartnerAnswer.unknown(statusRaw, "no latestTransactionStatus");
        }
        return switch (latest) {
            case "00" -> PartnerAnswer.paid(reference, statusRaw);
            case "01", "02", "03" -> PartnerAnswer.pending(reference, statusRaw);
            case "04", "05", "06" -> {
                String failure = response.body().path("additionalInfo").path("failureCode").asString(null);
                ResponseCode failureCode = ResponseCode.parse(failure);
                yield PartnerAnswer.failed(failure != null ? statusRaw + "/" + failure : statusRaw,
                        failureCode != null ? refusalReason(failureCode) : PARTNER_REJECTED,
                        response.text("transactionStatusDesc"));
            }
            case "07" -> PartnerAnswer.notFound(statusRaw);
            default -> PartnerAnswer.unknown(statusRaw, "unknown latestTransactionStatus");
        };
    }

    /** A definite refusal's code as a reason the participant can act on. */
    public static String refusalReason(ResponseCode code) {
        return switch (code.httpStatus() + "/" + code.caseCode()) {
            case "404/11", "404/12" -> ACCOUNT_NOT_FOUND;
            case "403/18", "403/07", "403/16" -> ACCOUNT_BLOCKED;
            case "403/09", "403/08" -> ACCOUNT_CLOSED;
            case "403/02", "403/04", "403/17", "403/20" -> LIMIT_EXCEEDED;
            default -> PARTNER_REJECTED;
        };
    }

    /** Whether a participant can fix the cause by changing or fixing the account. */
    public static boolean retryableAfterAccountChange(String reasonCode) {
        return ACCOUNT_CLOSED.equals(reasonCode) || ACCOUNT_BLOCKED.equals(reasonCode)
                || ACCOUNT_NOT_FOUND.equals(reasonCode) || LIMIT_EXCEEDED.equals(reasonCode)
                || NAME_MISMATCH.equals(reasonCode);
    }
}
