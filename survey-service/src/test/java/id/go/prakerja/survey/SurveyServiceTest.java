package id.go.prakerja.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.context.annotation.Import;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.EventTypes;
import id.go.prakerja.events.Topics;
import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.IncentiveKind;
import id.go.prakerja.events.payment.DisbursementSucceeded;
import id.go.prakerja.events.registration.Education;
import id.go.prakerja.events.registration.JobStatus;
import id.go.prakerja.events.registration.ParticipantProfileUpdated;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.events.registration.ParticipantRevoked;
import id.go.prakerja.events.registration.RevocationReason;
import id.go.prakerja.events.registration.Sex;
import id.go.prakerja.events.survey.SurveyCompleted;
import id.go.prakerja.events.training.TrainingCompletionReconciled;
import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.SimulatorConfig;
import id.go.prakerja.simulators.Simulators;
import id.go.prakerja.support.crypto.SealContext;
import id.go.prakerja.support.security.Roles;
import id.go.prakerja.support.security.TokenIssuer;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.KafkaProbe;
import id.go.prakerja.testsupport.MalformedRequests;
import id.go.prakerja.testsupport.PlatformIntegrationTest;
import tools.jackson.databind.JsonNode;

/** The survey service on the shared broker and database; other services' events are published here. */
@PlatformIntegrationTest
@Import(TestClockConfiguration.class)
class SurveyServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Simulators SIMULATORS = Simulators.start(SimulatorConfig.builder().simulateLatency(false).build());
    private static final AtomicLong NEXT_PHONE = new AtomicLong(10_000_000L + System.nanoTime() % 80_000_000L);

    @DynamicPropertySource
    static void outsideParties(DynamicPropertyRegistry registry) {
        registry.add("prakerja.sms.base-url", () -> SIMULATORS.baseUrl(Party.SMS));
        registry.add("prakerja.email.base-url", () -> SIMULATORS.baseUrl(Party.EMAIL));
    }

    @LocalServerPort
    int port;
    @Autowired
    TokenIssuer tokens;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;
    @Autowired
    BindingsLifecycleController bindings;

    record Participant(UUID id, String phone, HttpApi api) {
        JsonNode survey(int number) {
            return api.get("/api/v1/surveys/me").json().get(number - 1);
        }
    }

    private HttpApi operator() {
        return HttpApi.at("http://localhost:" + port).withToken(tokens.issue("ops-survey", Roles.OPERATOR).accessToken());
    }

    private static void publish(String topic, EventEnvelope<? extends DomainEvent> event) {
        KafkaProbe.send(topic, event.participantId().toString(), EventJson.write(event));
    }

    private void deliverTwiceAndReplay(String topic, EventEnvelope<? extends DomainEvent> event) {
        publish(topic, event);
        publish(topic, event);
        await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from inbox_message where event_id = ?",
                Long.class, event.eventId()) == 1);
        UUID letter = UUID.randomUUID();
        jdbc.update("""
                insert into dead_letter (id, original_topic, original_partition, original_offset, message_key, event_id,
                                         event_type, payload, error_class, error_message, status, recorded_at)
                values (?, ?, 0, ?, ?, ?, ?, ?, 'java.lang.IllegalStateException', 'delivered during an outage', 'PENDING', now())""",
                letter, topic, Math.abs(letter.getMostSignificantBits()), event.participantId().toString(), event.eventId(),
                event.type(), EventJson.write(event));
        assertThat(operator().post("/admin/messaging/survey/dead-letters/" + letter + "/replay", null).status()).isEqualTo(200);
    }

    /** Registered, first training (on the given platform) reconciled: waits for the service to know them. */
    private Participant participant(String platform) {
        UUID id = UUID.randomUUID();
        String phone = "+62813" + NEXT_PHONE.getAndIncrement();
        Instant now = clock.instant();
        publish(Topics.REGISTRATION, EventEnvelope.of(new ParticipantRegistered("sealed-nik", "sealed-kk", "hash-" + id, "33", "3374",
                "Semarang", LocalDate.of(1995, 5, 5), Sex.FEMALE, "s" + id.toString().substring(0, 8) + "@example.id", phone,
                "Siti Aminah", Education.SMA_SMK, JobStatus.LAID_OFF, now), id, UUID.randomUUID(), null, now));
        publish(Topics.TRAINING, EventEnvelope.of(new TrainingCompletionReconciled(UUID.randomUUID(), "TRN-" + platform,
                platform, "CERT-1", 4, now, true), id, UUID.randomUUID(), null, now));
        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from participant where participant_id = ? and phone is not null and first_training_id is not null)",
                Boolean.class, id)));
        return new Participant(id, phone,
                HttpApi.at("http://localhost:" + port).withToken(tokens.issue(id.toString(), Roles.PARTICIPANT).accessToken()));
    }

    private EventEnvelope<DisbursementSucceeded> paid(Participant p, IncentiveKind kind, int sequence) {
        return EventEnvelope.of(new DisbursementSucceeded(DisbursementRequested.instructionId(p.id(), kind, sequence), "REF-1",
                clock.instant()), p.id(), UUID.randomUUID(), null, clock.instant());
    }

    private static Map<String, Object> goodAnswers() {
        return Map.of("relevance", 4, "quality", 5, "completed_all", "YES", "skills", List.of("DIGITAL"));
    }

    @Test
    void a_poll_of_registrations_keeps_each_participants_contacts_once_in_one_transaction_and_dead_letters_a_malformed_record_alone() {
        UUID changed = UUID.randomUUID();
        var first = registered(changed, "+6281500000001");
        var newPhone = EventEnvelope.of(new ParticipantProfileUpdated(Map.of("phone", "+6281500000003"), clock.instant()),
                changed, UUID.randomUUID(), null, clock.instant());
        byte[] garbage = ("{not an event " + UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<EventEnvelope<ParticipantRegistered>> before = new ArrayList<>();
        List<EventEnvelope<ParticipantRegistered>> after = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            before.add(registered(UUID.randomUUID(), "+62816" + (10_000_000 + i)));
            after.add(registered(UUID.randomUUID(), "+62817" + (10_000_000 + i)));
        }
        List<byte[]> records = new ArrayList<>();
        before.forEach(e -> records.add(EventJson.write(e)));
        // the copy comes after the change: applied again, it would bring the old phone back
        records.addAll(List.of(EventJson.write(first), EventJson.write(newPhone), EventJson.write(first), garbage));
        after.forEach(e -> records.add(EventJson.write(e)));

        // all on the topic before the consumer reads: one poll takes them
        bindings.changeState("registrationEvents-in-0", BindingsLifecycleController.State.STOPPED);
        try {
            KafkaProbe.sendAll(Topics.REGISTRATION, "batch-" + UUID.randomUUID(), records);
        } finally {
            bindings.changeState("registrationEvents-in-0", BindingsLifecycleController.State.STARTED);
        }

        await().atMost(WAIT).until(() -> known(after) == 20);
        await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from dead_letter where payload = ?", Long.class,
                (Object) garbage) == 1);
        assertThat(known(before)).isEqualTo(20);
        assertThat(jdbc.queryForObject("select phone from participant where participant_id = ?", String.class,
                after.get(7).participantId())).isEqualTo("+6281710000007");
        assertThat(jdbc.queryForObject("select phone from participant where participant_id = ?", String.class, changed))
                .as("registered, then changed; the copy of the registration changes nothing").isEqualTo("+6281500000003");
        for (var event : List.of(first, newPhone)) {
            assertThat(jdbc.queryForObject("select count(*) from inbox_message where event_id = ?", Long.class, event.eventId()))
                    .isEqualTo(1);
        }
        // the batch failed at the malformed record: the events before it went one by one, and the events
        // after it came again in one batch, applied in one transaction (one per event before)
        assertThat(jdbc.queryForObject("select count(distinct xmin::text) from inbox_message where event_id = any(?)", Long.class,
                (Object) after.stream().map(EventEnvelope::eventId).toArray(UUID[]::new))).isLessThanOrEqualTo(2);
    }

    private long known(List<EventEnvelope<ParticipantRegistered>> events) {
        return jdbc.queryForObject("select count(*) from participant where participant_id = any(?) and phone is not null",
                Long.class, (Object) events.stream().map(EventEnvelope::participantId).toArray(UUID[]::new));
    }

    private EventEnvelope<ParticipantRegistered> registered(UUID id, String phone) {
        Instant now = clock.instant();
        return EventEnvelope.of(new ParticipantRegistered("sealed-nik", "sealed-kk", "hash-" + id, "33", "3374", "Semarang",
                LocalDate.of(1995, 5, 5), Sex.FEMALE, "s" + id.toString().substring(0, 8) + "@example.id", phone, "Siti Aminah",
                Education.SMA_SMK, JobStatus.LAID_OFF, now), id, UUID.randomUUID(), null, now);
    }

    @Test
    void survey_one_opens_when_the_first_tranche_is_paid_and_the_others_at_their_offsets() {
        Participant p = participant("TOKOPEDIA");
        assertThat(p.survey(1).get("status").asString()).isEqualTo("WAITING_FOR_FIRST_INCENTIVE");
        deliverTwiceAndReplay(Topics.PAYMENT, paid(p, IncentiveKind.SURVEY, 1));
        deliverTwiceAndReplay(Topics.PAYMENT, paid(p, IncentiveKind.POST_TRAINING, 2));
        assertThat(p.survey(1).get("status").asString()).as("only the first post-training tranche opens it")
                .isEqualTo("WAITING_FOR_FIRST_INCENTIVE");

        deliverTwiceAndReplay(Topics.PAYMENT, paid(p, IncentiveKind.POST_TRAINING, 1));
        JsonNode first = p.api().inLanguage("en").get("/api/v1/surveys/me").json().get(0);
        assertThat(first.get("status").asString()).isEqualTo("OPEN");
        assertThat(first.get("incentive").asLong()).isEqualTo(50_000);
        assertThat(first.get("questions").size()).isEqualTo(5);
        assertThat(first.get("title").asString()).contains("Training evaluation");
        Instant opened = Instant.parse(first.get("opensAt").asString());
        assertThat(p.survey(2).get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(Instant.parse(p.survey(2).get("opensAt").asString())).isEqualTo(opened.plus(Duration.ofDays(30)));
        assertThat(Instant.parse(p.survey(3).get("opensAt").asString())).isEqualTo(opened.plus(Duration.ofDays(90)));
        assertThat(p.survey(2).get("questions").size()).isZero();
        await().atMost(WAIT).until(() -> SIMULATORS.messagesTo(p.phone()).stream().anyMatch(m -> m.text().contains("Survei 1")));
        assertThat(SIMULATORS.messagesTo(p.phone())).as("survey 2 is not announced before it opens").hasSize(1);
        assertThat(p.api().post("/api/v1/surveys/me/2/response", Map.of("answers", Map.of("job_status", "EMPLOYED")))
                .json().get("code").asString()).isEqualTo("SURVEY_NOT_OPEN");

        clock.advance(Duration.ofDays(30));
        assertThat(p.survey(2).get("status").asString()).isEqualTo("OPEN");
        await().atMost(WAIT).until(() -> SIMULATORS.messagesTo(p.phone()).stream().anyMatch(m -> m.text().contains("Survei 2")));
    }

    @Test
    void answers_are_validated_and_twenty_simultaneous_responses_make_one_completed_survey() throws Exception {
        Participant p = participant("BUKALAPAK");
        publish(Topics.PAYMENT, paid(p, IncentiveKind.POST_TRAINING, 1));
        await().atMost(WAIT).until(() -> "OPEN".equals(p.survey(1).get("status").asString()));

        var bad = p.api().inLanguage("en").post("/api/v1/surveys/me/1/response", Map.of("answers",
                Map.of("relevance", 7, "completed_all", "MAYBE", "skills", List.of("DIGITAL"), "colour", "blue")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).contains("application/problem+json");
        assertThat(bad.body()).contains("answers.relevance").contains("answers.quality").contains("answers.completed_all")
                .contains("answers.colour").contains("from 1 to 5").contains("must be answered");
        assertThat(p.survey(1).get("status").asString()).isEqualTo("OPEN");

        try (KafkaProbe probe = KafkaProbe.listen(Topics.SURVEY)) {
            List<Callable<HttpApi.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> p.api().post("/api/v1/surveys/me/1/response", Map.of("answers", goodAnswers())));
            }
            List<HttpApi.Response> responses = new ArrayList<>();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (var f : pool.invokeAll(calls)) {
                    responses.add(f.get());
                }
            }
            assertThat(responses).filteredOn(r -> r.status() == 201).as("accepted").hasSize(1);
            // every other one is refused by the service's own rule, having waited for the first and found it, and
            // not by the primary key (a generic 409 CONFLICT) or as a concurrent update
            assertThat(responses).filteredOn(r -> r.status() != 201).hasSize(19).allSatisfy(r -> {
                assertThat(r.status()).as(r.toString()).isEqualTo(409);
                assertThat(r.json().get("code").asString()).as(r.toString()).isEqualTo("SURVEY_ALREADY_ANSWERED");
            });
            assertThat(p.survey(1).get("status").asString()).isEqualTo("COMPLETED");
            // the survey incentive is asked for by this one event: written once to the outbox
            assertThat(jdbc.queryForObject("select count(*) from outbox_message where message_key = ? and event_type = ?",
                    Long.class, p.id().toString(), EventTypes.of(SurveyCompleted.class).name())).isEqualTo(1);
            await().atMost(WAIT).until(() -> probe.records().stream().map(r -> EventJson.read(r.value()))
                    .flatMap(java.util.Optional::stream).anyMatch(e -> e.participantId().equals(p.id())));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
            var completed = probe.records().stream().map(r -> EventJson.read(r.value())).flatMap(java.util.Optional::stream)
                    .filter(e -> e.participantId().equals(p.id())).toList();
            assertThat(completed).hasSize(1);
            assertThat(((SurveyCompleted) completed.getFirst().payload()).surveyNumber()).isEqualTo(1);
        }
        assertThat(p.api().post("/api/v1/surveys/me/1/response", Map.of("answers", goodAnswers())).json().get("code").asString())
                .isEqualTo("SURVEY_ALREADY_ANSWERED");
        assertThat(p.api().get("/api/v1/surveys/me/4").status()).isEqualTo(400);
    }

    @Test
    void operators_see_results_per_question_training_and_provider_and_as_csv() {
        for (String platform : List.of("PINTARIA", "PINTARIA", "SEKOLAHMU")) {
            Participant p = participant(platform);
            publish(Topics.PAYMENT, paid(p, IncentiveKind.POST_TRAINING, 1));
            await().atMost(WAIT).until(() -> "OPEN".equals(p.survey(1).get("status").asString()));
            assertThat(p.api().post("/api/v1/surveys/me/1/response", Map.of("answers", Map.of("relevance", 5, "quality",
                    platform.equals("PINTARIA") ? 4 : 2, "completed_all", "MOST", "skills", List.of("TECHNICAL", "DIGITAL"))))
                    .status()).isEqualTo(201);
        }
        var byProvider = operator().get("/admin/surveys/1/results?by=provider").json();
        assertThat(byProvider.get("responses").asLong()).isGreaterThanOrEqualTo(3);
        String rows = byProvider.get("rows").toString();
        assertThat(rows).contains("\"group\":\"PINTARIA\"").contains("\"group\":\"SEKOLAHMU\"");
        double pintariaQuality = -1;
        for (JsonNode q : byProvider.get("questions")) {
            if (q.get("questionId").asString().equals("quality") && q.get("group").asString().equals("PINTARIA")) {
                pintariaQuality = q.get("average").asDouble();
            }
        }
        assertThat(pintariaQuality).isEqualTo(4.0);
        assertThat(operator().get("/admin/surveys/1/results?by=training").body()).contains("TRN-PINTARIA");
        var csv = operator().get("/admin/surveys/1/results.csv?by=provider");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("survey,question_id,type,group,answer,count\n")
                .contains("1,skills,MULTIPLE_CHOICE,SEKOLAHMU,TECHNICAL,1");
        assertThat(operator().get("/admin/surveys/1/results?by=colour").status()).isEqualTo(400);
        assertThat(operator().get("/admin/surveys").body()).contains("relevance");
    }

    /** A notice due now, as {@code Notices} records one, tried {@code attempts} times already. */
    private UUID notice(Participant p, String channel, String key, int attempts) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into notification_intent (id, participant_id, channel, dedupe_key, subject, body, send_after, attempts)
                values (?, ?, ?, ?, 'Survei dibuka', 'Survei Kartu Prakerja sudah dibuka.', ?, ?)""",
                id, p.id(), channel, key, java.sql.Timestamp.from(clock.instant()), attempts);
        return id;
    }

    private Map<String, Object> noticeState(UUID id) {
        return jdbc.queryForMap("select sent_at, retired_at, retired_reason from notification_intent where id = ?", id);
    }

    @Test
    void notices_that_can_never_be_sent_are_retired_with_their_reason_and_no_longer_claimed() {
        int attempts = 12;
        Participant revoked = participant("PINTARIA");
        Participant answered = participant("PINTARIA");
        Participant unreachable = participant("PINTARIA");
        Participant reachable = participant("PINTARIA");
        jdbc.update("update participant set revoked_at = now() where participant_id = ?", revoked.id());
        jdbc.update("insert into response (participant_id, survey_number, answers, completed_at) values (?, 3, '{}', now())",
                answered.id());
        jdbc.update("update participant set email = null where participant_id = ?", unreachable.id());
        jdbc.update("update participant set email = null where participant_id = ?", reachable.id());

        UUID toRevoked = notice(revoked, "SMS", "test-revoked-" + revoked.id(), 0);
        UUID ofAnswered = notice(answered, "SMS", "survey-3-" + answered.id(), 0);
        UUID noEmail = notice(unreachable, "EMAIL", "test-no-email-" + unreachable.id(), attempts);
        // not yet tried often enough: it waits for an e-mail address to come
        UUID noEmailYet = notice(reachable, "EMAIL", "test-no-email-yet-" + reachable.id(), 1);
        // a phone is known: sent, however often it was tried
        UUID bySms = notice(unreachable, "SMS", "test-sms-" + unreachable.id(), attempts);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(noticeState(toRevoked).get("retired_reason")).isEqualTo("PARTICIPANT_REVOKED");
            assertThat(noticeState(ofAnswered).get("retired_reason")).isEqualTo("SURVEY_ANSWERED");
            assertThat(noticeState(noEmail).get("retired_reason")).isEqualTo("NO_CONTACT");
            assertThat(noticeState(bySms).get("sent_at")).isNotNull();
            assertThat(jdbc.queryForObject("select attempts from notification_intent where id = ?", Integer.class, noEmailYet))
                    .isGreaterThan(1);
        });
        for (UUID id : List.of(toRevoked, ofAnswered, noEmail)) {
            assertThat(noticeState(id).get("retired_at")).isNotNull();
            assertThat(noticeState(id).get("sent_at")).isNull();
        }
        assertThat(noticeState(bySms).get("retired_at")).isNull();
        assertThat(noticeState(noEmailYet).get("retired_at")).isNull();

        // retired for good: a claim no longer takes them, even once they could be sent
        jdbc.update("update participant set revoked_at = null where participant_id = ?", revoked.id());
        jdbc.update("update participant set email = 'back@example.id' where participant_id = ?", unreachable.id());
        jdbc.update("update notification_intent set send_after = ? where id in (?, ?)",
                java.sql.Timestamp.from(clock.instant().minusSeconds(1)), toRevoked, noEmail);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(noticeState(toRevoked).get("sent_at")).isNull();
            assertThat(noticeState(noEmail).get("sent_at")).isNull();
        });
        assertThat(SIMULATORS.messagesTo(revoked.phone())).noneMatch(m -> m.text().contains("Survei Kartu Prakerja sudah dibuka"));
    }

    @Test
    void a_revoked_participant_cannot_answer() {
        Participant p = participant("SISNAKER");
        publish(Topics.PAYMENT, paid(p, IncentiveKind.POST_TRAINING, 1));
        await().atMost(WAIT).until(() -> "OPEN".equals(p.survey(1).get("status").asString()));
        publish(Topics.REGISTRATION, EventEnvelope.of(new ParticipantRevoked(RevocationReason.FRAUD, clock.instant()), p.id(),
                UUID.randomUUID(), null, clock.instant()));
        await().atMost(WAIT).until(() -> "CLOSED".equals(p.survey(1).get("status").asString()));
        assertThat(p.api().post("/api/v1/surveys/me/1/response", Map.of("answers", goodAnswers())).status()).isEqualTo(409);
        clock.advance(Duration.ofDays(31));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(SIMULATORS.messagesTo(p.phone())).as("survey 2 is not announced to a revoked participant")
                .noneMatch(m -> m.text().contains("Survei 2"));
    }

    @Test
    void no_malformed_request_to_any_endpoint_is_answered_with_a_5xx_or_changes_anything() {
        Participant p = participant("SISNAKER");
        publish(Topics.PAYMENT, paid(p, IncentiveKind.POST_TRAINING, 1));
        await().atMost(WAIT).until(() -> "OPEN".equals(p.survey(1).get("status").asString()));

        var report = MalformedRequests.sweep(context, p.api(), operator())
                .id("number", 1)
                // answers that would complete the open survey, spoiled one at a time
                .example("POST /api/v1/surveys/me/{number}/response", Map.of("answers", goodAnswers()))
                .unchanged("responses", () -> jdbc.queryForObject("select count(*) from response where participant_id = ?",
                        Long.class, p.id()))
                .unchanged("answers", () -> jdbc.queryForObject("select count(*) from response_answer where participant_id = ?",
                        Long.class, p.id()))
                .unchanged("events", () -> jdbc.queryForObject("select count(*) from outbox_message where message_key = ?",
                        Long.class, p.id().toString()))
                .run();
        assertThat(report.faults()).as(report.toString()).isEmpty();
        assertThat(report.size()).isGreaterThan(200);
    }
}
