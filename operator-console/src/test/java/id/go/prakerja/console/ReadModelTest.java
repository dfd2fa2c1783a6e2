package id.go.prakerja.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.events.payment.AccountRejectionReason;
import id.go.prakerja.events.payment.SettlementReconciled;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.KafkaProbe;
import tools.jackson.databind.JsonNode;

/**
 * A scripted programme: participants stop at different steps, each step announced by its
 * service on its topic at a known time. The console's numbers, as of two instants, its backlog,
 * a timeline and a CSV must follow from those events alone.
 */
class ReadModelTest extends ConsoleServiceTest {

    /** Steps of the funnel in order, as the JSON names them. */
    private static final List<String> STEPS = List.of("REGISTERED", "EMAIL_VERIFIED", "NIK_VERIFIED", "PHONE_VERIFIED",
            "KYC_VERIFIED", "VERIFIED", "JOINED_WAVE", "SELECTED", "FIRST_PURCHASE", "FIRST_TRAINING_COMPLETED", "RECONCILED",
            "ACCOUNT_LINKED", "ACCOUNT_VERIFIED", "TRANCHE_1_PAID", "TRANCHE_2_PAID", "TRANCHE_3_PAID", "TRANCHE_4_PAID",
            "SURVEY_1_PAID", "SURVEY_2_PAID", "SURVEY_3_PAID");

    /** A past day of its own for each run, so "as of" counts can be told apart from other tests' events. */
    private static Instant day() {
        return Instant.parse("2020-05-11T00:00:00Z").minus(Duration.ofDays(ThreadLocalRandom.current().nextInt(1, 3000)));
    }

    @Test
    void the_funnel_as_of_two_instants_the_backlog_a_timeline_and_a_csv_follow_from_the_events() {
        HttpApi operator = operator();
        Instant start = day();
        Instant selection = start.plus(Duration.ofDays(3));
        Instant end = start.plus(Duration.ofDays(20));
        int wave = ThreadLocalRandom.current().nextInt(10_000, 1_000_000);
        Map<String, Long> before = totals(operator, selection);
        Map<String, Long> beforeEnd = totals(operator, end);
        // instants inside a day: the day's own changes up to the instant count, later ones do not
        List<Instant> withinADay = List.of(start.plus(Duration.ofMinutes(150)), start.plus(Duration.ofMinutes(330)),
                start.plus(Duration.ofDays(4)).plus(Duration.ofMinutes(510)));
        Map<Instant, Map<String, Long>> beforeWithin = new HashMap<>();
        withinADay.forEach(instant -> beforeWithin.put(instant, totals(operator, instant)));

        // 2 stop in verification review, 1 verified without joining, 2 selected without buying,
        // 1 completed without reconciliation, 1 with its account refused (not KYC'd), 1 paid twice
        // with a third payment unknown: 8 registered
        List<Journey> journeys = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            journeys.add(new Journey("31", wave, start).registered().emailPassedThenReview());
        }
        journeys.add(new Journey("31", wave, start).registered().layersPassed().verified());
        for (int i = 0; i < 2; i++) {
            journeys.add(new Journey("32", wave, start).registered().layersPassed().verified().joined().selected());
        }
        Journey completer = new Journey("32", wave, start).registered().layersPassed().verified().joined().selected()
                .after(Duration.ofDays(4)).purchased(400_000L).completed();
        journeys.add(completer);
        Journey refused = new Journey("33", wave, start).registered().layersPassed().verified().joined().selected()
                .after(Duration.ofDays(4)).purchased(300_000L).completed().reconciled().accountLinked(PayoutPartner.OVO)
                .accountRejected(AccountRejectionReason.NOT_KYC);
        journeys.add(refused);
        Journey paid = new Journey("33", wave, start).registered().layersPassed().verified().joined().selected()
                .after(Duration.ofDays(4)).purchased(1_000_000L).completed().reconciled().accountLinked(PayoutPartner.BNI)
                .accountVerified().disbursementRequested(1, PayoutPartner.BNI).paid(1)
                .disbursementRequested(2, PayoutPartner.BNI).paid(2).disbursementRequested(3, PayoutPartner.BNI)
                .outcomeUnknown(3, PayoutPartner.BNI);
        journeys.add(paid);
        assertThat(journeys).allSatisfy(j -> assertThat(j.now()).isBefore(end));

        journeys.forEach(j -> await().atMost(WAIT).until(() -> timelineSize(operator, j) == j.sent().size()));

        // as of the end: every step counted once per participant who reached it
        Map<String, Long> atEnd = minus(totals(operator, end), beforeEnd);
        assertThat(atEnd).containsEntry("REGISTERED", 8L).containsEntry("EMAIL_VERIFIED", 8L).containsEntry("NIK_VERIFIED", 6L)
                .containsEntry("VERIFIED", 6L).containsEntry("JOINED_WAVE", 5L).containsEntry("SELECTED", 5L)
                .containsEntry("FIRST_PURCHASE", 3L).containsEntry("FIRST_TRAINING_COMPLETED", 3L).containsEntry("RECONCILED", 2L)
                .containsEntry("ACCOUNT_LINKED", 2L).containsEntry("ACCOUNT_VERIFIED", 1L).containsEntry("TRANCHE_1_PAID", 1L)
                .containsEntry("TRANCHE_2_PAID", 1L).containsEntry("TRANCHE_3_PAID", 0L);
        // as of three days in: nobody had bought anything yet
        Map<String, Long> atSelection = minus(totals(operator, selection), before);
        assertThat(atSelection).containsEntry("REGISTERED", 8L).containsEntry("SELECTED", 5L).containsEntry("FIRST_PURCHASE", 0L)
                .containsEntry("RECONCILED", 0L).containsEntry("TRANCHE_1_PAID", 0L);

        // as of instants in the middle of a day: the counts of the events before each instant
        for (Instant instant : withinADay) {
            Map<String, Long> counted = minus(totals(operator, instant), beforeWithin.get(instant));
            assertThat(counted).as("as of %s", instant)
                    .containsEntry("REGISTERED", reachedBy(journeys, instant, "ParticipantRegistered"))
                    .containsEntry("VERIFIED", reachedBy(journeys, instant, "ParticipantVerified"))
                    .containsEntry("JOINED_WAVE", reachedBy(journeys, instant, "WaveJoined", "ParticipantSelected"))
                    .containsEntry("SELECTED", reachedBy(journeys, instant, "ParticipantSelected"))
                    .containsEntry("FIRST_PURCHASE", reachedBy(journeys, instant, "TrainingPurchased"));
            JsonNode wavesThen = operator.get("/admin/reports/funnel?asOf=" + instant).json().get("byWave");
            long joinedWave = reachedBy(journeys, instant, "WaveJoined", "ParticipantSelected");
            if (joinedWave > 0) {
                assertThat(count(group(wavesThen, String.valueOf(wave)), "REGISTERED")).isEqualTo(joinedWave);
            }
        }
        assertThat(reachedBy(journeys, withinADay.get(0), "ParticipantRegistered")).isEqualTo(8);
        assertThat(reachedBy(journeys, withinADay.get(1), "ParticipantSelected")).isZero();
        assertThat(reachedBy(journeys, withinADay.get(2), "TrainingPurchased")).isEqualTo(3);

        // the wave's own funnel holds only this wave's participants, with conversion between steps
        JsonNode waveSteps = group(operator.get("/admin/reports/funnel?asOf=" + end).json().get("byWave"), String.valueOf(wave));
        assertThat(count(waveSteps, "SELECTED")).isEqualTo(5);
        assertThat(count(waveSteps, "FIRST_PURCHASE")).isEqualTo(3);
        assertThat(step(waveSteps, "FIRST_PURCHASE").get("conversion").asDouble()).isEqualTo(0.6);

        // backlog: the list of a reason opens down to a participant, and their timeline
        List<JsonNode> notKyc = list(operator.get("/admin/reports/backlog/ACCOUNT_VERIFICATION/participants?reason=ACCOUNT_NOT_KYC&limit=1000").json());
        assertThat(notKyc).anySatisfy(w -> assertThat(w.get("participantId").asString()).isEqualTo(refused.participantId.toString()));
        List<JsonNode> unknown = list(operator.get("/admin/reports/backlog/PAYMENT/participants?reason=PAYMENT_UNKNOWN&limit=1000").json());
        assertThat(unknown).anySatisfy(w -> assertThat(w.get("participantId").asString()).isEqualTo(paid.participantId.toString()));
        List<JsonNode> noRating = list(operator.get("/admin/reports/backlog/RECONCILIATION/participants?reason=COMPLETED_NO_RATING&limit=1000").json());
        assertThat(noRating).anySatisfy(w -> {
            assertThat(w.get("participantId").asString()).isEqualTo(completer.participantId.toString());
            assertThat(w.get("age").asString()).isEqualTo("OVER_30_DAYS");
        });
        JsonNode backlog = operator.get("/admin/reports/backlog").json();
        JsonNode verification = stage(backlog, "VERIFICATION");
        assertThat(reasonCount(verification, "REVIEW_QUEUE")).isGreaterThanOrEqualTo(2);

        JsonNode timeline = operator.get("/admin/reports/participants/" + paid.participantId + "/timeline").json();
        assertThat(timeline.get("waitingAt").asString()).isEqualTo("PAYMENT");
        List<String> types = new ArrayList<>();
        timeline.get("events").forEach(e -> types.add(e.get("type").asString()));
        assertThat(types).containsExactlyElementsOf(paid.sent().stream().map(e -> e.type()).toList());
        assertThat(timeline.toString()).as("no personal data in the read model")
                .doesNotContain("Budi", "budi@example.com", "+6281234567890", "sealed-nik", "nik-hash", "1234567812345678");
        assertThat(timeline.get("events").get(0).get("service").asString()).isEqualTo("registration");

        // money, as of the end: balances from selection, purchases; incentives per partner
        JsonNode money = operator.get("/admin/reports/money?asOf=" + end).json();
        JsonNode bni = list(money.get("incentivesByPartner")).stream().filter(p -> p.get("partner").asString().equals("BNI"))
                .findFirst().orElseThrow();
        assertThat(bni.get("paid").get("rupiah").asLong()).isGreaterThanOrEqualTo(1_200_000L);
        assertThat(bni.get("unknown").get("count").asLong()).isGreaterThanOrEqualTo(1L);

        // every table also as CSV
        var csv = operator.get("/admin/reports/funnel.csv?asOf=" + end);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().lines().findFirst().orElseThrow()).isEqualTo("asOf,grouping,group,step,count,conversion");
        assertThat(csv.body()).contains("wave," + wave + ",SELECTED,5,").contains("wave," + wave + ",FIRST_PURCHASE,3,0.6");
        var timelineCsv = operator.get("/admin/reports/participants/" + paid.participantId + "/timeline.csv");
        assertThat(timelineCsv.body().lines().count()).isEqualTo(1 + paid.sent().size());
    }

    @Test
    void the_partners_settlement_reports_show_per_partner_and_day_with_the_last_run_as_of_an_instant() {
        HttpApi operator = operator();
        LocalDate businessDay = LocalDate.of(2020, 4, 27).minusDays(ThreadLocalRandom.current().nextInt(1, 3000));
        Instant firstRun = businessDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant secondRun = firstRun.plus(Duration.ofHours(3));
        var none = SettlementReconciled.Amount.NONE;
        // the nightly run finds one payment the partner paid that we never made; an operator's run later finds none
        announce(new SettlementReconciled(PayoutPartner.GOPAY, businessDay, 3, 2, new SettlementReconciled.Amount(2, 1_200_000),
                new SettlementReconciled.Amount(3, 1_800_000), new SettlementReconciled.Amount(2, 1_200_000),
                new SettlementReconciled.Amount(1, 600_000), none, none, none, none, none, firstRun));
        announce(new SettlementReconciled(PayoutPartner.GOPAY, businessDay, 2, 2, new SettlementReconciled.Amount(2, 1_200_000),
                new SettlementReconciled.Amount(2, 1_200_000), new SettlementReconciled.Amount(2, 1_200_000), none, none, none,
                none, none, none, secondRun));

        await().atMost(WAIT).until(() -> settlement(operator, secondRun, businessDay) != null);
        JsonNode first = settlement(operator, firstRun.plus(Duration.ofHours(1)), businessDay);
        assertThat(first.get("paidHere").get("rupiah").asLong()).isEqualTo(1_200_000);
        assertThat(first.get("paidThere").get("rupiah").asLong()).isEqualTo(1_800_000);
        assertThat(first.get("difference").asLong()).isEqualTo(600_000);
        assertThat(first.get("paidThereNotHere").get("count").asLong()).isEqualTo(1);
        assertThat(first.get("mismatches").asLong()).isEqualTo(1);
        JsonNode second = settlement(operator, secondRun, businessDay);
        assertThat(second.get("difference").asLong()).isZero();
        assertThat(second.get("mismatches").asLong()).isZero();
        assertThat(settlement(operator, firstRun.minusSeconds(1), businessDay)).as("not reconciled yet then").isNull();

        var csv = operator.get("/admin/reports/money/settlements.csv?asOf=" + firstRun.plus(Duration.ofHours(1)));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("partner,businessDay,reconciledAt,").contains("GOPAY," + businessDay + ",");
    }

    private static void announce(SettlementReconciled run) {
        EventEnvelope<SettlementReconciled> event = EventEnvelope.of(run, SettlementReconciled.key(run.partner(), run.businessDay()),
                UUID.randomUUID(), null, run.reconciledAt());
        KafkaProbe.send(event.topic(), event.participantId().toString(), EventJson.write(event));
    }

    private static JsonNode settlement(HttpApi operator, Instant asOf, LocalDate businessDay) {
        for (JsonNode s : operator.get("/admin/reports/money?asOf=" + asOf).json().get("settlements")) {
            if (s.get("partner").asString().equals("GOPAY") && s.get("businessDay").asString().equals(businessDay.toString())) {
                return s;
            }
        }
        return null;
    }

    @Test
    void an_operators_action_on_a_participant_shows_on_their_timeline_with_who_what_and_why() {
        UUID participant = UUID.randomUUID();
        var action = EventEnvelope.of(new id.go.prakerja.events.operations.OperatorActionRecorded("incentive-service",
                "TRANCHE_RETRY_APPROVED", "POST", "/admin/incentives/change-requests/7/approve", participant + ":POST_TRAINING:1",
                "checker-rina", "PAYOUT_CHECKER", 200, "the partner is back", java.time.Instant.now()), participant,
                UUID.randomUUID(), null, java.time.Instant.now());
        KafkaProbe.send(action.topic(), participant.toString(), EventJson.write(action));
        HttpApi operator = operator();
        await().atMost(WAIT).until(() -> operator.get("/admin/reports/participants/" + participant + "/timeline").status() == 200
                && operator.get("/admin/reports/participants/" + participant + "/timeline").json().get("events").size() == 1);
        JsonNode entry = operator.get("/admin/reports/participants/" + participant + "/timeline").json().get("events").get(0);
        assertThat(entry.get("type").asString()).isEqualTo("OperatorActionRecorded");
        assertThat(entry.get("detail").get("operator").asString()).isEqualTo("checker-rina");
        assertThat(entry.get("detail").get("action").asString()).isEqualTo("TRANCHE_RETRY_APPROVED");
        assertThat(entry.get("detail").get("service").asString()).isEqualTo("incentive-service");
        assertThat(entry.get("detail").get("reason").asString()).isEqualTo("the partner is back");
    }

    @Test
    void a_participant_with_a_grievance_not_resolved_waits_at_the_grievance_stage_beside_their_step_and_the_timeline_shows_it() {
        HttpApi operator = operator();
        var payment = id.go.prakerja.events.registration.GrievanceStep.PAYMENT;
        UUID escalated = UUID.randomUUID();
        UUID later = UUID.randomUUID();
        UUID resolved = UUID.randomUUID();
        Journey waiting = new Journey("31", 1, Instant.now().minus(Duration.ofDays(5))).registered().layersPassed().verified()
                .grievanceFiled(escalated, id.go.prakerja.events.registration.GrievanceStep.VERIFICATION)
                .grievanceEscalated(escalated, id.go.prakerja.events.registration.GrievanceStep.VERIFICATION)
                .grievanceFiled(later, payment);
        Journey done = new Journey("31", 1, Instant.now().minus(Duration.ofHours(5))).registered()
                .grievanceFiled(resolved, payment).grievanceAnswered(resolved, payment)
                .grievanceResolved(resolved, payment, id.go.prakerja.events.registration.GrievanceResolution.FIXED);
        for (Journey j : List.of(waiting, done)) {
            await().atMost(WAIT).until(() -> timelineSize(operator, j) == j.sent().size());
        }

        List<JsonNode> grievances = list(operator.get("/admin/reports/backlog/GRIEVANCE/participants?reason=ESCALATED&limit=1000").json());
        List<JsonNode> mine = grievances.stream().filter(w -> w.get("participantId").asString()
                .equals(waiting.participantId.toString())).toList();
        assertThat(mine).as("one row per participant: their oldest open grievance").hasSize(1);
        assertThat(mine.get(0).get("reason").asString()).isEqualTo("ESCALATED");
        assertThat(mine.get(0).get("age").asString()).isEqualTo("DAYS_3_TO_7");
        // answered, then resolved: waits nowhere for it
        assertThat(list(operator.get("/admin/reports/backlog/GRIEVANCE/participants?reason=ANSWERED&limit=1000").json()))
                .noneMatch(w -> w.get("participantId").asString().equals(done.participantId.toString()));
        assertThat(reasonCount(stage(operator.get("/admin/reports/backlog").json(), "GRIEVANCE"), "ESCALATED")).isPositive();

        JsonNode timeline = operator.get("/admin/reports/participants/" + waiting.participantId + "/timeline").json();
        assertThat(timeline.get("waitingAt").asString()).as("their step in the programme").isEqualTo("WAVE");
        List<JsonNode> filed = list(timeline.get("events")).stream().filter(e -> e.get("type").asString().equals("GrievanceFiled"))
                .toList();
        assertThat(filed).hasSize(2);
        assertThat(filed.get(0).get("detail").get("step").asString()).isEqualTo("VERIFICATION");
        assertThat(filed.get(1).get("detail").get("step").asString()).isEqualTo("PAYMENT");
        JsonNode closed = list(operator.get("/admin/reports/participants/" + done.participantId + "/timeline").json().get("events"))
                .stream().filter(e -> e.get("type").asString().equals("GrievanceResolved")).findFirst().orElseThrow();
        assertThat(closed.get("detail").get("resolution").asString()).isEqualTo("FIXED");
        assertThat(closed.get("detail").get("step").asString()).isEqualTo("PAYMENT");
    }

    @Test
    void reports_need_an_operator() {
        assertThat(api().get("/admin/reports/funnel").status()).isEqualTo(401);
        assertThat(api().withToken(tokens.issue("someone", "PARTICIPANT").accessToken()).get("/admin/reports/funnel").status())
                .isEqualTo(403);
        assertThat(api().get("/console/").status()).as("the page itself holds no numbers").isEqualTo(200);
    }

    @Test
    void an_unknown_step_or_participant_is_a_404_problem_in_the_callers_language() {
        var stage = operator().inLanguage("en").get("/admin/reports/backlog/NOWHERE/participants");
        assertThat(stage.status()).isEqualTo(404);
        assertThat(stage.contentType()).contains("application/problem+json");
        assertThat(stage.json().get("code").asString()).isEqualTo("STAGE_UNKNOWN");
        var participant = operator().get("/admin/reports/participants/" + java.util.UUID.randomUUID() + "/timeline");
        assertThat(participant.status()).isEqualTo(404);
        assertThat(participant.json().get("detail").asString()).contains("peserta");
        assertThat(operator().get("/admin/reports/funnel?asOf=yesterday").status()).isEqualTo(400);
    }

    /** Participants with an event of one of these types at or before the instant. */
    private static long reachedBy(List<Journey> journeys, Instant instant, String... types) {
        List<String> wanted = List.of(types);
        return journeys.stream().filter(j -> j.sent().stream()
                .anyMatch(e -> wanted.contains(e.type()) && !e.occurredAt().isAfter(instant))).count();
    }

    static Map<String, Long> totals(HttpApi operator, Instant asOf) {
        Map<String, Long> counts = new HashMap<>();
        operator.get("/admin/reports/funnel?asOf=" + asOf).json().get("steps")
                .forEach(s -> counts.put(s.get("step").asString(), s.get("count").asLong()));
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(STEPS);
        return counts;
    }

    static Map<String, Long> minus(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> d = new HashMap<>();
        a.forEach((k, v) -> d.put(k, v - b.getOrDefault(k, 0L)));
        return d;
    }

    static long timelineSize(HttpApi operator, Journey journey) {
        var response = operator.get("/admin/reports/participants/" + journey.participantId + "/timeline");
        return response.status() == 200 ? response.json().get("events").size() : 0;
    }

    static JsonNode group(JsonNode groups, String key) {
        return list(groups).stream().filter(g -> g.get("key").asString().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no group " + key + " in " + groups)).get("steps");
    }

    static JsonNode step(JsonNode steps, String name) {
        return list(steps).stream().filter(s -> s.get("step").asString().equals(name)).findFirst().orElseThrow();
    }

    static long count(JsonNode steps, String name) {
        return step(steps, name).get("count").asLong();
    }

    static JsonNode stage(JsonNode backlog, String name) {
        return list(backlog.get("stages")).stream().filter(s -> s.get("stage").asString().equals(name)).findFirst().orElseThrow();
    }

    static long reasonCount(JsonNode stage, String reason) {
        return list(stage.get("reasons")).stream().filter(r -> r.get("reason").asString().equals(reason))
                .mapToLong(r -> r.get("waiting").asLong()).sum();
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> all = new ArrayList<>();
        array.forEach(all::add);
        return all;
    }
}
