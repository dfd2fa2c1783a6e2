package id.go.prakerja.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.events.training.VoucherLapseReason;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.KafkaProbe;
import id.go.prakerja.testsupport.MalformedRequests;
import tools.jackson.databind.JsonNode;

/**
 * The read model is a function of the topics: emptied and replayed from the beginning, it
 * gives the numbers the live model gave; a redelivered event changes nothing.
 */
class ReplayTest extends ConsoleServiceTest {

    @Autowired
    ApplicationContext context;

    @Test
    void rebuilding_from_scratch_replays_every_topic_into_the_same_numbers() {
        HttpApi operator = operator();
        int wave = ThreadLocalRandom.current().nextInt(10_000, 1_000_000);
        Instant start = Instant.parse("2021-03-01T00:00:00Z");
        List<Journey> journeys = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Journey j = new Journey(i % 2 == 0 ? "35" : "36", wave, start).registered().layersPassed().verified().joined().selected();
            if (i < 3) {
                j.purchased(500_000L).completed().reconciled().accountLinked(PayoutPartner.GOPAY).accountVerified()
                        .disbursementRequested(1, PayoutPartner.GOPAY).paid(1);
            } else if (i == 3) {
                j.purchased(200_000L).voucherLapsed(200_000L, VoucherLapseReason.EXPIRED);
            }
            journeys.add(j);
        }
        journeys.forEach(j -> await().atMost(WAIT).until(() -> ReadModelTest.timelineSize(operator, j) == j.sent().size()));

        Instant asOf = Instant.now();
        JsonNode funnel = operator.get("/admin/reports/funnel?asOf=" + asOf).json();
        JsonNode money = operator.get("/admin/reports/money?asOf=" + asOf).json();
        JsonNode timeline = operator.get("/admin/reports/participants/" + journeys.getFirst().participantId + "/timeline").json();
        int generation = operator.get("/admin/reports/rebuild").json().get("generation").asInt();

        var requested = operator.post("/admin/reports/rebuild", java.util.Map.of("reason", "replay check"));
        assertThat(requested.status()).isEqualTo(202);
        assertThat(requested.json().get("generation").asInt()).isEqualTo(generation + 1);
        assertThat(requested.json().get("rebuilding").asBoolean()).isTrue();

        await().atMost(WAIT).until(() -> !operator.get("/admin/reports/rebuild").json().get("rebuilding").asBoolean());
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(operator.get("/admin/reports/funnel?asOf=" + asOf).json()).isEqualTo(funnel));
        assertThat(operator.get("/admin/reports/money?asOf=" + asOf).json()).isEqualTo(money);
        assertThat(operator.get("/admin/reports/participants/" + journeys.getFirst().participantId + "/timeline").json())
                .isEqualTo(timeline);
        assertThat(ReadModelTest.group(funnel.get("byWave"), String.valueOf(wave)).toString()).contains("\"count\":5");
    }

    @Test
    void a_malformed_event_in_a_batch_is_dead_lettered_and_the_events_around_it_are_read() {
        HttpApi operator = operator();
        int wave = ThreadLocalRandom.current().nextInt(10_000, 1_000_000);
        Journey journey = new Journey("62", wave, Instant.parse("2021-08-01T00:00:00Z"));
        String garbage = "not an event " + java.util.UUID.randomUUID();
        // same key, same partition: the garbage sits between two events of the participant
        KafkaProbe.send(id.go.prakerja.events.Topics.REGISTRATION, journey.participantId.toString(),
                garbage.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        journey.registered();
        Journey next = new Journey("62", wave, Instant.parse("2021-08-01T00:00:00Z")).registered();

        await().atMost(WAIT).until(() -> ReadModelTest.timelineSize(operator, journey) == 1
                && ReadModelTest.timelineSize(operator, next) == 1);
        await().atMost(WAIT).until(() -> operator.get("/admin/messaging/console/dead-letters?status=PENDING&limit=1000").body()
                .contains(journey.participantId.toString()));
    }

    @Test
    void a_redelivered_event_changes_nothing() {
        HttpApi operator = operator();
        int wave = ThreadLocalRandom.current().nextInt(10_000, 1_000_000);
        Journey journey = new Journey("61", wave, Instant.parse("2021-06-01T00:00:00Z")).registered().layersPassed().verified()
                .joined().selected().purchased(100_000L);
        await().atMost(WAIT).until(() -> ReadModelTest.timelineSize(operator, journey) == journey.sent().size());
        JsonNode money = operator.get("/admin/reports/money?asOf=2021-07-01T00:00:00Z").json();

        journey.again(0).again(journey.sent().size() - 1).again(journey.sent().size() - 2);
        journey.completed(); // a new event behind the copies: once it is read, so are they
        await().atMost(WAIT).until(() -> ReadModelTest.timelineSize(operator, journey) == journey.sent().size());

        assertThat(operator.get("/admin/reports/money?asOf=2021-07-01T00:00:00Z").json()).isEqualTo(money);
        JsonNode steps = ReadModelTest.group(operator.get("/admin/reports/funnel").json().get("byWave"), String.valueOf(wave));
        assertThat(ReadModelTest.count(steps, "REGISTERED")).isEqualTo(1);
        assertThat(ReadModelTest.count(steps, "FIRST_PURCHASE")).isEqualTo(1);
    }

    @Test
    void twenty_operators_asking_for_a_rebuild_at_once_start_one_rebuild() throws Exception {
        HttpApi operator = operator();
        await().atMost(WAIT).until(() -> !operator.get("/admin/reports/rebuild").json().get("rebuilding").asBoolean());
        int generation = operator.get("/admin/reports/rebuild").json().get("generation").asInt();
        Set<Integer> answered = ConcurrentHashMap.newKeySet();
        var pool = Executors.newFixedThreadPool(20);
        try {
            List<CompletableFuture<Void>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(CompletableFuture.runAsync(() -> {
                    var response = operator.post("/admin/reports/rebuild", java.util.Map.of("reason", "replay check"));
                    assertThat(response.status()).isEqualTo(202);
                    answered.add(response.json().get("generation").asInt());
                }, pool));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdown();
        }
        assertThat(answered).containsExactly(generation + 1);
        await().atMost(WAIT).until(() -> !operator.get("/admin/reports/rebuild").json().get("rebuilding").asBoolean());
        assertThat(operator.get("/admin/reports/rebuild").json().get("generation").asInt()).isEqualTo(generation + 1);
    }

    @Test
    void every_event_topic_keeps_its_events_so_that_a_replay_finds_them_all() throws Exception {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.<String, Object>of(
                "bootstrap.servers", id.go.prakerja.testsupport.TestInfrastructure.get().kafkaBootstrapServers()))) {
            var resources = id.go.prakerja.events.Topics.ALL.stream()
                    .map(topic -> new org.apache.kafka.common.config.ConfigResource(
                            org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic)).toList();
            var configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            assertThat(configs).hasSize(id.go.prakerja.events.Topics.ALL.size()).hasSize(8);
            configs.forEach((topic, config) -> assertThat(config.get("retention.ms").value()).as(topic.name()).isEqualTo("-1"));
        }
    }

    @Test
    void a_rebuild_needs_a_reason() {
        var response = operator().post("/admin/reports/rebuild", java.util.Map.of());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).contains("application/problem+json");
    }

    @Test
    void no_malformed_request_to_any_endpoint_is_answered_with_a_5xx_or_changes_anything() {
        HttpApi operator = operator();
        Journey journey = new Journey("63", ThreadLocalRandom.current().nextInt(10_000, 1_000_000), Instant.parse("2021-09-01T00:00:00Z"))
                .registered();
        await().atMost(WAIT).until(() -> ReadModelTest.timelineSize(operator, journey) == 1);
        var report = MalformedRequests.sweep(context, api(), operator)
                .id("participantId", journey.participantId).id("stage", "VERIFICATION")
                .unchanged("rebuilds", () -> operator.get("/admin/reports/rebuild").json().get("generation").asInt())
                .run();
        assertThat(report.faults()).as(report.toString()).isEmpty();
        assertThat(report.size()).isGreaterThan(300);
    }
}
