package id.go.prakerja.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.jdbc.core.JdbcTemplate;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.Topics;
import id.go.prakerja.events.registration.Education;
import id.go.prakerja.events.registration.JobStatus;
import id.go.prakerja.events.registration.ParticipantProfileUpdated;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.events.registration.Sex;
import id.go.prakerja.support.security.Roles;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.KafkaProbe;

/** Verification opens one case per registered participant, from events on the real broker. */
class VerificationCaseOpeningTest extends VerificationServiceTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    BindingsLifecycleController bindings;

    @Test
    void a_registered_participant_sees_their_verification_case_with_email_pending() {
        UUID participant = UUID.randomUUID();
        KafkaProbe.send(Topics.REGISTRATION, participant.toString(), EventJson.write(registered(participant)));

        HttpApi me = HttpApi.at("http://localhost:" + port).withToken(tokens.issue(participant.toString(), Roles.PARTICIPANT).accessToken());
        await().atMost(WAIT).until(() -> me.get("/api/v1/verification/me").status() == 200);

        var body = me.get("/api/v1/verification/me").json();
        assertThat(body.get("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(body.get("currentLayer").asString()).isEqualTo("EMAIL");
        assertThat(body.get("layers").get(0).get("status").asString()).isEqualTo("PENDING");
        assertThat(body.get("layers").get(1).get("status").asString()).isEqualTo("NOT_STARTED");
        assertThat(body.get("nik").asString()).isEqualTo("3174********0001");
    }

    @Test
    void anonymous_callers_get_401_a_participant_without_a_case_gets_404_and_participants_reach_no_admin_endpoint() {
        HttpApi api = HttpApi.at("http://localhost:" + port);
        var anonymous = api.get("/api/v1/verification/me");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).contains("application/problem+json");

        var stranger = api.withToken(tokens.issue(UUID.randomUUID().toString(), Roles.PARTICIPANT).accessToken())
                .get("/api/v1/verification/me");
        assertThat(stranger.status()).isEqualTo(404);

        var participantOnAdmin = api.withToken(tokens.issue(UUID.randomUUID().toString(), Roles.PARTICIPANT).accessToken())
                .get("/admin/verification/cases");
        assertThat(participantOnAdmin.status()).isEqualTo(403);
    }

    @Test
    void the_same_event_delivered_twice_opens_one_case() {
        UUID participant = UUID.randomUUID();
        EventEnvelope<ParticipantRegistered> first = registered(participant);
        byte[] bytes = EventJson.write(first);
        EventEnvelope<ParticipantRegistered> second = registered(participant); // a different event, same participant

        KafkaProbe.send(Topics.REGISTRATION, participant.toString(), bytes);
        KafkaProbe.send(Topics.REGISTRATION, participant.toString(), bytes);
        KafkaProbe.send(Topics.REGISTRATION, participant.toString(), EventJson.write(second));

        // same key, same partition: once the last is processed, so are the two before it
        await().atMost(WAIT).until(() -> processed(second.eventId()) == 1);
        assertThat(processed(first.eventId())).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from verification_case where participant_id = ?", Long.class, participant))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select opened_by_event from verification_case where participant_id = ?", UUID.class, participant))
                .isEqualTo(first.eventId());
    }

    @Test
    void a_consumer_stopped_mid_flow_loses_nothing_when_it_starts_again() {
        bindings.changeState("participantEvents-in-0", BindingsLifecycleController.State.STOPPED);
        List<UUID> participants = new ArrayList<>();
        try {
            for (int i = 0; i < 25; i++) {
                UUID participant = UUID.randomUUID();
                participants.add(participant);
                KafkaProbe.send(Topics.REGISTRATION, participant.toString(), EventJson.write(registered(participant)));
            }
            // stopped means stopped: nothing is taken from the topic for as long as a running
            // consumer needs to open every one of these cases
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> cases(participants) == 0);
        } finally {
            bindings.changeState("participantEvents-in-0", BindingsLifecycleController.State.STARTED);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> cases(participants) == 25);
    }

    @Test
    void a_poll_of_registrations_opens_each_case_once_in_one_transaction_and_a_malformed_record_is_dead_lettered_alone() {
        UUID twice = UUID.randomUUID();
        EventEnvelope<ParticipantRegistered> first = registered(twice);
        EventEnvelope<ParticipantRegistered> again = registered(twice); // another event for the same participant
        var newEmail = EventEnvelope.of(new ParticipantProfileUpdated(Map.of("email", "baru@example.id"), Instant.now()),
                twice, UUID.randomUUID(), null, Instant.now());
        byte[] garbage = ("{not an event " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        List<EventEnvelope<ParticipantRegistered>> before = new ArrayList<>();
        List<EventEnvelope<ParticipantRegistered>> after = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            before.add(registered(UUID.randomUUID()));
            after.add(registered(UUID.randomUUID()));
        }
        List<byte[]> records = new ArrayList<>();
        before.forEach(e -> records.add(EventJson.write(e)));
        records.addAll(List.of(EventJson.write(first), EventJson.write(first), EventJson.write(newEmail), EventJson.write(again),
                garbage));
        after.forEach(e -> records.add(EventJson.write(e)));

        // all on the topic before the consumer reads: one poll takes them
        bindings.changeState("participantEvents-in-0", BindingsLifecycleController.State.STOPPED);
        try {
            KafkaProbe.sendAll(Topics.REGISTRATION, "batch-" + UUID.randomUUID(), records);
        } finally {
            bindings.changeState("participantEvents-in-0", BindingsLifecycleController.State.STARTED);
        }

        await().atMost(WAIT).until(() -> cases(after.stream().map(EventEnvelope::participantId).toList()) == 20);
        await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from dead_letter where payload = ?", Long.class,
                (Object) garbage) == 1);
        assertThat(cases(before.stream().map(EventEnvelope::participantId).toList())).isEqualTo(20);
        for (var event : List.of(first, newEmail, again)) {
            assertThat(processed(event.eventId())).isEqualTo(1);
        }
        assertThat(jdbc.queryForMap("select opened_by_event, email from verification_case where participant_id = ?", twice))
                .as("opened by the first registration, the later change applied after it, the copy and the second changing nothing")
                .containsEntry("opened_by_event", first.eventId()).containsEntry("email", "baru@example.id");
        // the batch failed at the malformed record: the events before it went one by one, and the events
        // after it came again in one batch, applied in one transaction (one per event before)
        assertThat(transactions(after)).isLessThanOrEqualTo(2);
    }

    @Test
    void a_message_no_handler_can_process_is_dead_lettered_and_shown_to_operators() {
        HttpApi operator = HttpApi.at("http://localhost:" + port).withToken(tokens.issue("ops", Roles.OPERATOR).accessToken());
        String marker = UUID.randomUUID().toString();
        KafkaProbe.send(Topics.REGISTRATION, marker, ("not json " + marker).getBytes());

        await().atMost(WAIT).until(() -> operator.get("/admin/messaging/verification/dead-letters?status=PENDING").body().contains(marker));
        var letter = findLetter(operator, marker);
        assertThat(letter.get("originalTopic").asString()).isEqualTo(Topics.REGISTRATION);
        assertThat(letter.get("errorClass").asString()).contains("MalformedEventException");

        String id = letter.get("id").asString();
        var replay = operator.post("/admin/messaging/verification/dead-letters/" + id + "/replay", null);
        assertThat(replay.status()).as("replaying bytes that still cannot be read fails and keeps the letter").isEqualTo(409);
        assertThat(replay.json().get("code").asString()).isEqualTo("DEAD_LETTER_REPLAY_FAILED");
        assertThat(operator.get("/admin/messaging/verification/dead-letters/" + id).json().get("status").asString()).isEqualTo("PENDING");

        var discard = operator.post("/admin/messaging/verification/dead-letters/" + id + "/discard",
                java.util.Map.of("reason", "garbage from a test producer"));
        assertThat(discard.status()).isEqualTo(200);
        var after = operator.get("/admin/messaging/verification/dead-letters/" + id).json();
        assertThat(after.get("status").asString()).isEqualTo("DISCARDED");
        assertThat(after.get("resolvedBy").asString()).isEqualTo("ops");
        assertThat(operator.post("/admin/messaging/verification/dead-letters/" + id + "/replay", null).json().get("code")
                .asString()).isEqualTo("DEAD_LETTER_RESOLVED");
    }

    @Test
    void an_event_whose_handler_keeps_failing_is_dead_lettered_with_the_handlers_error_and_nothing_applied() {
        UUID participant = UUID.randomUUID();
        // sealed with a key verification does not hold: the handler cannot open it
        EventEnvelope<ParticipantRegistered> unreadable = registered(participant, "v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        KafkaProbe.send(Topics.REGISTRATION, participant.toString(), EventJson.write(unreadable));
        HttpApi operator = HttpApi.at("http://localhost:" + port).withToken(tokens.issue("ops", Roles.OPERATOR).accessToken());

        await().atMost(WAIT).until(() -> operator.get("/admin/messaging/verification/dead-letters?status=PENDING").body()
                .contains(unreadable.eventId().toString()));
        assertThat(jdbc.queryForObject("select count(*) from verification_case where participant_id = ?", Long.class, participant))
                .isZero();
        assertThat(processed(unreadable.eventId())).as("a failed effect leaves no processed mark").isZero();
        var letter = findLetter(operator, unreadable.eventId().toString());
        assertThat(letter.get("errorClass").asString()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(letter.get("errorMessage").asString()).contains("cannot be opened");
    }

    @Test
    void an_event_sealed_before_key_ids_still_opens_a_case_and_its_nik_is_sealed_for_the_case_row() {
        UUID participant = UUID.randomUUID();
        // what registration published before key ids, under the local transport key
        var old = registered(participant, "v1:/L3ZitHp1KQsdQ1wvMrCMlCH1ooVPOiRWh1VGEpuH/SO/huMK+1pQkOGApA=",
                "v1:xOZnfMWsQWmvFuuCH4s6Gqls3HOWQ/WxgxCn5c93A9LuQ47HjQlEu2iXaYM=");
        KafkaProbe.send(Topics.REGISTRATION, participant.toString(), EventJson.write(old));
        await().atMost(WAIT).until(() -> cases(List.of(participant)) == 1);

        String nikSealed = jdbc.queryForObject("select nik_sealed from verification_case where participant_id = ?",
                String.class, participant);
        assertThat(nikSealed).startsWith("v2:" + crypto.currentFieldKeyId() + ":");
        assertThat(crypto.decryptAtRest(nikSealed, SealedApplicantData.nik(participant))).isEqualTo("3174050101900001");
        assertThatThrownBy(() -> crypto.decryptAtRest(nikSealed, SealedApplicantData.nik(UUID.randomUUID())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_nik_sealed_for_another_participants_event_does_not_open_and_is_dead_lettered() {
        UUID participant = UUID.randomUUID();
        String someoneElses = crypto.encryptForTransport("3174050101900001", SealedApplicantData.nikOnTheWire(UUID.randomUUID()));
        EventEnvelope<ParticipantRegistered> copied = registered(participant, someoneElses);
        KafkaProbe.send(Topics.REGISTRATION, participant.toString(), EventJson.write(copied));
        HttpApi operator = HttpApi.at("http://localhost:" + port).withToken(tokens.issue("ops", Roles.OPERATOR).accessToken());

        await().atMost(WAIT).until(() -> operator.get("/admin/messaging/verification/dead-letters?status=PENDING").body()
                .contains(copied.eventId().toString()));
        assertThat(cases(List.of(participant))).isZero();
    }

    private tools.jackson.databind.JsonNode findLetter(HttpApi operator, String marker) {
        for (var node : operator.get("/admin/messaging/verification/dead-letters?status=PENDING").json()) {
            if (node.get("payload").asString().contains(marker)) {
                return node;
            }
        }
        throw new AssertionError("no dead letter with " + marker);
    }

    private long processed(UUID eventId) {
        return jdbc.queryForObject("select count(*) from inbox_message where event_id = ?", Long.class, eventId);
    }

    /** How many transactions recorded these events as processed. */
    private long transactions(List<? extends EventEnvelope<?>> events) {
        return jdbc.queryForObject("select count(distinct xmin::text) from inbox_message where event_id = any(?)", Long.class,
                (Object) events.stream().map(EventEnvelope::eventId).toArray(UUID[]::new));
    }

    private long cases(List<UUID> participants) {
        return jdbc.queryForObject("select count(*) from verification_case where participant_id = any(?)", Long.class,
                (Object) participants.toArray(UUID[]::new));
    }

    private EventEnvelope<ParticipantRegistered> registered(UUID participant) {
        return registered(participant, crypto.encryptForTransport("3174050101900001", SealedApplicantData.nikOnTheWire(participant)));
    }

    private EventEnvelope<ParticipantRegistered> registered(UUID participant, String sealedNik) {
        return registered(participant, sealedNik,
                crypto.encryptForTransport("3174051201090123", SealedApplicantData.kkOnTheWire(participant)));
    }

    private EventEnvelope<ParticipantRegistered> registered(UUID participant, String sealedNik, String sealedKk) {
        Instant now = Instant.now();
        return EventEnvelope.of(new ParticipantRegistered(sealedNik, sealedKk,
                crypto.blindIndex("3174050101900001" + participant), "31", "3174", "Jakarta", LocalDate.of(1990, 1, 1),
                Sex.MALE, participant + "@example.id", "+6281234567890", "Budi Santoso", Education.SMA_SMK,
                JobStatus.JOB_SEEKER, now), participant, UUID.randomUUID(), null, now);
    }
}
