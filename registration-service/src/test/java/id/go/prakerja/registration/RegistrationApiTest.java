package id.go.prakerja.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.Topics;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.simulators.Fault;
import id.go.prakerja.registration.participant.SealedParticipantData;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.support.security.Roles;
import id.go.prakerja.support.security.TokenIssuer;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.KafkaProbe;

/** Registration and login as a front end uses them, on the real broker, database and SMS simulator. */
class RegistrationApiTest extends RegistrationServiceTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger(1000 + (int) (System.nanoTime() % 5000));

    @Autowired
    PersonalDataCrypto crypto;
    @Autowired
    TokenIssuer tokens;

    /** A fresh, valid applicant: unique NIK serial, email and phone. */
    private Map<String, Object> applicant() {
        int n = SEQUENCE.incrementAndGet();
        return TestApplicants.body("317405010190" + "%04d".formatted(n % 10000 == 0 ? 1 : n % 10000),
                "3174" + "%012d".formatted(n), "Budi Santoso", "Jakarta", "1990-01-01", "budi" + n + "@example.id",
                "0812" + "%08d".formatted(n), "Jl. Merdeka No. 1, Gambir");
    }

    @Test
    void registering_announces_the_participant_with_nik_and_kk_sealed() {
        try (KafkaProbe probe = KafkaProbe.listen(Topics.REGISTRATION)) {
            Map<String, Object> applicant = applicant();
            var response = api().post("/api/v1/participants", applicant);
            assertThat(response.status()).isEqualTo(201);
            String participantId = response.json().get("participantId").asString();

            await().atMost(Duration.ofSeconds(30)).until(() -> probe.records().stream().anyMatch(r -> participantId.equals(r.key())));
            var record = probe.records().stream().filter(r -> participantId.equals(r.key())).findFirst().orElseThrow();
            String wire = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(wire).doesNotContain((String) applicant.get("nik")).doesNotContain((String) applicant.get("kkNumber"));

            var event = EventJson.read(record.value()).orElseThrow();
            ParticipantRegistered registered = event.as(ParticipantRegistered.class).payload();
            assertThat(event.participantId().toString()).isEqualTo(participantId);
            assertThat(registered.nik()).startsWith("v2:");
            assertThat(crypto.decryptFromTransport(registered.nik(),
                    SealedParticipantData.nikOnTheWire(UUID.fromString(participantId)))).isEqualTo(applicant.get("nik"));
            assertThat(registered.nikHash()).isEqualTo(crypto.blindIndex((String) applicant.get("nik")));
            assertThat(registered.phone()).startsWith("+62812");
        }
    }

    @Test
    void invalid_fields_get_problem_json_with_a_reason_per_field_in_the_callers_language() {
        Map<String, Object> applicant = applicant();
        applicant.put("nik", "3174053102900001"); // 31 February
        applicant.put("email", "not-an-email");
        applicant.remove("fullName");

        var english = api().inLanguage("en").post("/api/v1/participants", applicant);
        assertThat(english.status()).isEqualTo(400);
        assertThat(english.contentType()).contains("application/problem+json");
        assertThat(english.body()).contains("\"field\":\"email\"").contains("\"field\":\"fullName\"");

        var indonesian = api().inLanguage("id").post("/api/v1/participants", applicant);
        assertThat(indonesian.json().get("title").asString()).isEqualTo("Permintaan tidak valid");

        applicant.put("email", "ok" + UUID.randomUUID() + "@example.id");
        applicant.put("fullName", "Budi");
        var nikRule = api().inLanguage("en").post("/api/v1/participants", applicant);
        assertThat(nikRule.status()).isEqualTo(400);
        assertThat(nikRule.json().get("errors").get(0).get("field").asString()).isEqualTo("nik");
        assertThat(nikRule.json().get("errors").get(0).get("code").asString()).isEqualTo("NIK_DATE");
        assertThat(nikRule.json().get("errors").get(0).get("message").asString()).contains("valid birth date");
    }

    @Test
    void ineligible_declarations_and_a_full_family_card_are_refused_with_a_code_per_reason() {
        Map<String, Object> civilServantStudent = applicant();
        civilServantStudent.put("declarations", Map.of("inFormalEducation", true, "publicOffice", "CIVIL_SERVANT"));
        var refused = api().inLanguage("en").post("/api/v1/participants", civilServantStudent);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("code").asString()).isEqualTo("INELIGIBLE");
        assertThat(refused.body()).contains("\"code\":\"IN_FORMAL_EDUCATION\"").contains("\"code\":\"CIVIL_SERVANT\"")
                .contains("civil servants (ASN) cannot join");

        String familyCard = "3174" + "%012d".formatted(SEQUENCE.incrementAndGet());
        for (int i = 0; i < 2; i++) {
            Map<String, Object> member = applicant();
            member.put("kkNumber", familyCard);
            assertThat(api().post("/api/v1/participants", member).status()).isEqualTo(201);
        }
        Map<String, Object> third = applicant();
        third.put("kkNumber", familyCard);
        var full = api().inLanguage("id").post("/api/v1/participants", third);
        assertThat(full.status()).isEqualTo(422);
        assertThat(full.json().get("errors").get(0).get("field").asString()).isEqualTo("kkNumber");
        assertThat(full.json().get("errors").get(0).get("code").asString()).isEqualTo("FAMILY_CARD_LIMIT_REACHED");
        assertThat(full.json().get("errors").get(0).get("message").asString()).contains("sudah memiliki 2 peserta");
    }

    @Test
    void a_participant_revoked_for_missing_the_purchase_deadline_is_banned_and_cannot_register_again() {
        Map<String, Object> applicant = applicant();
        UUID participant = UUID.fromString(api().post("/api/v1/participants", applicant).json().get("participantId").asString());
        try (KafkaProbe probe = KafkaProbe.listen(Topics.REGISTRATION)) {
            var forfeit = id.go.prakerja.events.EventEnvelope.of(new id.go.prakerja.events.training.BalanceForfeited(1_000_000,
                    id.go.prakerja.events.training.ForfeitReason.DEADLINE, java.time.Instant.now()), participant, UUID.randomUUID(),
                    null, java.time.Instant.now());
            KafkaProbe.send(Topics.TRAINING, participant.toString(), EventJson.write(forfeit));
            KafkaProbe.send(Topics.TRAINING, participant.toString(), EventJson.write(forfeit)); // redelivered

            await().atMost(Duration.ofSeconds(30)).until(() -> probe.records().stream().anyMatch(r -> participant.toString().equals(r.key())));
            var revoked = probe.records().stream().filter(r -> participant.toString().equals(r.key()))
                    .map(r -> EventJson.read(r.value()).orElseThrow()).toList();
            assertThat(revoked).hasSize(1);
            assertThat(revoked.get(0).type()).isEqualTo("ParticipantRevoked");
            assertThat(revoked.get(0).causationId()).isEqualTo(forfeit.eventId());
        }
        Map<String, Object> again = applicant();
        again.put("nik", applicant.get("nik"));
        var refused = api().post("/api/v1/participants", again);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("\"code\":\"NIK_BANNED\"");
    }

    @Test
    void a_participant_incentive_operators_confirmed_an_integrity_signal_against_is_revoked_for_fraud_once() {
        UUID participant = UUID.fromString(api().post("/api/v1/participants", applicant()).json().get("participantId").asString());
        try (KafkaProbe probe = KafkaProbe.listen(Topics.REGISTRATION)) {
            var confirmed = id.go.prakerja.events.EventEnvelope.of(new id.go.prakerja.events.incentive.IntegritySignalConfirmed(
                    7, "SHARED_PAYOUT_ACCOUNT", java.time.Instant.now()), participant, UUID.randomUUID(), null,
                    java.time.Instant.now());
            KafkaProbe.send(Topics.INCENTIVE, participant.toString(), EventJson.write(confirmed));
            KafkaProbe.send(Topics.INCENTIVE, participant.toString(), EventJson.write(confirmed)); // redelivered

            await().atMost(Duration.ofSeconds(30)).until(() -> probe.records().stream().anyMatch(r -> participant.toString().equals(r.key())));
            await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofSeconds(1)).until(() -> true); // the redelivery too
            var revoked = probe.records().stream().filter(r -> participant.toString().equals(r.key()))
                    .map(r -> EventJson.read(r.value()).orElseThrow()).toList();
            assertThat(revoked).hasSize(1);
            var event = revoked.get(0).as(id.go.prakerja.events.registration.ParticipantRevoked.class);
            assertThat(event.payload().reason()).isEqualTo(id.go.prakerja.events.registration.RevocationReason.FRAUD);
            assertThat(event.causationId()).isEqualTo(confirmed.eventId());
        }
    }

    @Test
    void a_participant_changes_their_own_contact_details_and_the_change_is_announced() {
        Map<String, Object> applicant = applicant();
        String id = api().post("/api/v1/participants", applicant).json().get("participantId").asString();
        HttpApi me = api().withToken(tokens.issue(id, Roles.PARTICIPANT).accessToken());
        try (KafkaProbe probe = KafkaProbe.listen(Topics.REGISTRATION)) {
            var updated = me.send("PATCH", "/api/v1/participants/me", Map.of("address", "Jl. Baru 2", "jobStatus", "JOB_SEEKER"),
                    Map.of());
            assertThat(updated.status()).isEqualTo(200);
            assertThat(updated.json().get("address").asString()).isEqualTo("Jl. Baru 2");
            assertThat(updated.json().get("nik").asString()).as("identity stays, masked").contains("********");
            await().atMost(Duration.ofSeconds(30)).until(() -> probe.records().stream().anyMatch(r -> id.equals(r.key())));
            var event = EventJson.read(probe.records().stream().filter(r -> id.equals(r.key())).findFirst().orElseThrow()
                    .value()).orElseThrow();
            assertThat(event.as(id.go.prakerja.events.registration.ParticipantProfileUpdated.class).payload().changedFields())
                    .isEqualTo(Map.of("address", "Jl. Baru 2", "jobStatus", "JOB_SEEKER"));
        }
        Map<String, Object> other = applicant();
        api().post("/api/v1/participants", other);
        assertThat(me.send("PATCH", "/api/v1/participants/me", Map.of("email", other.get("email")), Map.of()).json()
                .get("code").asString()).isEqualTo("EMAIL_ALREADY_REGISTERED");
        assertThat(me.send("PATCH", "/api/v1/participants/me", Map.of("phone", "12345"), Map.of()).status()).isEqualTo(400);
    }

    @Test
    void operators_find_a_participant_by_nik_and_see_it_masked_and_counted() {
        HttpApi operator = api().withToken(tokens.issue("ops", Roles.OPERATOR).accessToken());
        long registeredBefore = operator.get("/admin/participants/counts").json().get("byStatus").path("REGISTERED").asLong();
        Map<String, Object> applicant = applicant();
        String id = api().post("/api/v1/participants", applicant).json().get("participantId").asString();
        var found = operator.get("/admin/participants?nik=" + applicant.get("nik"));
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().size()).isEqualTo(1);
        assertThat(found.json().get(0).get("participantId").asString()).isEqualTo(id);
        assertThat(found.json().get(0).get("nik").asString()).isEqualTo(((String) applicant.get("nik")).substring(0, 4)
                + "********" + ((String) applicant.get("nik")).substring(12));
        assertThat(found.body()).doesNotContain((String) applicant.get("nik"));
        assertThat(operator.get("/admin/participants/counts").json().get("byStatus").path("REGISTERED").asLong())
                .isEqualTo(registeredBefore + 1);
        assertThat(api().withToken(tokens.issue(id, Roles.PARTICIPANT).accessToken()).get("/admin/participants").status())
                .isEqualTo(403);
    }

    @Test
    void malformed_json_and_wrong_types_are_400_not_500() {
        var broken = api().send("POST", "/api/v1/participants", "{\"nik\": ", Map.of());
        assertThat(broken.status()).isEqualTo(400);
        Map<String, Object> applicant = applicant();
        applicant.put("birthDate", "yesterday");
        var wrongType = api().post("/api/v1/participants", applicant);
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body()).contains("birthDate").doesNotContain("Exception");
    }

    @Test
    void a_nul_character_in_any_text_field_is_a_400_problem_and_registers_nobody() {
        for (String field : List.of("fullName", "birthPlace", "address", "email")) {
            Map<String, Object> applicant = applicant();
            applicant.put(field, applicant.get(field) + "\u0000x");
            var refused = api().post("/api/v1/participants", applicant);
            assertThat(refused.status()).as(field).isEqualTo(400);
            assertThat(refused.contentType()).contains("application/problem+json");
            assertThat(refused.body()).doesNotContain("Exception").doesNotContain("\\u0000");
            // nobody was registered: the same applicant without the NUL is welcome
            applicant.put(field, ((String) applicant.get(field)).replace("\u0000x", ""));
            assertThat(api().post("/api/v1/participants", applicant).status()).as(field).isEqualTo(201);
        }
    }

    @Test
    void a_nik_email_or_phone_already_registered_is_refused_with_its_own_code() {
        Map<String, Object> first = applicant();
        assertThat(api().post("/api/v1/participants", first).status()).isEqualTo(201);

        Map<String, Object> sameNik = applicant();
        sameNik.put("nik", first.get("nik"));
        var conflict = api().post("/api/v1/participants", sameNik);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().get("code").asString()).isEqualTo("NIK_ALREADY_REGISTERED");

        Map<String, Object> samePhone = applicant();
        samePhone.put("phone", "+62" + ((String) first.get("phone")).substring(1));
        assertThat(api().post("/api/v1/participants", samePhone).json().get("code").asString())
                .isEqualTo("PHONE_ALREADY_REGISTERED");
    }

    @Test
    void the_same_person_registering_many_times_at_once_gets_one_account_and_409s_never_a_500() throws Exception {
        Map<String, Object> person = applicant();
        var attempts = new java.util.ArrayList<java.util.concurrent.Callable<Integer>>();
        for (int i = 0; i < 8; i++) {
            Map<String, Object> copy = new HashMap<>(person);
            copy.put("kkNumber", "3174" + "%012d".formatted(SEQUENCE.incrementAndGet())); // no shared family-card lock
            attempts.add(() -> api().post("/api/v1/participants", copy).status());
        }
        List<Integer> statuses = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (var result : pool.invokeAll(attempts)) {
                statuses.add(result.get());
            }
        }
        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
    }

    @Test
    void a_participant_logs_in_with_an_sms_code_and_reads_only_their_own_profile() {
        Map<String, Object> applicant = applicant();
        String participantId = api().post("/api/v1/participants", applicant).json().get("participantId").asString();
        String phone = "+62" + ((String) applicant.get("phone")).substring(1);

        assertThat(api().post("/api/v1/auth/otp", Map.of("phone", applicant.get("phone"))).status()).isEqualTo(202);
        String code = SIMULATORS.sms().latestCode(phone).orElseThrow();
        var token = api().post("/api/v1/auth/token", Map.of("phone", phone, "code", code));
        assertThat(token.status()).isEqualTo(200);

        var me = api().withToken(token.json().get("accessToken").asString()).get("/api/v1/participants/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("participantId").asString()).isEqualTo(participantId);
        assertThat(me.json().get("nik").asString()).isEqualTo(((String) applicant.get("nik")).substring(0, 4) + "********"
                + ((String) applicant.get("nik")).substring(12));

        assertThat(api().post("/api/v1/auth/token", Map.of("phone", phone, "code", code)).status())
                .as("a code works once").isEqualTo(401);
        assertThat(api().get("/api/v1/participants/me").status()).isEqualTo(401);
    }

    @Test
    void wrong_codes_are_limited_and_a_new_code_must_wait_for_the_resend_interval() {
        Map<String, Object> applicant = applicant();
        api().post("/api/v1/participants", applicant);
        String phone = (String) applicant.get("phone");
        api().post("/api/v1/auth/otp", Map.of("phone", phone));
        String code = SIMULATORS.sms().latestCode("+62" + phone.substring(1)).orElseThrow();
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            assertThat(api().post("/api/v1/auth/token", Map.of("phone", phone, "code", wrong)).status()).isEqualTo(401);
        }
        assertThat(api().post("/api/v1/auth/token", Map.of("phone", phone, "code", code)).status())
                .as("after five wrong guesses even the right code is refused").isEqualTo(401);
        var again = api().post("/api/v1/auth/otp", Map.of("phone", phone));
        assertThat(again.status()).isEqualTo(429);
        assertThat(again.json().get("code").asString()).isEqualTo("OTP_TOO_SOON");
    }

    @Test
    void an_unregistered_phone_gets_the_same_answer_and_no_sms() {
        String phone = "+62813" + "%08d".formatted(Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 100_000_000L));
        assertThat(api().post("/api/v1/auth/otp", Map.of("phone", phone)).status()).isEqualTo(202);
        assertThat(SIMULATORS.sms().messagesTo(phone)).isEmpty();
    }

    @Test
    void when_the_sms_provider_is_down_the_participant_is_told_to_retry_and_nothing_breaks() {
        Map<String, Object> applicant = applicant();
        api().post("/api/v1/participants", applicant);
        SIMULATORS.sms().fault(Fault.down());
        try {
            var response = api().post("/api/v1/auth/otp", Map.of("phone", applicant.get("phone")));
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.json().get("code").asString()).isEqualTo("SMS_UNAVAILABLE");
        } finally {
            SIMULATORS.sms().fault(Fault.none());
        }
        assertThat(api().post("/api/v1/auth/otp", Map.of("phone", applicant.get("phone"))).status())
                .as("a failed send does not count against the resend interval").isEqualTo(202);
    }

    @Test
    void operators_log_in_with_configured_credentials_and_only_operators_reach_admin_endpoints() {
        assertThat(api().post("/api/v1/auth/operator-token", Map.of("username", "operator", "password", "wrong")).status())
                .isEqualTo(401);
        var token = api().post("/api/v1/auth/operator-token", Map.of("username", "operator", "password", "operator-test-password"));
        assertThat(token.status()).isEqualTo(200);
        var admin = api().withToken(token.json().get("accessToken").asString()).get("/admin/messaging/registration/dead-letters");
        assertThat(admin.status()).isEqualTo(200);
        assertThat(api().get("/admin/messaging/registration/dead-letters").status()).isEqualTo(401);
    }

    @Test
    void health_openapi_and_metrics_are_served() {
        assertThat(api().get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(api().get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(api().get("/v3/api-docs").body()).contains("/api/v1/participants");
        assertThat(api().get("/swagger-ui/index.html").status()).isEqualTo(200);
        assertThat(api().get("/actuator/prometheus").body()).contains("prakerja_outbox_pending");
    }

    @Test
    void the_api_document_shows_open_endpoints_without_a_lock_and_every_other_with_the_token() {
        var api = api().get("/v3/api-docs").json();
        var paths = api.get("paths");
        // open (prakerja.security.public-paths): an empty requirement, so Swagger UI shows no lock
        for (String open : List.of("/api/v1/participants post", "/api/v1/auth/otp post", "/api/v1/auth/token post")) {
            String[] at = open.split(" ");
            var security = paths.path(at[0]).path(at[1]).get("security");
            assertThat(security).as(open).isNotNull();
            assertThat(security.isArray() && security.isEmpty()).as(open + " has an empty security requirement").isTrue();
        }
        // everything else: the document's bearer token, not overridden
        assertThat(api.get("security").toString()).isEqualTo("[{\"bearer\":[]}]");
        for (String locked : List.of("/api/v1/participants/me get", "/admin/participants get", "/api/v1/waves get")) {
            String[] at = locked.split(" ");
            assertThat(paths.path(at[0]).path(at[1]).isObject()).as(locked).isTrue();
            assertThat(paths.path(at[0]).path(at[1]).has("security")).as(locked).isFalse();
        }
    }
}
