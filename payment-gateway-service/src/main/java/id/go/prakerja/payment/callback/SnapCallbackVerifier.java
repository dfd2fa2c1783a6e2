package id.go.prakerja.payment.callback;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import id.go.prakerja.payment.snap.SnapSignatures;

/**
 * Checks a partner's SNAP notification (plain Java): the sender is the partner the path names
 * ({@code X-PARTNER-ID} equals the platform's client id there), {@code X-TIMESTAMP} is within the
 * window either way, {@code X-EXTERNAL-ID} is numeric, and {@code X-SIGNATURE} is
 * {@code Base64(HMAC-SHA512(that partner's client secret, "POST:" + path + "::" + hex(sha256(minified body)) + ":" + X-TIMESTAMP))}.
 */
public final class SnapCallbackVerifier {

    private static final Pattern NUMERIC = Pattern.compile("\\d{1,36}");

    private SnapCallbackVerifier() {
    }

    /** Why a notification was refused; null when it passed. */
    public static String refusal(String expectedClientId, String clientSecret, Duration window, Instant now,
            String method, String relativeUrl, String body, String partnerId, String timestamp, String externalId,
            String signature) {
        if (partnerId == null || timestamp == null || externalId == null || signature == null) {
            return "missing X-PARTNER-ID, X-TIMESTAMP, X-EXTERNAL-ID or X-SIGNATURE";
        }
        if (!partnerId.trim().equals(expectedClientId)) {
            return "X-PARTNER-ID is not this partner's";
        }
        if (!NUMERIC.matcher(externalId.trim()).matches()) {
            return "X-EXTERNAL-ID is not numeric";
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(timestamp.trim()).toInstant();
        } catch (DateTimeParseException e) {
            return "X-TIMESTAMP is not an ISO-8601 time with offset";
        }
        if (Duration.between(at, now).abs().compareTo(window) > 0) {
            return "X-TIMESTAMP outside the window";
        }
        String expected = SnapSignatures.serviceSignature(clientSecret, method, relativeUrl, "", body, timestamp.trim());
        if (!SnapSignatures.sameSignature(expected, signature)) {
            return "wrong signature";
        }
        return null;
    }
}
