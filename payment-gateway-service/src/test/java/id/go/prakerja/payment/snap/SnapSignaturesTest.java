package id.go.prakerja.payment.snap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.SimulatorConfig;
import id.go.prakerja.simulators.payment.SnapSignature;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;

/** SNAP signatures as the gateway makes them: known answers, and agreement with what a partner checks. */
class SnapSignaturesTest {

    private static final String SECRET = "snap-known-answer-secret";
    private static final String TIMESTAMP = "2020-04-22T10:15:30+07:00";
    private static final String BODY = """
            {
              "partnerReferenceNo": "REF 1",
              "amount": { "value": "600000.00", "currency": "IDR" }
            }
            """;

    static String localKey(String partner) {
        try (InputStream in = SnapSignaturesTest.class.getResourceAsStream("/local-secrets/snap/" + partner + "-private.pem")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_service_call_is_signed_with_hmac_sha512_over_method_path_token_body_hash_and_time() {
        // printf 'POST:/snap/v1.0/transfer-interbank:token-123:<sha256 of the minified body>:2020-04-22T10:15:30+07:00' \
        //   | openssl dgst -sha512 -hmac 'snap-known-answer-secret' -binary | base64 -w0
        assertThat(SnapSignatures.serviceSignature(SECRET, "POST", "/snap/v1.0/transfer-interbank", "token-123", BODY, TIMESTAMP))
                .isEqualTo("pJ0aNf5/X68yLzuaJB5aGwEpx9OYfAPXkNtXh2sLmLhWMaDSMGqx2ZX4HfilcRpItCTxgj49Hxx3w/EQEFNwLA==");
        assertThat(SnapSignatures.minify(BODY))
                .isEqualTo("{\"partnerReferenceNo\":\"REF 1\",\"amount\":{\"value\":\"600000.00\",\"currency\":\"IDR\"}}");
    }

    @Test
    void the_access_token_request_is_signed_with_the_clients_rsa_key_and_verifies_with_its_public_key_only() {
        var bniKey = SnapSignatures.privateKey(localKey("bni"));
        String signature = SnapSignatures.accessTokenSignature(bniKey, "bni-local-client", TIMESTAMP);
        var bniPublic = SnapSignature.publicKey(SimulatorConfig.PartnerCredentials.localPublicKey(Party.BNI));
        var ovoPublic = SnapSignature.publicKey(SimulatorConfig.PartnerCredentials.localPublicKey(Party.OVO));
        assertThat(SnapSignature.verifyAccessToken(bniPublic, "bni-local-client", TIMESTAMP, signature)).isTrue();
        assertThat(SnapSignature.verifyAccessToken(ovoPublic, "bni-local-client", TIMESTAMP, signature)).isFalse();
        assertThat(SnapSignature.verifyAccessToken(bniPublic, "bni-local-client", "2020-04-22T10:15:31+07:00", signature)).isFalse();
    }

    @Test
    void timestamps_are_jakarta_time_to_the_second() {
        assertThat(SnapSignatures.timestamp(Instant.parse("2020-04-22T03:15:30.987Z"))).isEqualTo(TIMESTAMP);
    }

    @Property(tries = 200)
    void the_gateway_and_the_partner_compute_the_same_signature(@ForAll @StringLength(max = 40) String value,
            @ForAll @AlphaChars @StringLength(min = 1, max = 20) String path, @ForAll @AlphaChars @StringLength(max = 30) String token) {
        String body = "{ \"note\" : " + tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(value) + " }";
        assertThat(SnapSignatures.serviceSignature("secret", "POST", "/" + path, token, body, TIMESTAMP))
                .isEqualTo(SnapSignature.sign("secret", "POST", "/" + path, token, body, TIMESTAMP));
        assertThat(SnapSignatures.sameSignature(SnapSignature.sign("secret", "POST", "/" + path, token, body, TIMESTAMP),
                SnapSignatures.serviceSignature("other", "POST", "/" + path, token, body, TIMESTAMP))).isFalse();
    }

    @Test
    void external_ids_are_numeric_unique_and_grow_across_a_restart() {
        java.time.Clock clock = java.time.Clock.systemUTC();
        ExternalIds first = new ExternalIds(clock);
        java.util.Set<String> seen = new java.util.HashSet<>();
        String last = null;
        for (int i = 0; i < 10_000; i++) {
            last = first.next();
            assertThat(last).matches("\\d{20}");
            assertThat(seen.add(last)).isTrue();
        }
        String afterRestart = new ExternalIds(java.time.Clock.offset(clock, java.time.Duration.ofMillis(20))).next();
        assertThat(afterRestart.substring(0, 16)).isGreaterThan(last.substring(0, 16));
    }
}
