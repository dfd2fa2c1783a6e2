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
    void an_access_token_signature_matches_the_known_answer() {
        // printf 'client-abc|2020-04-22T10:15:30+07:00' | openssl dgst -sha512 -hmac 'snap-known-answer-secret' -binary | base64 -w0
        assertThat(SnapSignature.accessTokenSignature(SECRET, "client-abc", TIMESTAMP))
                .isEqualTo("s+hsTD89q9BhSDKiJvxypwxTqX38hSQNLFwHxS/klNY96UnisVosJ1TtakViMXB95uBZI0bR2ReAbHOPA26Weg==");
    }

    @Test
    void the_timestamp_is_jakarta_time_to_the_second() {
        assertThat(SnapSignature.timestamp(java.time.Instant.parse("2020-04-22T03:15:30.987Z"))).isEqualTo(TIMESTAMP);
    }
}
