package id.go.prakerja.simulators.payment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SnapSignature signs on both sides of the simulator tests (client and simulated partner), so those
 * tests would pass with any scheme at all. These vectors pin it to the documented one; each expected
 * value was computed outside Java with openssl, as shown above it.
 */
class SnapSignatureTest {

    private static final String SECRET = "snap-known-answer-secret";
    private static final String TIMESTAMP = "2020-04-22T10:15:30+07:00";
    // pretty-printed on purpose: the signature is over the minified body (whitespace inside strings kept)
    private static final String BODY = """
            {
              "partnerReferenceNo": "REF 1",
              "amount": { "value": "600000.00", "currency": "IDR" }
            }
            """;

    @Test
    void the_body_is_minified_outside_strings_and_hashed_as_lowercase_hex() {
        // printf '%s' '{"partnerReferenceNo":"REF 1","amount":{"value":"600000.00","currency":"IDR"}}' | openssl dgst -sha256 -hex
        assertThat(SnapSignature.minify(BODY))
                .isEqualTo("{\"partnerReferenceNo\":\"REF 1\",\"amount\":{\"value\":\"600000.00\",\"currency\":\"IDR\"}}");
        assertThat(SnapSignature.sha256Hex(SnapSignature.minify(BODY)))
                .isEqualTo("6e829228729ec24d916223831b1c62a215cec1268d027ba2c3cb2dd4bd3c06b3");
    }

    @Test
    void a_service_call_signature_matches_the_known_answer() {
        // printf 'POST:/snap/v1.0/transfer-interbank:token-123:6e82...06b3:2020-04-22T10:15:30+07:00' \
        //   | openssl dgst -sha512 -hmac 'snap-known-answer-secret' -binary | base64 -w0
        assertThat(SnapSignature.stringToSign("post", "/snap/v1.0/transfer-interbank", "token-123", BODY, TIMESTAMP))
                .isEqualTo("POST:/snap/v1.0/transfer-interbank:token-123:"
                        + "6e829228729ec24d916223831b1c62a215cec1268d027ba2c3cb2dd4bd3c06b3:2020-04-22T10:15:30+07:00");
        assertThat(SnapSignature.sign(SECRET, "POST", "/snap/v1.0/transfer-interbank", "token-123", BODY, TIMESTAMP))
                .isEqualTo("pJ0aNf5/X68yLzuaJB5aGwEpx9OYfAPXkNtXh2sLmLhWMaDSMGqx2ZX4HfilcRpItCTxgj49Hxx3w/EQEFNwLA==");
    }

    @Test
    void a_callback_signature_has_an_empty_access_token_and_matches_the_known_answer() {
        // printf 'POST:/partner/payments/linkaja/callback::6e82...06b3:2020-04-22T10:15:30+07:00' \
        //   | openssl dgst -sha512 -hmac 'snap-known-answer-secret' -binary | base64 -w0
        assertThat(SnapSignature.sign(SECRET, "POST", "/partner/payments/linkaja/callback", "", BODY, TIMESTAMP))
                .isEqualTo("ujAKTYL6EkxpOGtf1rM+Zo2zcSsv7gmDc6lhTNWi1y31uBFSahvE9giYt5gfIRKyZVVCnRs9kgNMx5j97L+i0g==");
        assertThat(SnapSignature.sign(SECRET, "POST", "/partner/payments/linkaja/callback", null, BODY, TIMESTAMP))
                .isEqualTo("ujAKTYL6EkxpOGtf1rM+Zo2zcSsv7gmDc6lhTNWi1y31uBFSahvE9giYt5gfIRKyZVVCnRs9kgNMx5j97L+i0g==");
    }

    @Test
    void an_access_token_signature_is_sha256_with_rsa_and_matches_the_known_answer() {
        // printf 'client-abc|2020-04-22T10:15:30+07:00' \
        //   | openssl dgst -sha256 -sign src/test/resources/payment-clients/bni-private.pem | base64 -w0
        String knownAnswer = "CrImuKr42QMascNygFAtAdoIY0X3desUrgM71L4JqHoIT8rOlrxgKxCEKlBTZBjUqTGOzMWMbWANMnDEH6tByB3VRDwuexZKMK9UYArVU7beLV+PQKyVtqfpuLp4qKwVq4aI9wJZ1LZSkL6MdFbUlFd4EZEunB5LJGBVg1CffhFpOtVppmv88eyGwfCMHJ0HVNkq6lDSBnyylHGQVyHHygNifSja4rQ+wV/TbUImU3EV8tHJDmsDpjop9HjX3EvaCEVszYtyFlWmsEDmEWvUvhOs1u5rOudFTpOjS6ArG0yY3d7G93hEzePlm8j5mEi1NKzzGpkVbXwONZsdA9aFlw==";
        assertThat(SnapSignature.accessTokenSignature(SnapTestClient.localKey("bni"), "client-abc", TIMESTAMP))
                .isEqualTo(knownAnswer);
        var bniClient = SnapSignature.publicKey(id.go.prakerja.simulators.SimulatorConfig.PartnerCredentials
                .localPublicKey(id.go.prakerja.simulators.Party.BNI));
        var ovoClient = SnapSignature.publicKey(id.go.prakerja.simulators.SimulatorConfig.PartnerCredentials
                .localPublicKey(id.go.prakerja.simulators.Party.OVO));
        assertThat(SnapSignature.verifyAccessToken(bniClient, "client-abc", TIMESTAMP, knownAnswer)).isTrue();
        assertThat(SnapSignature.verifyAccessToken(ovoClient, "client-abc", TIMESTAMP, knownAnswer)).isFalse();
        assertThat(SnapSignature.verifyAccessToken(bniClient, "client-xyz", TIMESTAMP, knownAnswer)).isFalse();
        assertThat(SnapSignature.verifyAccessToken(bniClient, "client-abc", TIMESTAMP, "not base64!")).isFalse();
    }

    @Test
    void the_timestamp_is_jakarta_time_to_the_second() {
        assertThat(SnapSignature.timestamp(java.time.Instant.parse("2020-04-22T03:15:30.987Z"))).isEqualTo(TIMESTAMP);
    }

    @Test
    void timestamps_of_seconds_in_any_order_are_each_their_own_and_read_back() {
        java.time.Instant base = java.time.Instant.parse("2020-04-22T03:15:30.987Z");
        long[] offsets = {0, 0, 1, 0, 59, 3_600, 1, -86_400, 0};
        for (long offset : offsets) {
            java.time.Instant at = base.plusSeconds(offset);
            String stamp = SnapSignature.timestamp(at);
            assertThat(stamp).isEqualTo(at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).atOffset(SnapSignature.WIB)
                    .format(SnapSignature.TIMESTAMP));
            assertThat(SnapSignature.parseTimestamp(stamp)).isEqualTo(at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }
        assertThat(SnapSignature.parseTimestamp("2020-04-22T10:15:30+07:00")).isEqualTo(java.time.Instant.parse("2020-04-22T03:15:30Z"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SnapSignature.parseTimestamp("2020-04-22 10:15:30"))
                .isInstanceOf(java.time.format.DateTimeParseException.class);
    }

    @Test
    void signatures_under_different_secrets_stay_apart_when_made_at_once() throws Exception {
        String a = SnapSignature.sign("secret-a", "POST", "/p", "t", "{}", TIMESTAMP);
        String b = SnapSignature.sign("secret-b", "POST", "/p", "t", "{}", TIMESTAMP);
        assertThat(a).isNotEqualTo(b);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var results = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int i = 0; i < 400; i++) {
                boolean first = i % 2 == 0;
                results.add(pool.submit(() -> SnapSignature.sign(first ? "secret-a" : "secret-b", "POST", "/p", "t", "{}", TIMESTAMP)
                        .equals(first ? a : b)));
            }
            for (var r : results) {
                assertThat(r.get()).isTrue();
            }
        }
    }
}
