package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.TestHttp;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Speaks SNAP to a simulated partner the way the platform's adapter must: token, then signed calls. */
final class SnapTestClient {

    private static final AtomicLong EXTERNAL_IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private final String baseUrl;
    private final String clientId;
    private final String clientSecret;
    private final java.security.PrivateKey clientKey;
    private String token;

    /** With the local private key of the partner named at the start of {@code clientId} ({@code bni-local-client}). */
    SnapTestClient(String baseUrl, String clientId, String clientSecret) {
        this(baseUrl, clientId, clientSecret, localKey(clientId.substring(0, clientId.indexOf('-'))));
    }

    SnapTestClient(String baseUrl, String clientId, String clientSecret, java.security.PrivateKey clientKey) {
        this.baseUrl = baseUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clientKey = clientKey;
    }

    static java.security.PrivateKey localKey(String slug) {
        try (var in = SnapTestClient.class.getResourceAsStream("/payment-clients/" + slug + "-private.pem")) {
            return SnapSignature.privateKey(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    TestHttp.Response requestToken() {
        String timestamp = SnapSignature.timestampNow();
        return TestHttp.post(baseUrl + PartnerProfile.TOKEN_PATH, "{\"grantType\":\"client_credentials\"}",
                "X-CLIENT-KEY", clientId,
                "X-TIMESTAMP", timestamp,
                "X-SIGNATURE", SnapSignature.accessTokenSignature(clientKey, clientId, timestamp));
    }

    String token() {
        if (token == null) {
            token = requestToken().json().get("accessToken").asString();
        }
        return token;
    }

    String newExternalId() {
        return String.valueOf(EXTERNAL_IDS.incrementAndGet());
    }

    TestHttp.Response call(String path, String body) {
        return call(path, body, newExternalId());
    }

    TestHttp.Response call(String path, String body, String externalId) {
        return TestHttp.post(baseUrl + path, body, headers(path, body, externalId, clientSecret));
    }

    TestHttp.Response callSignedWith(String secret, String path, String body) {
        return TestHttp.post(baseUrl + path, body, headers(path, body, newExternalId(), secret));
    }

    TestHttp.Response callOrThrow(String path, String body, Duration timeout) throws Exception {
        return TestHttp.postOrThrow(baseUrl + path, body, timeout, headers(path, body, newExternalId(), clientSecret));
    }

    private String[] headers(String path, String body, String externalId, String secret) {
        String timestamp = SnapSignature.timestampNow();
        String accessToken = token();
        return new String[]{
                "Authorization", "Bearer " + accessToken,
                "X-TIMESTAMP", timestamp,
                "X-PARTNER-ID", clientId,
                "X-EXTERNAL-ID", externalId,
                "CHANNEL-ID", "95221",
                "X-SIGNATURE", SnapSignature.sign(secret, "POST", path, accessToken, body, timestamp)};
    }

    static String bniTransfer(String reference, String accountNo, String amount) {
        return """
                {"partnerReferenceNo":"%s","amount":{"value":"%s","currency":"IDR"},"beneficiaryAccountNo":"%s","sourceAccountNo":"1234567890"}"""
                .formatted(reference, amount, accountNo);
    }

    static String topup(String reference, String phone, String amount) {
        return """
                {"partnerReferenceNo":"%s","customerNumber":"%s","amount":{"value":"%s","currency":"IDR"}}"""
                .formatted(reference, phone, amount);
    }

    static String status(String reference, String serviceCode) {
        return "{\"originalPartnerReferenceNo\":\"" + reference + "\",\"serviceCode\":\"" + serviceCode + "\"}";
    }
}
