package id.go.prakerja.training.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import id.go.prakerja.events.Topics;
import id.go.prakerja.events.training.TrainingCompletionReconciled;
import id.go.prakerja.events.training.TrainingCompletionReported;
import id.go.prakerja.simulators.Fault;
import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.training.TrainingPlatformSimulator;
import id.go.prakerja.support.security.Roles;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.KafkaProbe;
import id.go.prakerja.training.TrainingServiceTest;
import tools.jackson.databind.JsonNode;

/**
 * A platform gives up on a completion webhook after its last try; the marketplace reads the
 * platform's list of completions and records it as the webhook would have, once.
 */
class CompletionPullTest extends TrainingServiceTest {

    @Autowired
    CompletionPull completionPull;

    private record Lost(Participant participant, UUID purchaseId, String platform, String voucher, String certificate,
            String eventId) {
    }

    private HttpApi platformSite() {
        return HttpApi.at(SIMULATORS.baseUrl(Party.TRAINING_PLATFORMS));
    }

    /** Bought, redeemed at the platform, completed there; the completion's webhook tried twice and given up on. */
    private Lost lostCompletion(Participant p, String trainingId) {
        var bought = p.buy(trainingId);
        expectStatus(bought, 201);
        String platform = bought.json().get("platformCode").asString();
        String voucher = bought.json().get("voucherCode").asString();
        String certificate = "CERT-LOST-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> learner = new HashMap<>(Map.of("platformCode", platform, "voucherCode", voucher,
                "webhookBaseUrl", "http://localhost:" + port, "reportAfterMillis", 0, "progressSteps", List.of(),
                "maxAttempts", 2, "backoffMillis", 10, "completionWebhookLost", true, "certificateNumber", certificate));
        expectStatus(platformSite().post(TrainingPlatformSimulator.LEARNER_PATH, learner), 200);
        await().atMost(WAIT).until(() -> deliveries(voucher).size() == 3);
        JsonNode sent = deliveries(voucher);
        assertThat(sent.get(2).get("kind").asString()).isEqualTo("COMPLETION");
        assertThat(sent.get(2).get("attempt").asInt()).isEqualTo(2);
        assertThat(sent.get(2).get("status").asInt()).as("never reached the marketplace").isZero();
        UUID purchaseId = UUID.fromString(bought.json().get("purchaseId").asString());
        assertThat(status(purchaseId)).isEqualTo("REDEEMED");
        return new Lost(p, purchaseId, platform, voucher, certificate, sent.get(2).get("eventId").asString());
    }

    private JsonNode deliveries(String voucher) {
        return platformSite().get("/_control/learners/deliveries?voucherCode=" + voucher).json();
    }

    private HttpApi.Response pullNow(String platform) {
        return operator().post("/admin/platforms/" + platform + "/completions/pull", Map.of());
    }

    private JsonNode view(String platform) {
        for (JsonNode row : operator().get("/admin/platforms/completion-pulls").json()) {
            if (row.get("platform").asString().equals(platform)) {
                return row;
            }
        }
        throw new AssertionError("no completion pull row of " + platform);
    }

    private static boolean absent(JsonNode row, String field) {
        return row.get(field) == null || row.get(field).isNull();
    }

    @Test
    void a_completion_whose_webhook_the_platform_gave_up_on_is_pulled_recorded_and_announced_once() {
        Participant p = selected();
        try (KafkaProbe probe = KafkaProbe.listen(Topics.TRAINING)) {
            Lost lost = lostCompletion(p, trainingsPriced(200_000, 1).getFirst());
            // the participant rated and reviewed while the platform's report was missing
            String purchase = "/api/v1/purchases/" + lost.purchaseId();
            expectStatus(p.api().send("PUT", purchase + "/rating", Map.of("rating", 4), Map.of()), 200);
            expectStatus(p.api().send("PUT", purchase + "/review",
                    Map.of("text", "Materinya jelas dan langsung bisa dipraktikkan di usaha saya."), Map.of()), 200);
            assertThat(status(lost.purchaseId())).isEqualTo("REDEEMED");

            var pulled = pullNow(lost.platform());
            assertThat(pulled.status()).as(pulled.toString()).isEqualTo(200);
            assertThat(pulled.json().get("recovered").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(status(lost.purchaseId())).isEqualTo("RECONCILED");
            assertThat(jdbc.queryForObject("select certificate_number from purchase where id = ?", String.class,
                    lost.purchaseId())).isEqualTo(lost.certificate());

            // pulled again: nothing more is recorded or announced
            expectStatus(pullNow(lost.platform()), 200);
            await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() ->
                    events(probe, TrainingCompletionReported.class, p.id()).size() == 1
                            && events(probe, TrainingCompletionReconciled.class, p.id()).size() == 1);
            JsonNode row = view(lost.platform());
            assertThat(absent(row, "lastReconciledAt")).isFalse();
            assertThat(absent(row, "lastError")).isTrue();
            assertThat(row.get("recoveredTotal").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(Long.parseLong(row.get("cursor").asString())).isPositive();
            assertThat(jdbc.queryForObject("""
                    select count(*) from audit_entry where path = ? and outcome = 200""", Long.class,
                    "/admin/platforms/" + lost.platform() + "/completions/pull")).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void a_platform_that_is_down_keeps_its_cursor_and_is_read_again_at_the_next_interval() {
        Lost lost = lostCompletion(selected(), trainingsPriced(150_000, 1).getFirst());
        String cursor = view(lost.platform()).get("cursor").asString();
        SIMULATORS.trainingPlatforms().fault(Fault.down());
        try {
            var refused = pullNow(lost.platform());
            assertThat(refused.status()).as(refused.toString()).isEqualTo(502);
            assertThat(refused.contentType()).contains("application/problem+json");
            assertThat(refused.json().get("code").asString()).isEqualTo("COMPLETION_SOURCE_UNAVAILABLE");
            JsonNode row = view(lost.platform());
            assertThat(row.get("lastError").asString()).isNotBlank();
            assertThat(row.get("cursor").asString()).isEqualTo(cursor);
            completionPull.pullAll();
            assertThat(status(lost.purchaseId())).isEqualTo("REDEEMED");
        } finally {
            SIMULATORS.trainingPlatforms().fault(Fault.none());
        }
        // the next scheduled pass reads it
        completionPull.pullAll();
        assertThat(status(lost.purchaseId())).isEqualTo("COMPLETED");
        JsonNode row = view(lost.platform());
        assertThat(absent(row, "lastError")).isTrue();
        assertThat(Long.parseLong(row.get("cursor").asString())).isGreaterThan(Long.parseLong(cursor));
    }

    @Test
    void a_completion_reported_by_webhook_and_pulled_at_the_same_time_is_recorded_and_announced_once() throws Exception {
        awaitCatalogue();
        // one lost completion on each of several platforms: each platform's pull races its webhook
        List<String> trainings = jdbc.queryForList("""
                select distinct on (platform_code) id from training
                 where status = 'ACTIVE' and price <= 300000 and id not in (select training_id from purchase)
                 order by platform_code, random() limit 4""", String.class);
        assertThat(trainings).hasSize(4);
        List<Lost> lost = new ArrayList<>();
        for (String training : trainings) {
            lost.add(lostCompletion(selected(), training));
        }
        try (KafkaProbe probe = KafkaProbe.listen(Topics.TRAINING);
                ExecutorService threads = Executors.newFixedThreadPool(2 * lost.size())) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpApi.Response>> webhooks = new ArrayList<>();
            List<Future<CompletionPull.Outcome>> pulls = new ArrayList<>();
            for (Lost l : lost) {
                // the platform sends the lost report again, as it was, while the marketplace reads its list
                webhooks.add(threads.submit(() -> {
                    start.await();
                    return webhook(l.platform(), "/completions", "{\"eventId\":\"" + l.eventId() + "\",\"voucherCode\":\""
                            + l.voucher() + "\",\"certificateNumber\":\"" + l.certificate() + "\"}");
                }));
                pulls.add(threads.submit(() -> {
                    start.await();
                    return completionPull.pull(l.platform());
                }));
            }
            start.countDown();
            for (Future<HttpApi.Response> w : webhooks) {
                HttpApi.Response answer = w.get();
                assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                assertThat(answer.json().get("status").asString()).isEqualTo("COMPLETED");
            }
            for (Future<CompletionPull.Outcome> pulled : pulls) {
                assertThat(pulled.get().listed()).isPositive();
            }
            for (Lost l : lost) {
                assertThat(status(l.purchaseId())).isEqualTo("COMPLETED");
                assertThat(jdbc.queryForObject("select completion_event_id from purchase where id = ?", String.class,
                        l.purchaseId())).isEqualTo(l.eventId());
                assertThat(jdbc.queryForObject("select count(*) from platform_report_refusal where voucher_code = ?",
                        Long.class, l.voucher())).isZero();
            }
            await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> lost.stream()
                    .allMatch(l -> events(probe, TrainingCompletionReported.class, l.participant().id()).size() == 1));
        }
    }

    @Test
    void a_pull_asked_for_an_unknown_or_malformed_platform_or_by_a_participant_is_refused() {
        var unknown = pullNow("COURSERA");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).contains("application/problem+json");
        assertThat(unknown.json().get("code").asString()).isEqualTo("PLATFORM_NOT_FOUND");
        var malformed = pullNow("NOT;A;PLATFORM");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).contains("application/problem+json");
        var participant = api().withToken(tokens.issue(UUID.randomUUID().toString(), Roles.PARTICIPANT).accessToken())
                .post("/admin/platforms/PINTARIA/completions/pull", Map.of());
        assertThat(participant.status()).isEqualTo(403);
        assertThat(api().post("/admin/platforms/PINTARIA/completions/pull", Map.of()).status()).isEqualTo(401);
    }
}
