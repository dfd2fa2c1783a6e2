package id.go.prakerja.simulators.training;

import com.sun.net.httpserver.HttpServer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.SharedSimulators;
import id.go.prakerja.simulators.Simulators;
import id.go.prakerja.simulators.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingPlatformSimulatorTest {

    private static Simulators sims;
    private static HttpServer webhook;
    private static final AtomicReference<String> lastBody = new AtomicReference<>();
    private static final AtomicReference<String> lastTarget = new AtomicReference<>();

    /**
     * Base64(HMAC-SHA256(secret, METHOD \n path?query \n timestamp \n hex(SHA-256(body)))), as
     * docs/architecture.md, "Signing a partner request", states it.
     */
    private static String documentedSignature(String secret, String method, String target, String timestamp, byte[] body) {
        try {
            String bodyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(
                    (method + "\n" + target + "\n" + timestamp + "\n" + bodyHash).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A platform-side webhook that checks the signature the way the marketplace service must, with its
     * own implementation of the platform's documented scheme (docs/architecture.md, "Signing a partner
     * request"), so that the simulator cannot pass by agreeing with itself.
     */
    @BeforeAll
    static void start() throws IOException {
        sims = SharedSimulators.get();
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        webhook.createContext("/partner/platforms/completions", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String platform = exchange.getRequestHeaders().getFirst("X-PARTNER-ID");
                String timestamp = exchange.getRequestHeaders().getFirst("X-TIMESTAMP");
                String signature = exchange.getRequestHeaders().getFirst("X-SIGNATURE");
                String secret = TrainingPlatform.valueOf(platform).defaultWebhookSecret();
                URI uri = exchange.getRequestURI();
                String target = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
                boolean valid = documentedSignature(secret, exchange.getRequestMethod(), target, timestamp, body)
                        .equals(signature);
                boolean fresh = Instant.parse(timestamp).isAfter(Instant.now().minusSeconds(300));
                lastBody.set(new String(body, StandardCharsets.UTF_8));
                lastTarget.set(target);
                exchange.sendResponseHeaders(valid && fresh ? 202 : 401, -1);
            }
        });
        // every report of a learner (redeem, progress, completion) is taken
        webhook.createContext("/partner/platforms/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(200, -1);
            }
        });
        webhook.start();
    }

    @AfterAll
    static void stop() {
        webhook.stop(0);
    }

    private static String webhookUrl() {
        return "http://127.0.0.1:" + webhook.getAddress().getPort() + "/partner/platforms/completions";
    }

    @Test
    void the_completion_signature_matches_the_platforms_documented_example() {
        // the worked example in docs/architecture.md, "Signing a partner request"; computed with openssl:
        //   h=$(printf '%s' "$body" | openssl dgst -sha256 -hex | awk '{print $NF}')
        //   printf 'POST\n/partner/platforms/completions?platform=SKILL_ACADEMY\n2026-04-22T03:00:00Z\n%s' "$h" \
        //     | openssl dgst -sha256 -hmac 'skill-academy-local-webhook-secret' -binary | base64
        String body = "{\"eventId\":\"2f1c7a52-8d1e-4c1a-9a3e-5b6f0e2d4c10\",\"purchaseId\":\"buy-1\",\"certificateNumber\":\"CERT-1\"}";
        assertThat(TrainingPlatformSimulator.signature("skill-academy-local-webhook-secret", "POST",
                "/partner/platforms/completions?platform=SKILL_ACADEMY", "2026-04-22T03:00:00Z", body))
                .isEqualTo("AeUiAQ4jQKUK2Tl1APxdIp6XoNfnCqKdlyZdolePLzU=");
    }

    @Test
    void the_query_of_the_webhook_url_is_part_of_what_is_signed() {
        WebhookDelivery delivery = sims.trainingPlatforms().sendCompletion(new CompletionRequest(
                "SKILL_ACADEMY", "p-4", "buy-4", "SKILL_ACADEMY-0001", null, webhookUrl() + "?attempt=1&src=sim", null));
        assertThat(delivery.webhookStatus()).isEqualTo(202);
        assertThat(lastTarget.get()).isEqualTo("/partner/platforms/completions?attempt=1&src=sim");
    }

    @Test
    void every_platform_has_a_seeded_catalogue_priced_between_100_thousand_and_1_million() {
        String base = sims.baseUrl(Party.TRAINING_PLATFORMS) + TrainingPlatformSimulator.CATALOGUE_PATH;
        int total = 0;
        for (TrainingPlatform platform : TrainingPlatform.values()) {
            JsonNode list = TestHttp.get(base + "?platform=" + platform.name()).json();
            assertThat(list.size()).as(platform.name()).isEqualTo(platform.catalogueSize());
            for (JsonNode t : list) {
                assertThat(t.get("platformCode").asString()).isEqualTo(platform.name());
                assertThat(t.get("price").asLong()).isBetween(100_000L, 1_000_000L);
                assertThat(t.get("durationHours").asInt()).isPositive();
                assertThat(t.get("trainingId").asString()).startsWith(platform.name() + "-");
                assertThat(t.get("title").asString()).isNotBlank();
                assertThat(t.get("category").asString()).isNotBlank();
                assertThat(t.get("provider").asString()).isNotBlank();
                assertThat(t.get("description").asString()).contains(t.get("title").asString());
                assertThat(t.get("mode").asString()).isIn("ONLINE", "OFFLINE");
            }
            total += list.size();
        }
        assertThat(total).isEqualTo(1_500);
        assertThat(TestHttp.get(base).json().size()).isEqualTo(1_500);
    }

    @Test
    void a_training_published_through_the_control_endpoint_is_in_the_feed_until_reset() {
        var platform = new TrainingPlatformSimulator(SharedSimulators.SEED);
        platform.publish(new Training("SEKOLAHMU-X1", "SEKOLAHMU", "Kelas Merajut", 150_000, 6, "Kerajinan dan Gaya Hidup",
                "Sanggar Rajut", "Merajut syal dan tas.", "OFFLINE"));
        assertThat(platform.catalogue(TrainingPlatform.SEKOLAHMU)).hasSize(TrainingPlatform.SEKOLAHMU.catalogueSize() + 1);
        platform.reset();
        assertThat(platform.catalogue(TrainingPlatform.SEKOLAHMU)).hasSize(TrainingPlatform.SEKOLAHMU.catalogueSize());
        platform.close();
    }

    @Test
    void the_catalogue_is_the_same_for_the_same_seed() {
        assertThat(new TrainingPlatformSimulator(SharedSimulators.SEED).catalogue())
                .isEqualTo(sims.trainingPlatforms().catalogue());
        assertThat(new TrainingPlatformSimulator(1L).catalogue()).isNotEqualTo(sims.trainingPlatforms().catalogue());
    }

    @Test
    void an_unknown_platform_is_a_400() {
        TestHttp.Response response = TestHttp.get(sims.baseUrl(Party.TRAINING_PLATFORMS)
                + TrainingPlatformSimulator.CATALOGUE_PATH + "?platform=COURSERA");
        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void a_completion_is_posted_as_a_signed_webhook_and_its_status_returned() {
        TestHttp.Response response = TestHttp.post(sims.baseUrl(Party.TRAINING_PLATFORMS) + "/_control/completions", """
                {"platformCode":"PINTARIA","participantId":"p-1","purchaseId":"buy-1","trainingId":"PINTARIA-0001",
                 "certificateNumber":"CERT-1","webhookUrl":"%s","secret":"pintaria-local-webhook-secret"}""".formatted(webhookUrl()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("webhookStatus").asInt()).isEqualTo(202);
        JsonNode sent = id.go.prakerja.simulators.http.Json.mapper().readTree(lastBody.get());
        assertThat(sent.get("purchaseId").asString()).isEqualTo("buy-1");
        assertThat(sent.get("certificateNumber").asString()).isEqualTo("CERT-1");
        assertThat(sent.get("eventId").asString()).isNotBlank();
    }

    @Test
    void a_forged_or_stale_completion_is_refused_by_a_correct_receiver() {
        WebhookDelivery forged = deliver("{\"badSignature\":true}");
        assertThat(forged.webhookStatus()).isEqualTo(401);
        WebhookDelivery stale = deliver("{\"timestamp\":\"2020-04-22T03:00:00Z\"}");
        assertThat(stale.webhookStatus()).isEqualTo(401);
    }

    @Test
    void a_completion_can_be_sent_from_java_with_the_default_secret() {
        WebhookDelivery delivery = sims.trainingPlatforms().sendCompletion(new CompletionRequest(
                "SISNAKER", "p-2", "buy-2", "SISNAKER-0003", null, webhookUrl(), null));
        assertThat(delivery.webhookStatus()).isEqualTo(202);
        assertThat(delivery.body()).contains("\"certificateNumber\":\"CERT-SISNAKER-");
    }

    @Test
    void a_completion_whose_webhook_was_given_up_on_is_listed_to_a_signed_request_page_by_page() throws Exception {
        String base = sims.baseUrl(Party.TRAINING_PLATFORMS);
        String before = signedGet(base, "SEKOLAHMU", "0", 1000).json().get("nextCursor").asString();
        long n = System.nanoTime() % 1_000_000;
        String[] vouchers = {"PKLOST" + n, "PKLOST" + (n + 1)};
        for (String voucher : vouchers) {
            TestHttp.Response started = TestHttp.post(base + TrainingPlatformSimulator.LEARNER_PATH, """
                    {"platformCode":"SEKOLAHMU","voucherCode":"%s","webhookBaseUrl":"http://127.0.0.1:%d","reportAfterMillis":0,
                     "progressSteps":[],"maxAttempts":2,"backoffMillis":10,"completionWebhookLost":true,
                     "certificateNumber":"CERT-%s"}""".formatted(voucher, webhook.getAddress().getPort(), voucher));
            assertThat(started.status()).as(started.body()).isEqualTo(200);
            // redeemed, then the completion tried twice and given up on
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (TestHttp.get(base + "/_control/learners/deliveries?voucherCode=" + voucher).json().size() < 3) {
                assertThat(System.nanoTime()).as("the completion's two tries").isLessThan(deadline);
                Thread.sleep(20);
            }
        }
        JsonNode given = TestHttp.get(base + "/_control/learners/deliveries?voucherCode=" + vouchers[0]).json();
        assertThat(given.get(1).get("kind").asString()).isEqualTo("COMPLETION");
        assertThat(given.get(1).get("status").asInt()).isZero();
        assertThat(given.get(2).get("status").asInt()).isZero();

        JsonNode first = signedGet(base, "SEKOLAHMU", before, 1).json();
        assertThat(first.get("items")).hasSize(1);
        assertThat(first.get("items").get(0).get("voucherCode").asString()).isEqualTo(vouchers[0]);
        assertThat(first.get("items").get(0).get("certificateNumber").asString()).isEqualTo("CERT-" + vouchers[0]);
        assertThat(first.get("items").get(0).get("eventId").asString()).isEqualTo(given.get(1).get("eventId").asString());
        assertThat(first.get("hasMore").asBoolean()).isTrue();
        JsonNode second = signedGet(base, "SEKOLAHMU", first.get("nextCursor").asString(), 1).json();
        assertThat(second.get("items").get(0).get("voucherCode").asString()).isEqualTo(vouchers[1]);
        assertThat(second.get("hasMore").asBoolean()).isFalse();
        JsonNode after = signedGet(base, "SEKOLAHMU", second.get("nextCursor").asString(), 1).json();
        assertThat(after.get("items")).isEmpty();
        assertThat(after.get("nextCursor").asString()).isEqualTo(second.get("nextCursor").asString());
        // another platform does not see them
        assertThat(signedGet(base, "PINTARIA", before, 1000).json().get("items").toString()).doesNotContain(vouchers[0]);
    }

    @Test
    void the_completion_list_is_refused_unsigned_forged_or_with_a_bad_cursor() {
        String base = sims.baseUrl(Party.TRAINING_PLATFORMS);
        String target = TrainingPlatformSimulator.COMPLETIONS_PATH + "?platform=TOKOPEDIA";
        assertThat(TestHttp.get(base + target).status()).isEqualTo(401);
        String timestamp = Instant.now().toString();
        assertThat(TestHttp.get(base + target, "X-PARTNER-ID", "TOKOPEDIA", "X-TIMESTAMP", timestamp, "X-SIGNATURE",
                documentedSignature("bukalapak-local-webhook-secret", "GET", target, timestamp, new byte[0])).status())
                .isEqualTo(401);
        assertThat(signedGet(base, "TOKOPEDIA", "0", 10).status()).isEqualTo(200);
        assertThat(signedGet(base, "TOKOPEDIA", "-1", 10).status()).isEqualTo(400);
        assertThat(signedGet(base, "TOKOPEDIA", "0", 0).status()).isEqualTo(400);
    }

    private static TestHttp.Response signedGet(String base, String platform, String cursor, int limit) {
        String target = TrainingPlatformSimulator.COMPLETIONS_PATH + "?platform=" + platform + "&cursor=" + cursor
                + "&limit=" + limit;
        String timestamp = Instant.now().toString();
        return TestHttp.get(base + target, "X-PARTNER-ID", platform, "X-TIMESTAMP", timestamp, "X-SIGNATURE",
                documentedSignature(TrainingPlatform.valueOf(platform).defaultWebhookSecret(), "GET", target, timestamp,
                        new byte[0]));
    }

    @Test
    void an_unreachable_webhook_is_a_502() {
        TestHttp.Response response = TestHttp.post(sims.baseUrl(Party.TRAINING_PLATFORMS) + "/_control/completions", """
                {"platformCode":"TOKOPEDIA","participantId":"p","purchaseId":"b","trainingId":"t",
                 "webhookUrl":"http://127.0.0.1:1/none"}""");
        assertThat(response.status()).isEqualTo(502);
    }

    private WebhookDelivery deliver(String extra) {
        String base = """
                {"platformCode":"BUKALAPAK","participantId":"p-3","purchaseId":"buy-3","trainingId":"BUKALAPAK-0001",
                 "webhookUrl":"%s",""".formatted(webhookUrl());
        TestHttp.Response r = TestHttp.post(sims.baseUrl(Party.TRAINING_PLATFORMS) + "/_control/completions",
                base + extra.substring(1));
        return id.go.prakerja.simulators.http.Json.convert(r.json(), WebhookDelivery.class);
    }
}
