package id.go.prakerja.training.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import id.go.prakerja.events.Topics;
import id.go.prakerja.events.training.TrainingCompletionReconciled;
import id.go.prakerja.simulators.Fault;
import id.go.prakerja.simulators.Party;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.KafkaProbe;
import id.go.prakerja.training.TrainingServiceTest;
import tools.jackson.databind.JsonNode;

/**
 * The simulated platform as a participant uses it: they give their voucher code at the platform
 * (its learner endpoint), the platform redeems it and later reports progress and completion to the
 * marketplace by itself, signed; then the participant rates and reviews and the purchase is reconciled.
 */
class SimulatedPlatformJourneyTest extends TrainingServiceTest {

    private HttpApi platformSite() {
        return HttpApi.at(SIMULATORS.baseUrl(Party.TRAINING_PLATFORMS));
    }

    private Map<String, Object> learner(JsonNode purchase, Map<String, Object> extra) {
        var body = new java.util.HashMap<String, Object>(Map.of("platformCode", purchase.get("platformCode").asString(),
                "voucherCode", purchase.get("voucherCode").asString(), "webhookBaseUrl", "http://localhost:" + port,
                "reportAfterMillis", 300, "progressSteps", java.util.List.of(30, 70)));
        body.putAll(extra);
        return body;
    }

    private JsonNode deliveries(String voucher) {
        return platformSite().get("/_control/learners/deliveries?voucherCode=" + voucher).json();
    }

    private String statusOf(Participant p, JsonNode purchase) {
        return p.api().get("/api/v1/purchases/" + purchase.get("purchaseId").asString()).json().get("status").asString();
    }

    @Test
    void a_learner_redeems_at_the_platform_which_reports_progress_and_completion_then_rating_and_review_reconcile()
            throws Exception {
        Participant p = selected();
        JsonNode purchase = p.buy(trainingsPriced(300_000, 1).getFirst()).json();
        try (KafkaProbe probe = KafkaProbe.listen(Topics.TRAINING)) {
            var redeemed = platformSite().post("/platforms/v1/learners/redeem", learner(purchase, Map.of("duplicate", true)));
            assertThat(redeemed.status()).as(redeemed.toString()).isEqualTo(200);
            assertThat(redeemed.json().get("redeemed").asBoolean()).isTrue();
            assertThat(p.balance().get("spent").asLong()).isEqualTo(300_000);

            await().atMost(WAIT).until(() -> statusOf(p, purchase).equals("COMPLETED"));
            JsonNode view = p.api().get("/api/v1/purchases/" + purchase.get("purchaseId").asString()).json();
            assertThat(view.get("certificateNumber").asString()).startsWith("CERT-");
            assertThat(view.get("missing")).extracting(JsonNode::asString).containsExactly("RATING", "REVIEW");
            // every report was sent twice; each copy was answered 200 and changed nothing more
            await().atMost(WAIT).until(() -> deliveries(purchase.get("voucherCode").asString()).size() == 8);
            deliveries(purchase.get("voucherCode").asString()).forEach(d -> assertThat(d.get("status").asInt()).isEqualTo(200));

            String id = purchase.get("purchaseId").asString();
            expectStatus(p.api().send("PUT", "/api/v1/purchases/" + id + "/rating", Map.of("rating", 5), Map.of()), 200);
            expectStatus(p.api().send("PUT", "/api/v1/purchases/" + id + "/review",
                    Map.of("text", "Instrukturnya sabar dan materinya praktis sekali."), Map.of()), 200);
            await().atMost(WAIT).until(() -> events(probe, TrainingCompletionReconciled.class, p.id()).size() == 1);
            assertThat(statusOf(p, purchase)).isEqualTo("RECONCILED");
        }
    }

    @Test
    void reports_with_a_bad_signature_or_for_an_unknown_voucher_are_refused_and_change_nothing() {
        Participant p = selected();
        JsonNode purchase = p.buy(trainingsPriced(150_000, 1).getFirst()).json();
        String voucher = purchase.get("voucherCode").asString();
        var forged = platformSite().post("/platforms/v1/learners/redeem", learner(purchase, Map.of("badSignature", true)));
        assertThat(forged.status()).isEqualTo(409);
        assertThat(forged.json().get("webhookStatus").asInt()).isEqualTo(401);
        assertThat(statusOf(p, purchase)).isEqualTo("RESERVED");

        var redeemed = platformSite().post("/platforms/v1/learners/redeem", learner(purchase, Map.of("unknownVoucher", true)));
        assertThat(redeemed.status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> deliveries(voucher).size() == 5);
        JsonNode sent = deliveries(voucher);
        assertThat(sent.get(2).get("kind").asString()).isEqualTo("PROGRESS");
        assertThat(sent.get(2).get("status").asInt()).isEqualTo(404);
        assertThat(sent.get(4).get("kind").asString()).isEqualTo("COMPLETION");
        assertThat(sent.get(4).get("status").asInt()).isEqualTo(404);
        assertThat(statusOf(p, purchase)).isEqualTo("REDEEMED");
    }

    @Test
    void a_webhook_that_cannot_be_reached_is_retried_with_backoff_and_a_platform_that_is_down_redeems_nothing() {
        Participant p = selected();
        JsonNode purchase = p.buy(trainingsPriced(120_000, 1).getFirst()).json();
        var unreachable = platformSite().post("/platforms/v1/learners/redeem", learner(purchase, Map.of(
                "webhookBaseUrl", "http://127.0.0.1:1", "maxAttempts", 3, "backoffMillis", 50)));
        assertThat(unreachable.status()).isEqualTo(502);
        assertThat(unreachable.json().get("attempts").asInt()).isEqualTo(3);
        assertThat(statusOf(p, purchase)).isEqualTo("RESERVED");

        SIMULATORS.trainingPlatforms().fault(Fault.down());
        try {
            var down = platformSite().post("/platforms/v1/learners/redeem", learner(purchase, Map.of()));
            assertThat(down.status()).isEqualTo(503);
        } finally {
            SIMULATORS.trainingPlatforms().fault(Fault.none());
        }
        assertThat(statusOf(p, purchase)).isEqualTo("RESERVED");

        // late reports: the completion comes well after redemption, and is still taken
        var late = platformSite().post("/platforms/v1/learners/redeem", learner(purchase, Map.of("lateMillis", 1_000,
                "certificateNumber", "LATE-" + UUID.randomUUID())));
        assertThat(late.status()).isEqualTo(200);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1)).until(() -> statusOf(p, purchase).equals("REDEEMED"));
        await().atMost(WAIT).until(() -> statusOf(p, purchase).equals("COMPLETED"));
    }
}
