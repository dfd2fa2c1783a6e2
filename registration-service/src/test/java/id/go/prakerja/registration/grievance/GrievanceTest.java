package id.go.prakerja.registration.grievance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.Topics;
import id.go.prakerja.events.registration.GrievanceFiled;
import id.go.prakerja.events.registration.GrievanceResolution;
import id.go.prakerja.events.registration.GrievanceResolved;
import id.go.prakerja.events.registration.GrievanceStep;
import id.go.prakerja.registration.RegistrationServiceTest;
import id.go.prakerja.registration.TestApplicants;
import id.go.prakerja.support.security.Roles;
import id.go.prakerja.support.security.TokenIssuer;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.KafkaProbe;
import id.go.prakerja.testsupport.TestImages;

/** Grievances as a participant and operators use them, on the real broker, database and SMS and e-mail simulators. */
class GrievanceTest extends RegistrationServiceTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    @Autowired
    TokenIssuer tokens;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_participant_files_a_grievance_with_two_images_and_reads_it_back_with_the_images_sealed_at_rest() {
        Participant p = participant();
        byte[] jpeg = TestImages.jpeg("struk-transfer", 5_000);
        try (KafkaProbe probe = KafkaProbe.listen(Topics.REGISTRATION)) {
            var filed = GrievanceForms.file(p.api(), "PAYMENT", "Insentif bulan kedua belum masuk ke rekening saya.", jpeg, PNG);
            assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
            String id = filed.json().get("grievanceId").asString();
            assertThat(filed.json().get("status").asString()).isEqualTo("OPEN");
            assertThat(filed.json().get("images").size()).isEqualTo(2);

            var read = p.api().get("/api/v1/grievances/" + id);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().get("step").asString()).isEqualTo("PAYMENT");
            assertThat(read.json().get("text").asString()).isEqualTo("Insentif bulan kedua belum masuk ke rekening saya.");
            var mine = p.api().get("/api/v1/grievances");
            assertThat(mine.json().size()).isEqualTo(1);
            assertThat(mine.json().get(0).get("grievanceId").asString()).isEqualTo(id);

            HttpResponse<byte[]> first = bytes(p, "/api/v1/grievances/" + id + "/images/1");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            assertThat(first.body()).isEqualTo(jpeg);
            HttpResponse<byte[]> second = bytes(p, "/api/v1/grievances/" + id + "/images/2");
            assertThat(second.headers().firstValue("Content-Type")).hasValue("image/png");
            assertThat(second.body()).isEqualTo(PNG);
            assertThat(p.api().get("/api/v1/grievances/" + id + "/images/3").status()).isEqualTo(404);

            byte[] stored = jdbc.queryForObject("select content from grievance_image where grievance_id = ?::uuid and position = 1",
                    byte[].class, id);
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("struk-transfer");

            await().atMost(WAIT).until(() -> events(probe, p.id()).stream().anyMatch(e -> e.payload() instanceof GrievanceFiled));
            GrievanceFiled event = events(probe, p.id()).stream().filter(e -> e.payload() instanceof GrievanceFiled)
                    .findFirst().orElseThrow().as(GrievanceFiled.class).payload();
            assertThat(event.grievanceId().toString()).isEqualTo(id);
            assertThat(event.step()).isEqualTo(GrievanceStep.PAYMENT);
            assertThat(event.images()).isEqualTo(2);
        }
    }

    @Test
    void another_participant_gets_404_for_a_grievance_and_its_images_never_403() {
        Participant owner = participant();
        Participant other = participant();
        String id = GrievanceForms.file(owner.api(), "TRAINING", "Sertifikat saya belum tercatat di dasbor.", TestImages.jpeg("x", 10))
                .json().get("grievanceId").asString();

        for (String path : List.of("/api/v1/grievances/" + id, "/api/v1/grievances/" + id + "/images/1")) {
            var refused = other.api().inLanguage("en").get(path);
            assertThat(refused.status()).as(path).isEqualTo(404);
            assertThat(refused.contentType()).contains("application/problem+json");
            assertThat(refused.json().get("code").asString()).isEqualTo("GRIEVANCE_NOT_FOUND");
        }
        assertThat(other.api().get("/api/v1/grievances").json().size()).isZero();
        assertThat(owner.api().get("/api/v1/grievances/" + id).status()).isEqualTo(200);
    }

    @Test
    void an_operator_assigns_answers_and_resolves_and_the_participant_is_told_by_sms_and_email_at_each_step() {
        Participant p = participant();
        jdbc.update("update participant set status = 'VERIFIED', version = version + 1 where id = ?", p.id());
        String id = GrievanceForms.file(p.api(), "INCENTIVE", "Jadwal insentif saya tidak muncul padahal sudah lulus.").json()
                .get("grievanceId").asString();
        HttpApi operator = operator("petugas-a");

        var assigned = operator.post("/admin/grievances/" + id + "/assign", Map.of("operator", "petugas-b"));
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        assertThat(assigned.json().get("assignedTo").asString()).isEqualTo("petugas-b");

        try (KafkaProbe probe = KafkaProbe.listen(Topics.REGISTRATION)) {
            var answered = operator.post("/admin/grievances/" + id + "/answer",
                    Map.of("text", "Jadwal muncul setelah rekening Anda terverifikasi oleh mitra."));
            assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
            assertThat(answered.json().get("status").asString()).isEqualTo("ANSWERED");
            await().atMost(WAIT).until(() -> p.sms().stream().anyMatch(t -> t.contains("sudah dijawab")));
            await().atMost(WAIT).until(() -> SIMULATORS.email().messagesTo(p.email()).stream()
                    .anyMatch(m -> m.text().contains("Jadwal muncul setelah rekening")));

            var mine = p.api().get("/api/v1/grievances/" + id).json();
            assertThat(mine.get("status").asString()).isEqualTo("ANSWERED");
            assertThat(mine.get("answers").get(0).get("text").asString()).startsWith("Jadwal muncul");

            var resolved = operator.post("/admin/grievances/" + id + "/resolve", Map.of("resolution", "EXPLAINED", "note", "dijelaskan"));
            assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
            await().atMost(WAIT).until(() -> p.sms().stream().anyMatch(t -> t.contains("selesai (sudah dijelaskan)")));
            assertThat(p.api().get("/api/v1/grievances/" + id).json().get("resolution").asString()).isEqualTo("EXPLAINED");

            await().atMost(WAIT).until(() -> events(probe, p.id()).stream().anyMatch(e -> e.payload() instanceof GrievanceResolved));
            var types = events(probe, p.id()).stream().map(EventEnvelope::type).toList();
            assertThat(types).containsSubsequence("GrievanceAnswered", "GrievanceResolved");
            var resolvedEvent = events(probe, p.id()).stream().filter(e -> e.payload() instanceof GrievanceResolved).findFirst()
                    .orElseThrow().as(GrievanceResolved.class);
            assertThat(resolvedEvent.payload().resolution()).isEqualTo(GrievanceResolution.EXPLAINED);
            assertThat(resolvedEvent.payload().step()).isEqualTo(GrievanceStep.INCENTIVE);
            assertThat(resolvedEvent.correlationId().toString()).isEqualTo(id);
        }
        // the audit entry is written as the call ends, after its answer may have left
        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.queryForList(
                "select action from audit_entry where participant_id = ? order by id", String.class, p.id()))
                .containsExactly("GRIEVANCE_ASSIGNED", "GRIEVANCE_ANSWERED", "GRIEVANCE_RESOLVED"));
        assertThat(jdbc.queryForObject("select operator from audit_entry where participant_id = ? and action = 'GRIEVANCE_RESOLVED'",
                String.class, p.id())).isEqualTo("petugas-a");
    }

    @Test
    void a_change_the_grievances_status_does_not_allow_is_a_409_problem_and_changes_nothing() {
        Participant p = participant();
        String id = GrievanceForms.file(p.api(), "SURVEY", "Survei pertama tidak bisa dibuka di aplikasi.").json().get("grievanceId").asString();
        HttpApi operator = operator("petugas-c");
        assertThat(operator.post("/admin/grievances/" + id + "/escalate", Map.of("reason", "perlu tim survei")).status()).isEqualTo(200);
        var again = operator.inLanguage("en").post("/admin/grievances/" + id + "/escalate", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("GRIEVANCE_TRANSITION_NOT_ALLOWED");

        assertThat(operator.post("/admin/grievances/" + id + "/resolve", Map.of("resolution", "FIXED")).status()).isEqualTo(200);
        var before = jdbc.queryForMap("select * from grievance where id = ?::uuid", id);
        for (var change : List.of(Map.entry("resolve", Map.of("resolution", "DUPLICATE")),
                Map.entry("answer", Map.of("text", "Jawaban terlambat")), Map.entry("assign", Map.of()),
                Map.entry("escalate", Map.of()))) {
            var refused = operator.post("/admin/grievances/" + id + "/" + change.getKey(), change.getValue());
            assertThat(refused.status()).as(change.getKey()).isEqualTo(409);
            assertThat(refused.contentType()).contains("application/problem+json");
            assertThat(refused.json().get("code").asString()).isEqualTo("GRIEVANCE_TRANSITION_NOT_ALLOWED");
        }
        assertThat(jdbc.queryForMap("select * from grievance where id = ?::uuid", id)).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from grievance_answer where grievance_id = ?::uuid", Long.class, id)).isZero();
        assertThat(operator.post("/admin/grievances/" + UUID.randomUUID() + "/resolve", Map.of("resolution", "FIXED")).status())
                .isEqualTo(404);
    }

    @Test
    void ten_grievances_filed_at_once_open_exactly_the_cap_and_the_rest_get_a_409_problem() throws Exception {
        Participant p = participant();
        List<Callable<HttpApi.Response>> filings = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            filings.add(() -> GrievanceForms.file(p.api(), "OTHER", "Pengaduan nomor " + n + " tentang hal lain."));
        }
        List<HttpApi.Response> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<HttpApi.Response> answer : clients.invokeAll(filings, 60, TimeUnit.SECONDS)) {
                answers.add(answer.get());
            }
        }
        assertThat(answers).extracting(HttpApi.Response::status).containsOnly(201, 409);
        assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(5);
        assertThat(answers).filteredOn(r -> r.status() == 409).allSatisfy(r -> {
            assertThat(r.contentType()).contains("application/problem+json");
            assertThat(r.json().get("code").asString()).isEqualTo("GRIEVANCE_LIMIT_REACHED");
        });
        assertThat(jdbc.queryForObject("select count(*) from grievance where participant_id = ?", Long.class, p.id())).isEqualTo(5);

        // a resolved one makes room for one more
        String first = answers.stream().filter(r -> r.status() == 201).findFirst().orElseThrow().json().get("grievanceId").asString();
        operator("petugas-d").post("/admin/grievances/" + first + "/resolve", Map.of("resolution", "DUPLICATE"));
        assertThat(GrievanceForms.file(p.api(), "OTHER", "Satu lagi setelah yang lain selesai.").status()).isEqualTo(201);
        assertThat(GrievanceForms.file(p.api(), "OTHER", "Dan satu lagi melewati batas.").status()).isEqualTo(409);
    }

    @Test
    void bad_text_images_or_step_are_400_problems_and_file_nothing() {
        Participant p = participant();
        String ok = "Saya tidak bisa masuk ke akun saya sejak kemarin.";
        Map<String, HttpApi.Response> refused = new java.util.LinkedHashMap<>();
        refused.put("NUL in text", GrievanceForms.file(p.api(), "OTHER", "Saya tidak bisa\u0000 masuk ke akun."));
        refused.put("escape in text", GrievanceForms.file(p.api(), "OTHER", "Saya tidak bisa\u001b[31m masuk ke akun."));
        refused.put("text too long", GrievanceForms.file(p.api(), "OTHER", "x".repeat(2001)));
        refused.put("text too short", GrievanceForms.file(p.api(), "OTHER", "tolong"));
        refused.put("no text", GrievanceForms.file(p.api(), "OTHER", null));
        refused.put("no step", GrievanceForms.file(p.api(), null, ok));
        refused.put("unknown step", GrievanceForms.file(p.api(), "TELEPORT", ok));
        refused.put("three images", GrievanceForms.file(p.api(), "OTHER", ok, PNG, PNG, PNG));
        refused.put("not an image", GrievanceForms.file(p.api(), "OTHER", ok, "GIF89a...".getBytes(StandardCharsets.US_ASCII)));
        refused.put("image too large", GrievanceForms.file(p.api(), "OTHER", ok, TestImages.jpeg("besar", 2 * 1024 * 1024)));
        refused.forEach((what, answer) -> {
            assertThat(answer.status()).as(what + ": " + answer).isEqualTo(400);
            assertThat(answer.contentType()).as(what).contains("application/problem+json");
            assertThat(answer.body()).as(what).doesNotContain("Exception");
        });
        assertThat(refused.get("NUL in text").json().get("errors").get(0).get("field").asString()).isEqualTo("text");
        assertThat(refused.get("NUL in text").json().get("errors").get(0).get("code").asString()).isEqualTo("TEXT_CONTROL_CHARACTER");
        assertThat(refused.get("not an image").json().get("errors").get(0).get("code").asString()).isEqualTo("IMAGE_TYPE");
        assertThat(refused.get("image too large").json().get("errors").get(0).get("code").asString()).isEqualTo("IMAGE_TOO_LARGE");
        assertThat(refused.get("three images").json().get("errors").get(0).get("code").asString()).isEqualTo("TOO_MANY_IMAGES");
        assertThat(jdbc.queryForObject("select count(*) from grievance where participant_id = ?", Long.class, p.id())).isZero();

        String id = GrievanceForms.file(p.api(), "OTHER", ok).json().get("grievanceId").asString();
        HttpApi operator = operator("petugas-e");
        var nul = operator.post("/admin/grievances/" + id + "/answer", Map.of("text", "Coba\u0000 lagi"));
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.json().get("errors").get(0).get("field").asString()).isEqualTo("text");
        assertThat(operator.post("/admin/grievances/" + id + "/resolve", Map.of("resolution", "SOLVED")).status()).isEqualTo(400);
        assertThat(operator.post("/admin/grievances/" + id + "/assign", Map.of("operator", "a b\u0000")).status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("select status from grievance where id = ?::uuid", String.class, id)).isEqualTo("OPEN");
        assertThat(p.api().get("/api/v1/grievances/not-a-uuid").status()).isEqualTo(400);
    }

    @Test
    void the_operators_queue_filters_by_status_and_step_and_counts_by_age() {
        Participant p = participant();
        String assignee = "antrian-" + UUID.randomUUID();
        HttpApi operator = operator("petugas-f");
        List<String> ids = new ArrayList<>();
        for (String step : List.of("VERIFICATION", "VERIFICATION", "SELECTION")) {
            String id = GrievanceForms.file(p.api(), step, "Status saya tidak berubah sejak minggu lalu.").json().get("grievanceId").asString();
            operator.post("/admin/grievances/" + id + "/assign", Map.of("operator", assignee));
            ids.add(id);
        }
        jdbc.update("update grievance set filed_at = now() - interval '2 days' where id = ?::uuid", ids.get(0));
        jdbc.update("update grievance set filed_at = now() - interval '10 days' where id = ?::uuid", ids.get(2));
        operator.post("/admin/grievances/" + ids.get(1) + "/escalate", Map.of("reason", "butuh data Dukcapil"));

        var all = operator.get("/admin/grievances?assignedTo=" + assignee).json();
        assertThat(all.get("total").asLong()).isEqualTo(3);
        assertThat(all.get("byAge").get("UNDER_1_DAY").asLong()).isEqualTo(1);
        assertThat(all.get("byAge").get("DAYS_1_TO_3").asLong()).isEqualTo(1);
        assertThat(all.get("byAge").get("DAYS_7_TO_30").asLong()).isEqualTo(1);
        assertThat(all.get("items").get(0).get("id").asString()).as("oldest first").isEqualTo(ids.get(2));
        assertThat(all.get("items").get(0).get("age").asString()).isEqualTo("DAYS_7_TO_30");

        var escalated = operator.get("/admin/grievances?assignedTo=" + assignee + "&status=ESCALATED").json();
        assertThat(escalated.get("total").asLong()).isEqualTo(1);
        assertThat(escalated.get("items").get(0).get("id").asString()).isEqualTo(ids.get(1));
        var verification = operator.get("/admin/grievances?assignedTo=" + assignee + "&step=VERIFICATION&status=OPEN,ESCALATED").json();
        assertThat(verification.get("total").asLong()).isEqualTo(2);

        var detail = operator.get("/admin/grievances/" + ids.get(0)).json();
        assertThat(detail.get("participantId").asString()).isEqualTo(p.id().toString());
        assertThat(detail.get("text").asString()).contains("tidak berubah");
        assertThat(p.api().get("/admin/grievances").status()).as("participants are not operators").isEqualTo(403);
        assertThat(operator.get("/api/v1/grievances").status()).as("operators have no grievances of their own").isEqualTo(403);
    }

    // --- helpers --------------------------------------------------------------------------------

    record Participant(UUID id, String phone, String email, HttpApi api) {
        List<String> sms() {
            return SIMULATORS.sms().messagesTo(phone).stream().map(m -> m.text()).toList();
        }
    }

    private Participant participant() {
        int n = SEQUENCE.incrementAndGet() + 100 * (int) (System.nanoTime() % 90);
        String phone = "0838" + "%08d".formatted(n);
        String email = "aduan" + n + "x" + UUID.randomUUID().toString().substring(0, 6) + "@example.id";
        var response = api().post("/api/v1/participants", TestApplicants.body("317405010192" + "%04d".formatted(n % 9999 + 1),
                "3176" + "%012d".formatted(n), "Siti Aminah", "Jakarta", "1992-01-01", email, phone, "Jl. Salemba No. 3"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        UUID id = UUID.fromString(response.json().get("participantId").asString());
        return new Participant(id, "+62" + phone.substring(1), email,
                api().withToken(tokens.issue(id.toString(), Roles.PARTICIPANT).accessToken()));
    }

    private HttpApi operator(String name) {
        return api().withToken(tokens.issue(name, Roles.OPERATOR).accessToken());
    }

    private HttpResponse<byte[]> bytes(Participant p, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", p.api().identity().get("Authorization")).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<EventEnvelope<?>> events(KafkaProbe probe, UUID participant) {
        return probe.records().stream().filter(r -> participant.toString().equals(r.key()))
                .<EventEnvelope<?>>map(r -> EventJson.read(r.value()).orElseThrow()).toList();
    }
}
