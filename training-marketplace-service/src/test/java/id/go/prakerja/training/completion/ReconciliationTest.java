package id.go.prakerja.training.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventTypes;
import id.go.prakerja.events.Topics;
import id.go.prakerja.events.training.TrainingCompletionReconciled;
import id.go.prakerja.events.training.TrainingCompletionReported;
import id.go.prakerja.events.training.TrainingRated;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.KafkaProbe;
import id.go.prakerja.training.TrainingServiceTest;
import tools.jackson.databind.JsonNode;

/** Certificate, rating and review: reconciled once per purchase, whatever the order and however often each arrives. */
class ReconciliationTest extends TrainingServiceTest {

    private static final String REVIEW = "Materinya jelas dan langsung bisa dipraktikkan di usaha saya.";

    private void rate(Participant p, String purchaseId, int rating) {
        expectStatus(p.api().send("PUT", "/api/v1/purchases/" + purchaseId + "/rating", Map.of("rating", rating), Map.of()), 200);
    }

    private void review(Participant p, String purchaseId) {
        expectStatus(p.api().send("PUT", "/api/v1/purchases/" + purchaseId + "/review", Map.of("text", REVIEW), Map.of()), 200);
    }

    @Test
    void completion_then_rating_then_review_reconciles_once_as_the_first_training_and_a_second_one_is_not_first() {
        Participant p = selected();
        List<String> trainings = trainingsPriced(300_000, 2);
        try (KafkaProbe probe = KafkaProbe.listen(Topics.TRAINING)) {
            JsonNode first = boughtAndCompleted(p, trainings.get(0));
            String id = first.get("purchaseId").asString();
            JsonNode view = p.api().get("/api/v1/purchases/" + id).json();
            assertThat(view.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(view.get("missing")).extracting(JsonNode::asString).containsExactly("RATING", "REVIEW");
            rate(p, id, 4);
            assertThat(p.api().get("/api/v1/purchases/" + id).json().get("missing")).extracting(JsonNode::asString)
                    .containsExactly("REVIEW");
            review(p, id);
            rate(p, id, 5); // changed within the period: the purchase is already reconciled, no second event
            assertThat(p.api().get("/api/v1/purchases/" + id).json().get("status").asString()).isEqualTo("RECONCILED");

            JsonNode second = boughtAndCompleted(p, trainings.get(1));
            rate(p, second.get("purchaseId").asString(), 3);
            review(p, second.get("purchaseId").asString());

            await().atMost(WAIT).until(() -> events(probe, TrainingCompletionReconciled.class, p.id()).size() >= 2);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> events(probe, TrainingCompletionReconciled.class, p.id()).size() == 2);
            List<EventEnvelope<?>> events = events(probe, TrainingCompletionReconciled.class, p.id());
            var reconciledFirst = (TrainingCompletionReconciled) events.stream()
                    .filter(e -> ((TrainingCompletionReconciled) e.payload()).purchaseId().toString().equals(id))
                    .findFirst().orElseThrow().payload();
            assertThat(reconciledFirst.firstTraining()).isTrue();
            assertThat(reconciledFirst.rating()).isEqualTo(4);
            assertThat(reconciledFirst.trainingId()).isEqualTo(trainings.get(0));
            var reconciledSecond = (TrainingCompletionReconciled) events.stream()
                    .filter(e -> !((TrainingCompletionReconciled) e.payload()).purchaseId().toString().equals(id))
                    .findFirst().orElseThrow().payload();
            assertThat(reconciledSecond.firstTraining()).isFalse();
        }
        JsonNode training = api().withToken(tokens.issue(p.id().toString(), "PARTICIPANT").accessToken())
                .get("/api/v1/trainings/" + trainings.get(0) + "/reviews").json();
        assertThat(training.get("items").get(0).get("text").asString()).isEqualTo(REVIEW);
    }

    @Test
    void rating_and_review_before_the_completion_and_every_report_twice_still_reconcile_once() {
        Participant p = selected();
        String training = trainingsPriced(250_000, 1).getFirst();
        try (KafkaProbe probe = KafkaProbe.listen(Topics.TRAINING)) {
            JsonNode purchase = p.buy(training).json();
            String id = purchase.get("purchaseId").asString();
            String platform = purchase.get("platformCode").asString();
            String voucher = purchase.get("voucherCode").asString();
            var early = p.api().send("PUT", "/api/v1/purchases/" + id + "/rating", Map.of("rating", 5), Map.of());
            assertThat(early.status()).as("not attended before the voucher is redeemed").isEqualTo(409);
            expectStatus(redeem(platform, voucher), 200);
            rate(p, id, 5);
            rate(p, id, 5);
            review(p, id);
            review(p, id);
            assertThat(p.api().get("/api/v1/purchases/" + id).json().get("missing")).extracting(JsonNode::asString)
                    .containsExactly("CERTIFICATE");
            String certificate = "CERT-" + UUID.randomUUID();
            expectStatus(complete(platform, voucher, certificate), 200);
            expectStatus(complete(platform, voucher, certificate), 200);

            await().atMost(WAIT).until(() -> events(probe, TrainingCompletionReconciled.class, p.id()).size() >= 1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> events(probe, TrainingCompletionReconciled.class, p.id()).size() == 1);
            var event = (TrainingCompletionReconciled) events(probe, TrainingCompletionReconciled.class, p.id()).getFirst().payload();
            assertThat(event.certificateNumber()).isEqualTo(certificate);
            assertThat(event.firstTraining()).isTrue();
            // the steps before it, once each, for the operators' funnel
            assertThat(events(probe, id.go.prakerja.events.training.TrainingCompletionReported.class, p.id())).hasSize(1);
            assertThat(events(probe, id.go.prakerja.events.training.TrainingRated.class, p.id())).hasSize(1);
        }
        assertThat(jdbc.queryForObject("select rating_count from training where id = ?", Integer.class, training)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select review_count from training where id = ?", Integer.class, training)).isEqualTo(1);
    }

    @Test
    void a_completion_and_the_last_rating_arriving_at_the_same_instant_reconcile_each_purchase_exactly_once() throws Exception {
        int pairs = 20;
        List<String> trainings = trainingsPriced(250_000, pairs);
        record Race(Participant participant, String purchaseId, String platform, String voucher) {
        }
        List<Race> races = new ArrayList<>();
        for (String training : trainings) {
            Participant p = selected();
            var bought = p.buy(training);
            expectStatus(bought, 201);
            JsonNode purchase = bought.json();
            String platform = purchase.get("platformCode").asString();
            String voucher = purchase.get("voucherCode").asString();
            expectStatus(redeem(platform, voucher), 200);
            review(p, purchase.get("purchaseId").asString());
            races.add(new Race(p, purchase.get("purchaseId").asString(), platform, voucher));
        }

        // each purchase now lacks its certificate and its rating: the platform's completion report and the
        // participant's rating, the last of the three, are sent at the same instant, twenty pairs at once
        CyclicBarrier start = new CyclicBarrier(pairs * 2);
        List<Callable<HttpApi.Response>> calls = new ArrayList<>();
        for (Race race : races) {
            String certificate = "CERT-" + UUID.randomUUID();
            calls.add(() -> {
                start.await();
                return complete(race.platform(), race.voucher(), certificate);
            });
            calls.add(() -> {
                start.await();
                return race.participant().api().send("PUT", "/api/v1/purchases/" + race.purchaseId() + "/rating",
                        Map.of("rating", 4), Map.of());
            });
        }
        List<HttpApi.Response> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(pairs * 2)) {
            for (Future<HttpApi.Response> answer : pool.invokeAll(calls)) {
                answers.add(answer.get());
            }
        }
        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isEqualTo(200));

        SoftAssertions.assertSoftly(softly -> {
            for (Race race : races) {
                UUID purchase = UUID.fromString(race.purchaseId());
                JsonNode view = race.participant().api().get("/api/v1/purchases/" + race.purchaseId()).json();
                softly.assertThat(view.get("status").asString()).as(race + " status").isEqualTo("RECONCILED");
                softly.assertThat(view.get("missing")).as(race + " missing").isEmpty();
                // no lost and no doubled outcome: exactly one reconciliation (what pays the participant), and the
                // completion and the rating announced once each
                for (Class<?> type : List.of(TrainingCompletionReconciled.class, TrainingCompletionReported.class,
                        TrainingRated.class)) {
                    softly.assertThat(outboxEvents(race.participant().id(), type)).as(race + " " + type.getSimpleName())
                            .isEqualTo(1);
                }
                softly.assertThat(status(purchase)).as(race + " stored status").isEqualTo("RECONCILED");
            }
        });
    }

    private long outboxEvents(UUID participant, Class<?> type) {
        return jdbc.queryForObject("select count(*) from outbox_message where message_key = ? and event_type = ?", Long.class,
                participant.toString(), EventTypes.of(type).name());
    }

    @Test
    void a_review_too_short_is_refused_and_operators_see_what_completions_wait_for_and_how_trainings_are_rated() {
        Participant p = selected();
        String training = trainingsPriced(350_000, 1).getFirst();
        JsonNode purchase = boughtAndCompleted(p, training);
        String id = purchase.get("purchaseId").asString();
        var tooShort = p.api().send("PUT", "/api/v1/purchases/" + id + "/review", Map.of("text", "bagus"), Map.of());
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().get("code").asString()).isEqualTo("REVIEW_LENGTH");

        JsonNode waiting = operator().get("/admin/trainings/completions/waiting?limit=1000").json();
        JsonNode mine = null;
        for (JsonNode w : waiting) {
            if (w.get("purchaseId").asString().equals(id)) {
                mine = w;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("missing")).extracting(JsonNode::asString).containsExactly("RATING", "REVIEW");

        rate(p, id, 2);
        review(p, id);
        JsonNode evaluation = operator().get("/admin/trainings/" + training + "/evaluation").json();
        assertThat(evaluation.get("purchases").asLong()).isEqualTo(1);
        assertThat(evaluation.get("completionRate").asDouble()).isEqualTo(1.0);
        assertThat(evaluation.get("averageRating").asDouble()).isEqualTo(2.0);
        assertThat(evaluation.get("ratingDistribution").get("2").asLong()).isEqualTo(1);
        assertThat(evaluation.get("recentReviews").get(0).get("text").asString()).isEqualTo(REVIEW);
        String provider = jdbc.queryForObject("select provider from training where id = ?", String.class, training);
        assertThat(operator().get("/admin/trainings/providers/evaluation?provider=" + provider.replace(" ", "%20")).json()
                .get("purchases").asLong()).isPositive();

        JsonNode payables = operator().get("/admin/platforms/payables?platform=" + purchase.get("platformCode").asString()).json();
        assertThat(payables).isNotEmpty();
        assertThat(payables.get(payables.size() - 1).get("amount").asLong()).isGreaterThanOrEqualTo(350_000);
        var csv = operator().get("/admin/platforms/payables.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("day,platform,vouchers,amount_idr\n").contains(purchase.get("platformCode").asString());
        assertThat(operator().get("/admin/trainings/purchases?status=RECONCILED&participantId=" + p.id()).json()).hasSize(1);
    }
}
