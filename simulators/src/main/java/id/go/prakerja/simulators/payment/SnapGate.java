package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.http.Auth;
import id.go.prakerja.simulators.http.HttpFailure;
import id.go.prakerja.simulators.http.SimRequest;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static id.go.prakerja.simulators.payment.PaymentPartnerSimulator.TIMESTAMP_WINDOW;

/**
 * What every SNAP service call passes before the partner looks at its body: the bearer token, the
 * timestamp window, the partner id, the channel, the external id and the request signature, then
 * the contracted rate and the once-a-day rule of {@code X-EXTERNAL-ID}. The checks always run in this
 * order, so a call wrong in two ways always gets the same refusal.
 *
 * <p>External ids are kept for today and yesterday only (Jakarta time): enough to refuse a replay,
 * bounded however long the launcher runs.
 */
final class SnapGate {

    private static final Pattern NUMERIC_EXTERNAL_ID = Pattern.compile("\\d{1,36}");

    private final String clientId;
    private final String clientSecret;
    private final AccessTokens tokens;
    private final PartnerBehaviour behaviour;

    /** Guarded by {@code this}, as is the rate window. */
    private final Map<LocalDate, Set<String>> externalIdsByDay = new HashMap<>();
    private long rateWindowSecond;
    private int rateWindowCount;

    SnapGate(String clientId, String clientSecret, AccessTokens tokens, PartnerBehaviour behaviour) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.tokens = tokens;
        this.behaviour = behaviour;
    }

    /** Token, timestamp, partner id, channel, external id and signature; returns the parsed body. */
    JsonNode authenticate(SimRequest request, String svc) {
        behaviour.pause();
        String token = Auth.bearerToken(request)
                .orElseThrow(() -> SnapFailure.of(401, svc, "01", "Invalid Token (B2B)"));
        if (!tokens.valid(token)) {
            throw SnapFailure.of(401, svc, "01", "Invalid Token (B2B)");
        }
        String timestamp = checkedTimestamp(request, svc);
        String partnerId = requiredHeader(request, "X-PARTNER-ID", svc);
        if (!partnerId.equals(clientId)) {
            throw SnapFailure.of(401, svc, "00", "Unauthorized. Unknown X-PARTNER-ID");
        }
        requiredHeader(request, "CHANNEL-ID", svc);
        String externalId = requiredHeader(request, "X-EXTERNAL-ID", svc);
        if (!NUMERIC_EXTERNAL_ID.matcher(externalId).matches()) {
            throw SnapFailure.format(svc, "X-EXTERNAL-ID");
        }
        String signature = requiredHeader(request, "X-SIGNATURE", svc);
        String expected = SnapSignature.sign(clientSecret, request.method(), request.pathWithQuery(), token,
                request.bodyText(), timestamp);
        if (!SnapSignature.matches(expected, signature)) {
            throw SnapFailure.of(401, svc, "00", "Unauthorized. Signature");
        }
        throttle(svc);
        claimExternalId(externalId, svc);
        return SnapMessages.parseBody(request, svc);
    }

    /** The contracted rate, when enforced: 429 with Retry-After beyond it in the current second. */
    private void throttle(String svc) {
        int limit = behaviour.rateLimitPerSecond();
        if (limit <= 0) {
            return;
        }
        long second = System.currentTimeMillis() / 1000;
        synchronized (this) {
            if (second != rateWindowSecond) {
                rateWindowSecond = second;
                rateWindowCount = 0;
            }
            if (++rateWindowCount > limit) {
                throw new HttpFailure(SnapFailure.response(429, svc, "00", "Too Many Requests").withHeader("Retry-After", "1"));
            }
        }
    }

    /** X-EXTERNAL-ID is unique per day: any second use is a conflict, even of the same message. */
    private synchronized void claimExternalId(String externalId, String svc) {
        LocalDate today = LocalDate.now(SnapSignature.WIB);
        if (!externalIdsByDay.containsKey(today)) {
            externalIdsByDay.keySet().removeIf(day -> day.isBefore(today.minusDays(1)));
        }
        if (!externalIdsByDay.computeIfAbsent(today, d -> new HashSet<>()).add(externalId)) {
            throw SnapFailure.of(409, svc, "00", "Conflict. X-EXTERNAL-ID already used today");
        }
    }

    /**
     * Counts the external ids of transfers made before a restart, those of today and yesterday, as
     * used: the platform's resend of such a transfer must meet the same conflict as without the restart.
     */
    synchronized void rememberExternalIds(Collection<PaymentRecord> transfers) {
        LocalDate today = LocalDate.now(SnapSignature.WIB);
        for (PaymentRecord record : transfers) {
            LocalDate day = LocalDate.ofInstant(record.createdAt(), SnapSignature.WIB);
            if (record.externalId() != null && !day.isBefore(today.minusDays(1))) {
                externalIdsByDay.computeIfAbsent(day, d -> new HashSet<>()).add(record.externalId());
            }
        }
    }

    synchronized void reset() {
        externalIdsByDay.clear();
    }

    static String checkedTimestamp(SimRequest request, String svc) {
        String timestamp = requiredHeader(request, "X-TIMESTAMP", svc);
        Instant at;
        try {
            at = SnapSignature.parseTimestamp(timestamp);
        } catch (DateTimeParseException e) {
            throw SnapFailure.format(svc, "X-TIMESTAMP");
        }
        Duration skew = Duration.between(at, Instant.now()).abs();
        if (skew.compareTo(TIMESTAMP_WINDOW) > 0) {
            throw SnapFailure.of(401, svc, "00", "Unauthorized. X-TIMESTAMP outside the allowed window");
        }
        return timestamp;
    }

    static String requiredHeader(SimRequest request, String name, String svc) {
        String value = request.header(name);
        if (value == null || value.isBlank()) {
            throw SnapFailure.mandatory(svc, name);
        }
        return value.trim();
    }
}
