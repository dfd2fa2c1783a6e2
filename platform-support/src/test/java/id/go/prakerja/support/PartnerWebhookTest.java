package id.go.prakerja.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import id.go.prakerja.support.security.PartnerSignatureFilter;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.PlatformIntegrationTest;

/** Partner webhooks: only a fresh request signed with the partner's own secret gets through, and only once. */
@PlatformIntegrationTest
class PartnerWebhookTest {

    private static final String SECRET = "skill-academy-local-webhook-secret";

    @LocalServerPort
    int port;

    private HttpApi.Response call(String partner, String secret, Instant timestamp, String body) {
        String ts = timestamp.toString();
        String signature = Base64.getEncoder().encodeToString(
                PartnerSignatureFilter.sign(secret, ts, body.getBytes(StandardCharsets.UTF_8)));
        return HttpApi.at("http://localhost:" + port).sendRaw("POST", "/partner/echo", body.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json", "X-PARTNER-ID", partner, "X-TIMESTAMP", ts,
                        "X-SIGNATURE", signature));
    }

    private static String body() {
        return "{\"certificateNumber\":\"SA-" + UUID.randomUUID() + "\"}";
    }

    @Test
    void a_correctly_signed_fresh_webhook_reaches_the_endpoint_with_its_body_intact() {
        String body = body();
        var response = call("SKILL_ACADEMY", SECRET, Instant.now(), body);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("partner").asString()).isEqualTo("SKILL_ACADEMY");
        assertThat(response.body()).contains(body.substring(1, body.length() - 1));
    }

    @Test
    void the_same_signed_request_sent_again_is_refused_as_a_replay() {
        String body = body();
        Instant now = Instant.now();
        assertThat(call("SKILL_ACADEMY", SECRET, now, body).status()).isEqualTo(200);
        var replay = call("SKILL_ACADEMY", SECRET, now, body);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.json().get("detail").asString()).contains("replayed");
    }

    @Test
    void a_wrong_secret_a_stale_timestamp_an_unknown_partner_or_no_signature_gets_401_problem_json() {
        var wrongSecret = call("SKILL_ACADEMY", "guess", Instant.now(), body());
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.contentType()).contains("application/problem+json");
        assertThat(call("SKILL_ACADEMY", SECRET, Instant.now().minusSeconds(600), body()).status()).isEqualTo(401);
        assertThat(call("UNKNOWN_PLATFORM", SECRET, Instant.now(), body()).status()).isEqualTo(401);
        assertThat(HttpApi.at("http://localhost:" + port).post("/partner/echo", Map.of("a", 1)).status()).isEqualTo(401);
    }

    @Test
    void a_body_changed_after_signing_is_refused() {
        String ts = Instant.now().toString();
        String signature = Base64.getEncoder().encodeToString(
                PartnerSignatureFilter.sign(SECRET, ts, "{\"amount\":100}".getBytes(StandardCharsets.UTF_8)));
        var tampered = HttpApi.at("http://localhost:" + port).sendRaw("POST", "/partner/echo",
                "{\"amount\":100000}".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json", "X-PARTNER-ID", "SKILL_ACADEMY", "X-TIMESTAMP", ts,
                        "X-SIGNATURE", signature));
        assertThat(tampered.status()).isEqualTo(401);
    }
}
