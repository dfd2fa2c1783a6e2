package id.go.prakerja.training.purchase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import id.go.prakerja.events.Topics;
import id.go.prakerja.events.training.TrainingPurchased;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.KafkaProbe;
import id.go.prakerja.training.TrainingServiceTest;
import tools.jackson.databind.JsonNode;

/** The balance under concurrent purchases: it moves once per accepted purchase and never goes below zero. */
class PurchaseConcurrencyTest extends TrainingServiceTest {

    @Test
    void selection_opens_a_balance_of_one_million_with_its_deadline_and_programme_end() {
        Participant p = selected();
        JsonNode balance = p.balance();
        assertThat(balance.get("granted").asLong()).isEqualTo(1_000_000);
        assertThat(balance.get("available").asLong()).isEqualTo(1_000_000);
        assertThat(balance.get("reserved").asLong()).isZero();
        assertThat(balance.get("spent").asLong()).isZero();
        assertThat(balance.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(balance.get("firstPurchaseDeadline").asString()).isNotBlank();
        assertThat(balance.get("programmeEndsAt").asString()).startsWith("2027-12-31");
        assertThat(balance.get("entries")).hasSize(1);
        assertThat(balance.get("entries").get(0).get("kind").asString()).isEqualTo("OPEN");
        assertThat(balance.get("entries").get(0).get("counterparty").asString()).isEqualTo("PROGRAMME");
        // the participant is told by SMS and e-mail, by the worker, not by the consumer
        await().atMost(WAIT).until(() -> SIMULATORS.messagesTo(p.phone()).stream()
                .anyMatch(m -> m.text().contains("Rp1.000.000")));
    }

    @Test
    void fifty_concurrent_first_purchases_of_different_trainings_make_exactly_one_and_move_the_balance_once() throws Exception {
        Participant p = selected();
        List<String> trainings = trainingsPriced(250_000, 50);
        try (KafkaProbe probe = KafkaProbe.listen(Topics.TRAINING)) {
            List<HttpApi.Response> answers = all(trainings.stream().<Callable<HttpApi.Response>>map(t -> () -> p.buy(t)).toList());

            assertThat(answers.stream().filter(a -> a.status() == 201)).hasSize(1);
            assertThat(answers.stream().filter(a -> a.status() != 201))
                    .allSatisfy(a -> {
                        assertThat(a.status()).isEqualTo(409);
                        assertThat(a.contentType()).contains("application/problem+json");
                        assertThat(a.json().get("code").asString()).isEqualTo("FIRST_TRAINING_NOT_COMPLETED");
                    });
            JsonNode balance = p.balance();
            assertThat(balance.get("available").asLong()).isEqualTo(750_000);
            assertThat(balance.get("reserved").asLong()).isEqualTo(250_000);
            assertThat(jdbc.queryForObject("select count(*) from purchase where participant_id = ?", Long.class, p.id())).isEqualTo(1);
            await().atMost(WAIT).until(() -> events(probe, TrainingPurchased.class, p.id()).size() == 1);
            TrainingPurchased event = (TrainingPurchased) events(probe, TrainingPurchased.class, p.id()).getFirst().payload();
            assertThat(event.firstTraining()).isTrue();
            assertThat(event.price()).isEqualTo(250_000);
        }
    }

    @Test
    void a_second_training_waits_for_the_first_and_then_twenty_concurrent_purchases_with_600_thousand_left_make_exactly_one()
            throws Exception {
        Participant p = selected();
        List<String> trainings = trainingsPriced(400_000, 22);
        JsonNode first = p.buy(trainings.getFirst()).json();
        String platform = first.get("platformCode").asString();
        String voucher = first.get("voucherCode").asString();
        assertThat(first.get("status").asString()).isEqualTo("RESERVED");
        assertThat(voucher).matches("PK[2-9A-HJKMNP-Z]{10}");

        var early = p.buy(trainings.get(1));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("code").asString()).isEqualTo("FIRST_TRAINING_NOT_COMPLETED");
        expectStatus(redeem(platform, voucher), 200);
        assertThat(p.buy(trainings.get(1)).json().get("code").asString()).as("redeemed is not completed")
                .isEqualTo("FIRST_TRAINING_NOT_COMPLETED");
        assertThat(p.balance().get("spent").asLong()).isEqualTo(400_000);
        expectStatus(complete(platform, voucher, "CERT-" + UUID.randomUUID()), 200);
        assertThat(p.available()).isEqualTo(600_000);

        List<HttpApi.Response> answers = all(trainings.subList(2, 22).stream()
                .<Callable<HttpApi.Response>>map(t -> () -> p.buy(t)).toList());

        assertThat(answers.stream().filter(a -> a.status() == 201)).hasSize(1);
        assertThat(answers.stream().filter(a -> a.status() != 201)).allSatisfy(a ->
                assertThat(a.json().get("code").asString()).isEqualTo("INSUFFICIENT_BALANCE"));
        JsonNode balance = p.balance();
        assertThat(balance.get("available").asLong()).isEqualTo(200_000);
        assertThat(balance.get("reserved").asLong()).isEqualTo(400_000);
        assertThat(balance.get("spent").asLong()).isEqualTo(400_000);
        JsonNode second = answers.stream().filter(a -> a.status() == 201).findFirst().orElseThrow().json();
        assertThat(second.get("firstTraining").asBoolean()).isFalse();
        JsonNode books = operator().get("/admin/trainings/ledger/check").json();
        assertThat(books.get("unbalancedTransactions").asLong()).isZero();
        assertThat(books.get("participantsBelowZero").asLong()).isZero();
        assertThat(books.get("postedDebits").asLong()).isEqualTo(books.get("postedCredits").asLong());
    }

    @Test
    void a_training_already_held_cannot_be_bought_again_and_a_participant_who_was_not_selected_buys_nothing() {
        Participant p = selected();
        String training = trainingsPriced(300_000, 1).getFirst();
        JsonNode bought = boughtAndCompleted(p, training);
        var again = p.buy(training);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("TRAINING_ALREADY_HELD");
        assertThat(bought.get("firstTraining").asBoolean()).isTrue();

        HttpApi stranger = api().withToken(tokens.issue(UUID.randomUUID().toString(), id.go.prakerja.support.security.Roles.PARTICIPANT).accessToken());
        var refused = stranger.post("/api/v1/purchases", java.util.Map.of("trainingId", training));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asString()).isEqualTo("NOT_SELECTED");
        assertThat(stranger.get("/api/v1/balance/me").status()).isEqualTo(404);
        assertThat(p.buy("NO-SUCH-TRAINING").status()).isEqualTo(404);
    }

    @Test
    void revocation_voids_reserved_vouchers_and_stops_purchases() {
        Participant p = selected();
        List<String> trainings = trainingsPriced(150_000, 2);
        JsonNode purchase = p.buy(trainings.getFirst()).json();
        revoke(p);

        assertThat(status(UUID.fromString(purchase.get("purchaseId").asString()))).isEqualTo("VOIDED");
        JsonNode balance = p.balance();
        assertThat(balance.get("status").asString()).isEqualTo("REVOKED");
        assertThat(balance.get("reserved").asLong()).isZero();
        var refused = p.buy(trainings.get(1));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asString()).isEqualTo("PARTICIPANT_REVOKED");
        var redemption = redeem(purchase.get("platformCode").asString(), purchase.get("voucherCode").asString());
        assertThat(redemption.status()).isEqualTo(409);
    }

    static <T> List<T> all(List<Callable<T>> calls) throws Exception {
        List<T> results = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<T> f : clients.invokeAll(calls)) {
                results.add(f.get());
            }
        }
        return results;
    }
}
