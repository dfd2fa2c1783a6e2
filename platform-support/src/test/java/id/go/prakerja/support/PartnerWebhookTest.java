package id.go.prakerja.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import id.go.prakerja.support.security.PartnerSignatureFilter;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.PlatformIntegrationTest;

/**
 * Partner webhooks: only a request signed with the partner's own secret for this method, path,
 * query, timestamp and body gets through; the handler runs once per signed request, however the
 * request is repeated, re-encoded or raced; a failed run can be retried.
 *
 * <p>Requests here are signed by {@link #signature}, written from the scheme in docs/architecture.md
 * ("Signing a partner request"), not by the filter's own code; the known-answer vectors were computed
 * with openssl (see each test).
 */
@PlatformIntegrationTest
class PartnerWebhookTest {

    private static final String PARTNER = "SKILL_ACADEMY";
    private static final String SECRET = "skill-academy-local-webhook-secret";
    private static final Duration WINDOW = Duration.ofMinutes(5);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    WebhookTestEndpoints.TestClock clock;
    @Autowired
    WebhookTestEndpoints.Invocations invocations;
    @Autowired
    PartnerSignatureFilter filter;

    @AfterEach
    void unfreezeTheClock() {
        clock.release();
    }

    // ---- the documented scheme ------------------------------------------------------------------

    /**
     * docs/architecture.md, "Signing a partner request":
     * Base64(HMAC-SHA256(secret, METHOD \n path?query \n X-TIMESTAMP \n hex(SHA-256(body)))).
     */
    static String signature(String secret, String method, String target, String timestamp, byte[] body) {
        try {
            String bodyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
            String signed = method + "\n" + target + "\n" + timestamp + "\n" + bodyHash;
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One signed request, kept whole so that a test can send it again exactly or with one thing changed. */
    record Signed(String method, String target, String partner, String timestamp, String signature, byte[] body) {

        Signed withPartner(String other) {
            return new Signed(method, target, other, timestamp, signature, body);
        }

        Signed withSignature(String other) {
            return new Signed(method, target, partner, timestamp, other, body);
        }

        Signed sentTo(String otherMethod, String otherTarget) {
            return new Signed(otherMethod, otherTarget, partner, timestamp, signature, body);
        }
    }

    private static Signed signed(String method, String target, Instant timestamp, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String ts = timestamp.toString();
        return new Signed(method, target, PARTNER, ts, signature(SECRET, method, target, ts, bytes), bytes);
    }

    private static Signed counted(String key) {
        return signed("POST", "/partner/counted", Instant.now(), body(key));
    }

    private static String body(String key) {
        return "{\"key\":\"" + key + "\"}";
    }

    private static String newKey() {
        return "k-" + UUID.randomUUID();
    }

    private HttpApi.Response send(Signed request) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (request.partner() != null) {
            headers.put("X-PARTNER-ID", request.partner());
        }
        if (request.timestamp() != null) {
            headers.put("X-TIMESTAMP", request.timestamp());
        }
        if (request.signature() != null) {
            headers.put("X-SIGNATURE", request.signature());
        }
        return HttpApi.at("http://localhost:" + port).sendRaw(request.method(), request.target(), request.body(), headers);
    }

    private static void assertRefused(HttpApi.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.contentType()).contains("application/problem+json");
        assertThat(response.json().get("code").asString()).as("a top-level code, as every problem has").isEqualTo("UNAUTHORIZED");
    }

    // ---- known answers --------------------------------------------------------------------------

    @Test
    void the_documented_example_signature_is_the_one_the_platform_computes() {
        // docs/architecture.md, "Signing a partner request", worked example. Expected value computed
        // outside Java:
        //   h=$(printf '%s' "$body" | openssl dgst -sha256 -hex | awk '{print $NF}')
        //   printf 'POST\n/partner/platforms/completions?platform=SKILL_ACADEMY\n2026-04-22T03:00:00Z\n%s' "$h" \
        //     | openssl dgst -sha256 -hmac 'skill-academy-local-webhook-secret' -binary | base64
        String body = "{\"eventId\":\"2f1c7a52-8d1e-4c1a-9a3e-5b6f0e2d4c10\",\"purchaseId\":\"buy-1\",\"certificateNumber\":\"CERT-1\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String expected = "AeUiAQ4jQKUK2Tl1APxdIp6XoNfnCqKdlyZdolePLzU=";

        assertThat(HexFormat.of().formatHex(sha256(bytes)))
                .isEqualTo("3fb4afc38b4be0a13cbd0007a0271ea68fa892bf63285567c3844e725d99c116");
        assertThat(PartnerSignatureFilter.stringToSign("POST", "/partner/platforms/completions?platform=SKILL_ACADEMY",
                "2026-04-22T03:00:00Z", bytes)).isEqualTo("""
                        POST
                        /partner/platforms/completions?platform=SKILL_ACADEMY
                        2026-04-22T03:00:00Z
                        3fb4afc38b4be0a13cbd0007a0271ea68fa892bf63285567c3844e725d99c116""");
        assertThat(Base64.getEncoder().encodeToString(PartnerSignatureFilter.sign(SECRET, "POST",
                "/partner/platforms/completions?platform=SKILL_ACADEMY", "2026-04-22T03:00:00Z", bytes)))
                .isEqualTo(expected);
        assertThat(signature(SECRET, "POST", "/partner/platforms/completions?platform=SKILL_ACADEMY",
                "2026-04-22T03:00:00Z", bytes)).isEqualTo(expected);
    }

    @Test
    void an_empty_body_is_signed_with_the_hash_of_no_bytes() {
        // printf 'GET\n/partner/platforms/status\n2026-04-22T03:00:00Z\n%s' \
        //   e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 \
        //   | openssl dgst -sha256 -hmac 'skill-academy-local-webhook-secret' -binary | base64
        assertThat(Base64.getEncoder().encodeToString(PartnerSignatureFilter.sign(SECRET, "GET",
                "/partner/platforms/status", "2026-04-22T03:00:00Z", new byte[0])))
                .isEqualTo("x7Gzwe1pYMME2u8y8cOKXUOAaDOQMPm/8Gydw3EZK7M=");
    }

    @Test
    void a_request_signed_by_hand_from_the_documented_scheme_is_accepted_over_http() {
        // printf 'POST\n/partner/counted?source=known-answer\n2026-04-22T03:00:00Z\n%s' \
        //   "$(printf '%s' '{"key":"known-answer"}' | openssl dgst -sha256 -hex | awk '{print $NF}')" \
        //   | openssl dgst -sha256 -hmac 'skill-academy-local-webhook-secret' -binary | base64
        String signature = "weCfXKYfxyk4bjo7BK9M/r2emQz5zvUHjHdvVnEvOMs=";
        clock.freezeAt(Instant.parse("2026-04-22T03:00:00Z"));
        // the vector is fixed, so a receipt from an earlier run on the same database would answer for it
        jdbc.update("delete from webhook_receipt where partner_id = ?", PARTNER);

        var response = send(new Signed("POST", "/partner/counted?source=known-answer", PARTNER, "2026-04-22T03:00:00Z",
                signature, "{\"key\":\"known-answer\"}".getBytes(StandardCharsets.UTF_8)));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("partner").asString()).isEqualTo(PARTNER);
        assertThat(response.json().get("query").get("source").asString()).isEqualTo("known-answer");
    }

    // ---- what is accepted -----------------------------------------------------------------------

    @Test
    void a_correctly_signed_fresh_webhook_reaches_the_endpoint_with_its_body_intact() {
        String body = "{\"certificateNumber\":\"SA-" + UUID.randomUUID() + "\"}";
        var response = send(signed("POST", "/partner/echo", Instant.now(), body));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("partner").asString()).isEqualTo(PARTNER);
        assertThat(response.body()).contains(body.substring(1, body.length() - 1));
    }

    @Test
    void a_lower_case_partner_id_is_authenticated_as_the_configured_partner() {
        var response = send(counted(newKey()).withPartner("skill_academy"));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("partner").asString()).isEqualTo(PARTNER);
    }

    // ---- item 9: what the signature covers ------------------------------------------------------

    @Test
    void a_body_signed_for_one_path_is_refused_on_another() {
        String key = newKey();
        Signed forCounted = counted(key);
        assertRefused(send(forCounted.sentTo("POST", "/partner/counted-elsewhere")));
        assertThat(invocations.runs(key)).isZero();
    }

    @Test
    void a_body_signed_for_one_query_is_refused_with_another_or_with_none() {
        String key = newKey();
        Signed withQuery = signed("POST", "/partner/counted?amount=100", Instant.now(), body(key));
        assertRefused(send(withQuery.sentTo("POST", "/partner/counted?amount=100000")));
        assertRefused(send(withQuery.sentTo("POST", "/partner/counted")));
        Signed withoutQuery = counted(key);
        assertRefused(send(withoutQuery.sentTo("POST", "/partner/counted?amount=100000")));
        assertThat(invocations.runs(key)).isZero();
        assertThat(send(withQuery).status()).isEqualTo(200);
    }

    @Test
    void a_body_signed_for_one_method_is_refused_with_another() {
        String key = newKey();
        assertRefused(send(counted(key).sentTo("PUT", "/partner/counted")));
        assertThat(invocations.runs(key)).isZero();
    }

    @Test
    void a_body_changed_after_signing_is_refused() {
        Signed original = signed("POST", "/partner/echo", Instant.now(), "{\"amount\":100}");
        assertRefused(send(new Signed(original.method(), original.target(), original.partner(), original.timestamp(),
                original.signature(), "{\"amount\":100000}".getBytes(StandardCharsets.UTF_8))));
    }

    // ---- timestamps -----------------------------------------------------------------------------

    @Test
    void a_timestamp_exactly_one_window_old_is_accepted_and_one_second_older_is_refused() {
        Instant now = Instant.parse("2026-05-01T08:00:00Z");
        clock.freezeAt(now);
        assertThat(send(signed("POST", "/partner/counted", now.minus(WINDOW), body(newKey()))).status()).isEqualTo(200);
        assertRefused(send(signed("POST", "/partner/counted", now.minus(WINDOW).minusSeconds(1), body(newKey()))));
    }

    @Test
    void a_timestamp_up_to_one_window_ahead_is_accepted_and_one_second_further_is_refused() {
        Instant now = Instant.parse("2026-05-01T09:00:00Z");
        clock.freezeAt(now);
        assertThat(send(signed("POST", "/partner/counted", now.plus(WINDOW), body(newKey()))).status()).isEqualTo(200);
        assertRefused(send(signed("POST", "/partner/counted", now.plus(WINDOW).plusSeconds(1), body(newKey()))));
        assertRefused(send(signed("POST", "/partner/counted", now.plus(Duration.ofDays(365)), body(newKey()))));
    }

    // ---- refusals -------------------------------------------------------------------------------

    @Test
    void a_wrong_secret_a_stale_timestamp_an_unknown_partner_or_no_signature_gets_401_problem_json() {
        String key = newKey();
        Signed good = counted(key);
        String ts = good.timestamp();
        String wrongSecret = signature("guess", "POST", "/partner/counted", ts, good.body());
        assertRefused(send(good.withSignature(wrongSecret)));
        assertRefused(send(signed("POST", "/partner/counted", Instant.now().minusSeconds(600), body(key))));
        assertRefused(send(good.withPartner("UNKNOWN_PLATFORM")));
        assertRefused(send(good.withPartner(null)));
        assertRefused(send(good.withSignature(null)));
        assertRefused(send(new Signed("POST", "/partner/counted", PARTNER, null, good.signature(), good.body())));
        assertThat(invocations.runs(key)).isZero();
    }

    @Test
    void malformed_signature_headers_get_401_problem_json_never_500() {
        Signed good = counted(newKey());
        assertRefused(send(good.withSignature("not base64 at all!")));
        assertRefused(send(good.withSignature("A".repeat(4000))));
        assertRefused(send(good.withSignature("")));
        assertRefused(send(good.withPartner("SKILL_ACADEMY' or '1'='1")));
        assertRefused(send(good.withPartner("S".repeat(500))));
        assertRefused(send(new Signed("POST", "/partner/counted", PARTNER, "yesterday", good.signature(), good.body())));
    }

    // ---- item 8: replays ------------------------------------------------------------------------

    @Test
    void a_re_encoded_signature_cannot_replay_a_request() {
        String key = newKey();
        Signed original = counted(key);
        var first = send(original);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);

        // 32 bytes are 43 Base64 characters and one '='; a decoder that does not insist on the padding
        // or on the 2 unused low bits of the last character reads all of these as the same bytes
        String padded = original.signature();
        String unpadded = padded.substring(0, padded.length() - 1);
        char last = unpadded.charAt(unpadded.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        char otherLowBits = alphabet.charAt(alphabet.indexOf(last) ^ 1);
        String otherBits = unpadded.substring(0, unpadded.length() - 1) + otherLowBits + "=";
        for (String variant : List.of(unpadded, otherBits, unpadded.substring(0, unpadded.length() - 1) + otherLowBits)) {
            var replay = send(original.withSignature(variant));
            assertThat(replay.status()).as(variant + " -> " + replay).isIn(200, 401);
            if (replay.status() == 200) {
                assertThat(replay.body()).as("a variant that is accepted must get the first answer").isEqualTo(first.body());
            }
        }
        assertThat(invocations.runs(key)).isEqualTo(1);
    }

    @Test
    void changing_the_case_of_the_partner_id_cannot_replay_a_request() {
        String key = newKey();
        Signed original = counted(key);
        var first = send(original);
        assertThat(first.status()).isEqualTo(200);
        for (String partner : List.of("skill_academy", "Skill_Academy", "sKILL_ACADEMY")) {
            var replay = send(original.withPartner(partner));
            assertThat(replay.status()).isEqualTo(200);
            assertThat(replay.body()).isEqualTo(first.body());
        }
        assertThat(invocations.runs(key)).isEqualTo(1);
    }

    // ---- item 10: retries and duplicates --------------------------------------------------------

    @Test
    void a_request_already_handled_gets_the_same_answer_again() {
        String key = newKey();
        Signed request = counted(key);
        var first = send(request);
        var again = send(request);
        var third = send(request);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.contentType()).isEqualTo(first.contentType());
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(third.body()).isEqualTo(first.body());
        assertThat(invocations.runs(key)).isEqualTo(1);
    }

    @Test
    void a_request_whose_handler_failed_can_be_retried_with_the_same_signature() {
        String key = newKey();
        invocations.failNext(key, 1);
        Signed request = counted(key);

        var failed = send(request);
        assertThat(failed.status()).as(failed.toString()).isEqualTo(500);
        var retried = send(request);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().get("run").asInt()).isEqualTo(2);
        var again = send(request);
        assertThat(again.body()).isEqualTo(retried.body());
        assertThat(invocations.runs(key)).isEqualTo(2);
    }

    @Test
    void a_duplicate_sent_while_the_first_is_still_running_gets_409_problem_json() throws Exception {
        String key = newKey();
        invocations.hold(key);
        Signed request = counted(key);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<HttpApi.Response> first = pool.submit(() -> send(request));
            assertThat(invocations.awaitEntered(key)).isTrue();

            var duplicate = send(request);
            assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(409);
            assertThat(duplicate.contentType()).contains("application/problem+json");
            assertThat(duplicate.json().get("code").asString()).isEqualTo("WEBHOOK_IN_PROGRESS");

            invocations.release(key);
            assertThat(first.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(send(request).body()).isEqualTo(first.get().body());
        }
        assertThat(invocations.runs(key)).isEqualTo(1);
    }

    @Test
    void twenty_identical_requests_at_once_run_the_handler_once() throws Exception {
        String key = newKey();
        invocations.hold(key);
        Signed request = counted(key);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpApi.Response>> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                responses.add(pool.submit(() -> {
                    start.await();
                    return send(request);
                }));
            }
            start.countDown();
            assertThat(invocations.awaitEntered(key)).isTrue();
            // the one that runs is held; every other copy must be answered meanwhile, without running
            List<HttpApi.Response> others = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (others.size() < 19 && System.nanoTime() < deadline) {
                others.clear();
                for (Future<HttpApi.Response> response : responses) {
                    if (response.isDone()) {
                        others.add(response.get());
                    }
                }
                Thread.sleep(20);
            }
            assertThat(others).hasSize(19);
            assertThat(others).allSatisfy(r -> {
                assertThat(r.status()).as(r.toString()).isEqualTo(409);
                assertThat(r.contentType()).contains("application/problem+json");
            });
            invocations.release(key);
            for (Future<HttpApi.Response> response : responses) {
                assertThat(response.get(20, TimeUnit.SECONDS).status()).isIn(200, 409);
            }
        }
        assertThat(invocations.runs(key)).isEqualTo(1);
        assertThat(send(request).status()).isEqualTo(200);
    }

    @Test
    void a_request_left_running_by_a_dead_replica_runs_again_only_after_the_lease() {
        String key = newKey();
        Signed request = counted(key);
        byte[] signatureBytes = Base64.getDecoder().decode(request.signature());
        // what a replica that died inside the handler leaves behind: a claim that is never completed
        Timestamp claimedRecently = Timestamp.from(Instant.now().minusSeconds(30));
        jdbc.update("""
                insert into webhook_receipt (partner_id, signature, state, received_at, claimed_at)
                values (?, ?, 'IN_PROGRESS', ?, ?)
                """, PARTNER, signatureBytes, claimedRecently, claimedRecently);
        assertThat(send(request).status()).isEqualTo(409);
        assertThat(invocations.runs(key)).isZero();

        // default lease 2 minutes
        Timestamp claimedLongAgo = Timestamp.from(Instant.now().minus(Duration.ofMinutes(3)));
        jdbc.update("update webhook_receipt set claimed_at = ? where partner_id = ? and signature = ?",
                claimedLongAgo, PARTNER, signatureBytes);
        var taken = send(request);
        assertThat(taken.status()).as(taken.toString()).isEqualTo(200);
        assertThat(send(request).body()).isEqualTo(taken.body());
        assertThat(invocations.runs(key)).isEqualTo(1);
    }

    // ---- housekeeping ---------------------------------------------------------------------------

    @Test
    void receipts_older_than_any_acceptable_timestamp_are_purged_and_recent_ones_kept() {
        String key = newKey();
        Signed recent = counted(key);
        assertThat(send(recent).status()).isEqualTo(200);
        Timestamp old = Timestamp.from(Instant.now().minus(Duration.ofHours(1)));
        jdbc.update("""
                insert into webhook_receipt (partner_id, signature, state, received_at, claimed_at)
                select 'PURGE_TEST', sha256(int4send(n)), 'DONE', ?, ?
                from generate_series(1, 2500) n
                """, old, old);

        int purged = filter.purgeReceipts();

        assertThat(purged).isGreaterThanOrEqualTo(2500);
        assertThat(jdbc.queryForObject("select count(*) from webhook_receipt where partner_id = 'PURGE_TEST'", Long.class))
                .isZero();
        // the recent request is still remembered: sending it again gets its first answer, not a second run
        assertThat(send(recent).status()).isEqualTo(200);
        assertThat(invocations.runs(key)).isEqualTo(1);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
