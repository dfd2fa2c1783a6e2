package id.go.prakerja.verification;

import static id.go.prakerja.testsupport.TestImages.jpeg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.Topics;
import id.go.prakerja.events.registration.ParticipantProfileUpdated;
import id.go.prakerja.events.verification.ParticipantRejected;
import id.go.prakerja.events.verification.ParticipantVerified;
import id.go.prakerja.events.verification.VerificationLayer;
import id.go.prakerja.events.verification.VerificationLayerFailed;
import id.go.prakerja.events.verification.VerificationLayerPassed;
import id.go.prakerja.events.verification.VerificationReviewQueued;
import id.go.prakerja.simulators.Fault;
import id.go.prakerja.simulators.population.Resident;
import id.go.prakerja.testsupport.KafkaProbe;
import tools.jackson.databind.JsonNode;

/**
 * The four layers against the simulated Dukcapil, SMS gateway, e-mail provider and face-match
 * provider, over the service's own API, broker and database.
 */
class VerificationLayersTest extends VerificationServiceTest {

    @AfterEach
    void liftFaults() {
        SIMULATORS.dukcapil().reset();
        SIMULATORS.email().fault(Fault.none());
        SIMULATORS.faceMatch().reset();
    }

    @Test
    void a_participant_passes_the_four_layers_in_order_and_is_verified_with_one_event_per_step() {
        try (KafkaProbe verification = KafkaProbe.listen(Topics.VERIFICATION)) {
            Applicant a = registered();
            assertThat(a.api().post("/api/v1/verification/me/phone/code", null).json().get("code").asString())
                    .as("layers go in order").isEqualTo("LAYER_NOT_CURRENT");

            var sent = a.api().post("/api/v1/verification/me/email/code", null);
            assertThat(sent.status()).isEqualTo(202);
            assertThat(sent.json().get("sentTo").asString()).startsWith("p").contains("***@example.id");
            passEmailWithLatestCode(a);

            // Dukcapil is asked without anyone pressing anything
            awaitLayer(a, "NIK", "PASSED");
            assertThat(a.myCase().get("currentLayer").asString()).isEqualTo("PHONE");
            passPhone(a);

            byte[] ktp = jpeg("KTP " + a.id(), 2000);
            var upload = a.api().postFiles("/api/v1/verification/me/kyc", Map.of("ktpPhoto", ktp, "selfie", ktp));
            assertThat(upload.status()).as(upload.toString()).isEqualTo(202);
            assertThat(upload.json().get("waitingFor").asString()).isEqualTo("PARTNER");
            await().atMost(WAIT).until(() -> a.myCase().get("status").asString().equals("VERIFIED"));

            JsonNode verified = a.myCase();
            assertThat(verified.get("waitingFor").asString()).isEqualTo("NOBODY");
            assertThat(verified.get("layers")).allSatisfy(layer -> {
                assertThat(layer.get("status").asString()).isEqualTo("PASSED");
                assertThat(layer.get("attempts").asInt()).isEqualTo(1);
            });
            assertThat(verified.get("nik").asString()).contains("********").doesNotContain(a.resident().nik());

            await().atMost(WAIT).until(() -> events(verification, a.id()).size() == 5);
            var events = events(verification, a.id());
            assertThat(events.subList(0, 4)).extracting(e -> ((VerificationLayerPassed) e.payload()).layer())
                    .containsExactly(VerificationLayer.EMAIL, VerificationLayer.NIK, VerificationLayer.PHONE, VerificationLayer.KYC);
            assertThat(events.get(4).payload()).isInstanceOf(ParticipantVerified.class);
        }
    }

    @Test
    void codes_are_limited_checked_and_explained_in_the_participants_language() {
        Applicant a = registered();
        assertThat(a.api().post("/api/v1/verification/me/email", Map.of("code", "123456")).json().get("code").asString())
                .isEqualTo("CODE_NOT_SENT");
        assertThat(a.api().post("/api/v1/verification/me/email/code", null).status()).isEqualTo(202);
        var tooSoon = a.api().post("/api/v1/verification/me/email/code", null);
        assertThat(tooSoon.status()).isEqualTo(429);
        assertThat(tooSoon.json().get("code").asString()).isEqualTo("OTP_TOO_SOON");

        String right = SIMULATORS.email().latestCode(a.email()).orElseThrow();
        String wrong = right.equals("000000") ? "111111" : "000000";
        var english = a.api().inLanguage("en").post("/api/v1/verification/me/email", Map.of("code", wrong));
        assertThat(english.status()).isEqualTo(422);
        assertThat(english.json().get("code").asString()).isEqualTo("CODE_WRONG");
        assertThat(english.json().get("detail").asString()).contains("4 tries left");
        assertThat(a.api().post("/api/v1/verification/me/email", Map.of("code", wrong)).json().get("detail").asString())
                .as("Bahasa Indonesia by default").contains("Sisa 3 kali");
        var malformed = a.api().post("/api/v1/verification/me/email", Map.of("code", "12ab"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("errors").get(0).get("field").asString()).isEqualTo("code");

        assertThat(a.api().post("/api/v1/verification/me/email", Map.of("code", right)).status()).isEqualTo(200);
        assertThat(jdbcCodesInClear(a.id(), right)).as("codes are stored only as keyed hashes").isZero();
    }

    @Test
    void a_code_used_up_by_wrong_entries_is_a_failed_attempt_and_the_last_allowed_failure_goes_to_review() {
        try (KafkaProbe verification = KafkaProbe.listen(Topics.VERIFICATION)) {
            Applicant a = registered();
            for (int attempt = 1; attempt <= 3; attempt++) {
                int n = attempt;
                await().atMost(WAIT).until(() -> a.api().post("/api/v1/verification/me/email/code", null).status() == 202);
                String wrong = SIMULATORS.email().latestCode(a.email()).orElseThrow().equals("000000") ? "111111" : "000000";
                for (int entry = 1; entry <= 5; entry++) {
                    var answer = a.api().post("/api/v1/verification/me/email", Map.of("code", wrong));
                    assertThat(answer.json().get("code").asString()).as("attempt %d entry %d", n, entry)
                            .isEqualTo(entry < 5 ? "CODE_WRONG" : "CODE_ATTEMPTS_EXHAUSTED");
                }
            }
            JsonNode inReview = a.myCase();
            assertThat(inReview.get("status").asString()).isEqualTo("IN_REVIEW");
            assertThat(inReview.get("waitingFor").asString()).isEqualTo("OPERATOR");
            assertThat(inReview.get("review").get("reasonCode").asString()).isEqualTo("CODE_ATTEMPTS_EXHAUSTED");
            assertThat(a.api().post("/api/v1/verification/me/email/code", null).status())
                    .as("no more codes while an operator decides").isEqualTo(409);

            assertThat(a.api().post("/api/v1/verification/me/email", Map.of("code", "000000")).status())
                    .as("an entry while in review changes nothing").isEqualTo(409);
            await().atMost(WAIT).until(() -> events(verification, a.id()).size() == 4);
            assertThat(events(verification, a.id()).subList(0, 3))
                    .extracting(e -> ((VerificationLayerFailed) e.payload()).retryable()).containsExactly(true, true, false);
            var queued = events(verification, a.id()).get(3);
            assertThat(queued.payload()).isInstanceOfSatisfying(VerificationReviewQueued.class, q -> {
                assertThat(q.layer()).isEqualTo(VerificationLayer.EMAIL);
                assertThat(q.reasonCode()).isEqualTo("CODE_ATTEMPTS_EXHAUSTED");
                assertThat(q.queuedAt()).isCloseTo(java.time.Instant.parse(inReview.get("review").get("since").asString()),
                        org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MILLIS));
            });

            var queue = operator().get("/admin/verification/review-queue?size=200").json().get("content");
            assertThat(queue.valueStream().map(c -> c.get("participantId").asString())).contains(a.id().toString());
            var rejected = operator().post("/admin/verification/cases/" + a.id() + "/reject",
                    Map.of("reasonCode", "EMAIL_NOT_CONFIRMED", "note", "no code ever entered right"));
            assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
            assertThat(rejected.json().get("status").asString()).isEqualTo("REJECTED");
            await().atMost(WAIT).until(() -> events(verification, a.id()).size() == 5);
            ParticipantRejected rejection = (ParticipantRejected) events(verification, a.id()).get(4).payload();
            assertThat(rejection.layer()).isEqualTo(VerificationLayer.EMAIL);
            assertThat(rejection.reasonCode()).isEqualTo("EMAIL_NOT_CONFIRMED");
            assertThat(operator().post("/admin/verification/cases/" + a.id() + "/approve", null).json().get("code").asString())
                    .isEqualTo("CASE_NOT_IN_REVIEW");

            var history = operator().get("/admin/verification/cases/" + a.id()).json().get("history");
            assertThat(history.valueStream().map(h -> h.get("outcome").asString()))
                    .containsExactly("FAILED", "FAILED", "FAILED", "REJECTED");
            assertThat(history.get(3).get("decidedBy").asString()).isEqualTo("operator-sari");
        }
    }

    @Test
    void a_nik_dukcapil_does_not_match_fails_with_its_reason_may_be_rechecked_and_then_goes_to_review() {
        Resident resident = SIMULATORS.resident(9_999);
        Applicant a = registered(resident, "NAMA YANG SAMA SEKALI LAIN");
        passEmailWithLatestCode(a);

        awaitLayer(a, "NIK", "FAILED");
        JsonNode nik = a.myCase().get("layers").get(1);
        assertThat(nik.get("reason").asString()).isEqualTo("NAME_MISMATCH");
        assertThat(nik.get("attemptsLeft").asInt()).isEqualTo(2);
        assertThat(a.myCase().get("waitingFor").asString()).isEqualTo("PARTICIPANT");

        for (int recheck = 1; recheck <= 2; recheck++) {
            int attempts = recheck + 1;
            assertThat(a.api().post("/api/v1/verification/me/nik/recheck", null).status()).isEqualTo(202);
            await().atMost(WAIT).until(() -> a.myCase().get("layers").get(1).get("attempts").asInt() == attempts);
        }
        assertThat(a.myCase().get("status").asString()).isEqualTo("IN_REVIEW");
        assertThat(a.api().post("/api/v1/verification/me/nik/recheck", null).status()).isEqualTo(409);

        var detail = operator().get("/admin/verification/cases/" + a.id()).json();
        var firstNikCheck = detail.get("history").valueStream().filter(h -> h.get("layer").asString().equals("NIK"))
                .findFirst().orElseThrow();
        assertThat(firstNikCheck.get("reasonCode").asString()).isEqualTo("NAME_MISMATCH");
        assertThat(firstNikCheck.get("detail").asString()).startsWith("below 90%: fullName");
        var approved = operator().post("/admin/verification/cases/" + a.id() + "/approve",
                Map.of("note", "name spelled differently on the KTP; checked by phone"));
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json().get("currentLayer").asString()).isEqualTo("PHONE");
        assertThat(approved.json().get("status").asString()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void while_dukcapil_is_down_cases_wait_without_failing_and_resume_by_themselves() {
        SIMULATORS.dukcapil().fault(Fault.down());
        Applicant a = registered();
        passEmailWithLatestCode(a);

        await().atMost(WAIT).until(() -> "DUKCAPIL_UNAVAILABLE".equals(a.myCase().get("layers").get(1).path("reason").asString()));
        JsonNode waiting = a.myCase();
        assertThat(waiting.get("layers").get(1).get("status").asString()).isEqualTo("PENDING");
        assertThat(waiting.get("layers").get(1).get("attempts").asInt()).as("an outage is no attempt").isZero();
        assertThat(waiting.get("waitingFor").asString()).isEqualTo("PARTNER");

        SIMULATORS.dukcapil().reset();
        awaitLayer(a, "NIK", "PASSED");
        assertThat(a.myCase().get("layers").get(1).get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void an_email_provider_outage_is_a_503_and_does_not_count_against_the_resend_limit() {
        Applicant a = registered();
        SIMULATORS.email().fault(Fault.down());
        var down = a.api().post("/api/v1/verification/me/email/code", null);
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.json().get("code").asString()).isEqualTo("EMAIL_UNAVAILABLE");

        SIMULATORS.email().fault(Fault.none());
        assertThat(a.api().post("/api/v1/verification/me/email/code", null).status()).isEqualTo(202);
    }

    @Test
    void uploads_must_be_jpeg_or_png_present_and_within_the_size_limit() {
        Applicant a = registered();
        var missing = a.api().postFiles("/api/v1/verification/me/kyc", Map.of("ktpPhoto", jpeg("KTP", 100)));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(fieldCodes(missing.json())).containsExactly("selfie=IMAGE_MISSING");

        var wrongType = a.api().inLanguage("en").postFiles("/api/v1/verification/me/kyc",
                Map.of("ktpPhoto", "%PDF-1.7 not a photo".getBytes(), "selfie", jpeg("x", 3 * 1024 * 1024)));
        assertThat(fieldCodes(wrongType.json())).containsExactlyInAnyOrder("ktpPhoto=IMAGE_TYPE", "selfie=IMAGE_TOO_LARGE");
        assertThat(wrongType.json().get("errors").toString()).contains("larger than 2,048 KB");

        var notYet = a.api().postFiles("/api/v1/verification/me/kyc", Map.of("ktpPhoto", jpeg("a", 10), "selfie", jpeg("b", 10)));
        assertThat(notYet.status()).as("valid images before the KYC layer").isEqualTo(409);
    }

    @Test
    void a_face_match_the_automation_cannot_decide_goes_to_an_operator_who_sees_the_images_and_approves() {
        try (KafkaProbe verification = KafkaProbe.listen(Topics.VERIFICATION)) {
            Applicant a = walkToKyc();
            byte[] ktp = jpeg("KTP " + a.id(), 500);
            byte[] selfie = jpeg("UNSURE " + a.id(), 500);
            assertThat(a.api().postFiles("/api/v1/verification/me/kyc", Map.of("ktpPhoto", ktp, "selfie", selfie)).status())
                    .isEqualTo(202);
            await().atMost(WAIT).until(() -> a.myCase().get("status").asString().equals("IN_REVIEW"));
            assertThat(a.myCase().get("review").get("reasonCode").asString()).isEqualTo("FACE_UNDECIDED");

            var image = operator().get("/admin/verification/cases/" + a.id() + "/kyc/selfie");
            assertThat(image.status()).isEqualTo(200);
            assertThat(image.contentType()).isEqualTo("image/jpeg");
            assertThat(image.body()).contains("UNSURE " + a.id());

            assertThat(operator().post("/admin/verification/cases/" + a.id() + "/approve", null).json().get("status")
                    .asString()).isEqualTo("VERIFIED");
            await().atMost(WAIT).until(() -> events(verification, a.id()).stream()
                    .anyMatch(e -> e.payload() instanceof ParticipantVerified));
            assertThat(events(verification, a.id())).filteredOn(e -> e.payload() instanceof VerificationReviewQueued)
                    .as("the undecided face is queued for review once").singleElement()
                    .extracting(EventEnvelope::payload)
                    .isInstanceOfSatisfying(VerificationReviewQueued.class, q -> {
                        assertThat(q.layer()).isEqualTo(VerificationLayer.KYC);
                        assertThat(q.reasonCode()).isEqualTo("FACE_UNDECIDED");
                    });
        }
    }

    @Test
    void a_face_that_does_not_match_fails_the_attempt_and_a_new_upload_is_the_next_one() {
        Applicant a = walkToKyc();
        byte[] ktp = jpeg("KTP " + a.id(), 500);
        a.api().postFiles("/api/v1/verification/me/kyc", Map.of("ktpPhoto", ktp, "selfie", jpeg("NOMATCH", 500)));
        awaitLayer(a, "KYC", "FAILED");
        assertThat(a.myCase().get("layers").get(3).get("reason").asString()).isEqualTo("FACE_MISMATCH");

        assertThat(a.api().postFiles("/api/v1/verification/me/kyc", Map.of("ktpPhoto", ktp, "selfie", ktp)).status())
                .isEqualTo(202);
        await().atMost(WAIT).until(() -> a.myCase().get("status").asString().equals("VERIFIED"));
        assertThat(a.myCase().get("layers").get(3).get("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void a_changed_email_address_must_be_confirmed_again_before_verification_goes_on() {
        Applicant a = registered();
        passEmailWithLatestCode(a);
        awaitLayer(a, "NIK", "PASSED");

        String newAddress = "baru-" + a.id().toString().substring(0, 8) + "@example.id";
        var update = EventEnvelope.of(new ParticipantProfileUpdated(Map.of("email", newAddress), java.time.Instant.now()),
                a.id(), UUID.randomUUID(), null, java.time.Instant.now());
        KafkaProbe.send(Topics.REGISTRATION, a.id().toString(), EventJson.write(update));

        await().atMost(WAIT).until(() -> a.myCase().get("currentLayer").asString().equals("EMAIL"));
        assertThat(a.layerStatus("EMAIL")).isEqualTo("PENDING");
        assertThat(a.layerStatus("NIK")).as("what was passed stays passed").isEqualTo("PASSED");
        assertThat(a.api().post("/api/v1/verification/me/email/code", null).status()).isEqualTo(202);
        assertThat(SIMULATORS.email().latestCode(newAddress)).isPresent();
        String code = SIMULATORS.email().latestCode(newAddress).orElseThrow();
        assertThat(a.api().post("/api/v1/verification/me/email", Map.of("code", code)).json().get("currentLayer").asString())
                .isEqualTo("PHONE");
    }

    @Test
    void operators_see_counts_per_layer_and_per_reason_and_participants_cannot() {
        var before = operator().get("/admin/verification/counts").json();
        Applicant a = registered(SIMULATORS.resident(9_998), "ORANG LAIN SEKALI");
        passEmailWithLatestCode(a);
        awaitLayer(a, "NIK", "FAILED");

        // this participant's case, counted: the shared database holds other tests' cases too
        var counts = operator().get("/admin/verification/counts").json();
        assertThat(counts.get("cases").path("IN_PROGRESS").asLong()).isEqualTo(before.get("cases").path("IN_PROGRESS").asLong() + 1);
        assertThat(counts.get("layers").path("EMAIL").path("PASSED").asLong())
                .isEqualTo(before.get("layers").path("EMAIL").path("PASSED").asLong() + 1);
        assertThat(nameMismatches(counts)).isEqualTo(nameMismatches(before) + 1);
        assertThat(a.api().get("/admin/verification/counts").status()).isEqualTo(403);
    }

    private static long nameMismatches(JsonNode counts) {
        return counts.get("reasons").valueStream().filter(r -> r.get("layer").asString().equals("NIK")
                && r.get("reasonCode").asString().equals("NAME_MISMATCH")).mapToLong(r -> r.get("count").asLong()).sum();
    }

    private Applicant walkToKyc() {
        Applicant a = registered();
        passEmailWithLatestCode(a);
        awaitLayer(a, "NIK", "PASSED");
        passPhone(a);
        return a;
    }

    private void passEmailWithLatestCode(Applicant a) {
        if (SIMULATORS.email().messagesTo(a.email()).isEmpty()) {
            passEmail(a);
            return;
        }
        String code = SIMULATORS.email().latestCode(a.email()).orElseThrow();
        assertThat(a.api().post("/api/v1/verification/me/email", Map.of("code", code)).status()).isEqualTo(200);
    }

    private static List<EventEnvelope<?>> events(KafkaProbe probe, UUID participant) {
        return probe.records().stream().filter(r -> participant.toString().equals(r.key()))
                .<EventEnvelope<?>>map(r -> EventJson.read(r.value()).orElseThrow()).toList();
    }

    private static List<String> fieldCodes(JsonNode problem) {
        return problem.get("errors").valueStream().map(e -> e.get("field").asString() + "=" + e.get("code").asString()).toList();
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private long jdbcCodesInClear(UUID participant, String code) {
        return jdbc.queryForObject("select count(*) from verification_code where participant_id = ? and code_hash like ?",
                Long.class, participant, "%" + code + "%");
    }
}
