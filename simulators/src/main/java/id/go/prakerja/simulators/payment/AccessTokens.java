package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.http.Auth;
import id.go.prakerja.simulators.http.SimRequest;
import id.go.prakerja.simulators.http.SimResponse;
import tools.jackson.databind.JsonNode;

import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static id.go.prakerja.simulators.payment.PaymentPartnerSimulator.TOKEN_TTL_SECONDS;

/**
 * SNAP's B2B access token ({@code POST /snap/v1.0/access-token/b2b}): the platform proves it holds
 * the private key registered with the partner by signing {@code clientId|X-TIMESTAMP} with it, and
 * gets a bearer token for {@link PaymentPartnerSimulator#TOKEN_TTL_SECONDS} that every other call
 * must carry.
 *
 * <p>Tokens outlive a reset on purpose: a reset is about business state, and a platform that cached
 * its token should not start failing because a test cleaned up. {@link #revokeAll()} is the
 * partner's rotation, for tests of what the platform does when its token stops working.
 */
final class AccessTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String clientId;
    private final PublicKey clientKey;
    private final PartnerBehaviour behaviour;
    /** Token to expiry; expired ones are dropped when a new one is issued. */
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();

    AccessTokens(String clientId, PublicKey clientKey, PartnerBehaviour behaviour) {
        this.clientId = clientId;
        this.clientKey = clientKey;
        this.behaviour = behaviour;
    }

    SimResponse issue(SimRequest request) {
        String svc = PartnerProfile.TOKEN_SERVICE_CODE;
        behaviour.pause();
        String clientKeyHeader = SnapGate.requiredHeader(request, "X-CLIENT-KEY", svc);
        String timestamp = SnapGate.checkedTimestamp(request, svc);
        String signature = SnapGate.requiredHeader(request, "X-SIGNATURE", svc);
        if (!Auth.constantTimeEquals(clientKeyHeader, clientId)) {
            throw SnapFailure.of(401, svc, "00", "Unauthorized. Unknown client");
        }
        if (!SnapSignature.verifyAccessToken(clientKey, clientId, timestamp, signature)) {
            throw SnapFailure.of(401, svc, "00", "Unauthorized. Signature");
        }
        JsonNode body = SnapMessages.parseBody(request, svc);
        String grantType = SnapMessages.text(body, "grantType", svc, true);
        if (!"client_credentials".equals(grantType)) {
            throw SnapFailure.format(svc, "grantType");
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = Instant.now();
        tokens.values().removeIf(expiry -> expiry.isBefore(now)); // keeps a long-running launcher lean
        tokens.put(token, now.plusSeconds(TOKEN_TTL_SECONDS));
        Map<String, Object> answer = SnapMessages.success(200, svc);
        answer.put("accessToken", token);
        answer.put("tokenType", "Bearer");
        answer.put("expiresIn", String.valueOf(TOKEN_TTL_SECONDS));
        return SimResponse.json(200, answer);
    }

    /** True for a token this partner issued that has not expired or been revoked. */
    boolean valid(String token) {
        Instant expiry = tokens.get(token);
        return expiry != null && !expiry.isBefore(Instant.now());
    }

    /** Forgets every issued token: callers must fetch a new one. */
    void revokeAll() {
        tokens.clear();
    }
}
