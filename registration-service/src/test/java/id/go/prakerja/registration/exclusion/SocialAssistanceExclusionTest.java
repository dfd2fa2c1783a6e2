package id.go.prakerja.registration.exclusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.Topics;
import id.go.prakerja.events.verification.ParticipantVerified;
import id.go.prakerja.registration.RegistrationServiceTest;
import id.go.prakerja.registration.wave.WaveNumbers;
import id.go.prakerja.support.security.Roles;
import id.go.prakerja.support.security.TokenIssuer;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.KafkaProbe;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Operators list recipients of other social assistance; from the wave they name on, those people take no part. */
class SocialAssistanceExclusionTest extends RegistrationServiceTest {

    @Autowired
    TokenIssuer tokens;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    record Person(String nik, HttpApi api) {
    }

    @Test
    void listed_recipients_cannot_join_from_the_named_wave_and_are_not_selected_in_one_they_joined_before() throws Exception {
        int wave = WaveNumbers.next();
        int later = WaveNumbers.next();
        Person early = verified(1);      // on the first list, which applies from the later wave
        Person waiting = verified(2);    // joins the later wave before the second list names them
        Person other = verified(3);      // never listed
        HttpApi operator = api().withToken(tokens.issue("operator-dewi", Roles.OPERATOR).accessToken());
        openWave(operator, wave);
        openWave(operator, later);

        JsonNode before = operator.get("/admin/participants/social-assistance-exclusions").json().get("bySource");
        var upload = upload("PKH", later, "nik,program\n" + early.nik() + ",PKH\nnot-a-nik,PKH\n" + early.nik() + ",PKH\n",
                "operator-dewi");
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        JsonNode result = JsonMapper.shared().readTree(upload.body());
        assertThat(result.get("listed").asLong()).isEqualTo(1);
        assertThat(result.get("duplicates").asLong()).isEqualTo(1);
        assertThat(result.get("invalid").get(0).get("line").asLong()).isEqualTo(3);
        assertThat(upload.body()).as("NIKs are never echoed").doesNotContain(early.nik());

        assertThat(early.api().get("/api/v1/waves").json().valueStream().map(w -> w.get("number").asInt()))
                .as("open waves the participant may join").contains(wave).doesNotContain(later);
        assertThat(early.api().post("/api/v1/waves/" + wave + "/applications", null).status())
                .as("the list applies from the next wave").isEqualTo(201);
        var refused = early.api().inLanguage("en").post("/api/v1/waves/" + later + "/applications", null);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("code").asString()).isEqualTo("SOCIAL_ASSISTANCE_RECIPIENT");
        assertThat(refused.json().get("detail").asString()).contains("wave " + later);

        assertThat(waiting.api().post("/api/v1/waves/" + later + "/applications", null).status()).isEqualTo(201);
        assertThat(other.api().post("/api/v1/waves/" + later + "/applications", null).status()).isEqualTo(201);
        assertThat(upload("BPNT", later, waiting.nik() + "\n", "operator-dewi").statusCode()).isEqualTo(201);

        assertThat(operator.post("/admin/waves/" + later + "/close", null).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> "SELECTED".equals(
                operator.get("/admin/waves/" + later).json().get("status").asString()));
        assertThat(status(waiting, later)).as("listed after joining: not selected").isEqualTo("NOT_SELECTED");
        assertThat(status(other, later)).isEqualTo("SELECTED");
        await("both told the result").atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from wave_application where wave_number = ? and notified_at is not null", Long.class,
                later) == 2);

        var summary = operator.get("/admin/participants/social-assistance-exclusions").json();
        assertThat(summary.get("bySource").path("PKH").asLong()).isEqualTo(before.path("PKH").asLong() + 1);
        assertThat(summary.get("bySource").path("BPNT").asLong()).isEqualTo(before.path("BPNT").asLong() + 1);

        var removal = operator.post("/admin/participants/social-assistance-exclusions/removals", Map.of("nik", waiting.nik()));
        assertThat(removal.json().get("removed").asBoolean()).isTrue();
    }

    @Test
    void only_operators_upload_and_source_and_wave_are_checked() throws Exception {
        assertThat(upload("PKH", 5, "3174050101900001\n", null).statusCode()).isEqualTo(401);
        var bad = upload("pkh lowercase", 0, "3174050101900001\n", "operator-dewi");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("source").contains("fromWave");
    }

    private HttpResponse<String> upload(String source, int fromWave, String csv, String operator) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/admin/participants/social-assistance-exclusions?source=" + java.net.URLEncoder.encode(source,
                        java.nio.charset.StandardCharsets.UTF_8) + "&fromWave=" + fromWave))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv));
        if (operator != null) {
            request.header("Authorization", "Bearer " + tokens.issue(operator, Roles.OPERATOR).accessToken());
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private void openWave(HttpApi operator, int number) {
        Instant now = Instant.now();
        var created = operator.post("/admin/waves", Map.of("number", number, "opensAt", now.toString(), "closesAt",
                now.plus(Duration.ofDays(7)).toString(), "totalQuota", 10, "quotaByProvince", Map.of("33", 10L)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(operator.post("/admin/waves/" + number + "/open", null).status()).isEqualTo(200);
    }

    private static String status(Person person, int wave) {
        for (JsonNode application : person.api().get("/api/v1/waves/me").json()) {
            if (application.get("waveNumber").asInt() == wave) {
                return application.get("status").asString();
            }
        }
        throw new AssertionError("no application to wave " + wave);
    }

    /** A registered participant of Central Java (33), verified. */
    private Person verified(int n) {
        long unique = System.nanoTime() % 1_000_000;
        String serial = "%04d".formatted(1 + (int) ((unique + n) % 9000));
        String nik = "330101" + "1503" + "91" + serial;
        Map<String, Object> body = new HashMap<>();
        body.put("nik", nik);
        body.put("kkNumber", "3301" + "%012d".formatted(unique * 10 + n));
        body.put("fullName", "Penerima " + n);
        body.put("birthPlace", "Cilacap");
        body.put("birthDate", "1991-03-15");
        body.put("sex", "MALE");
        body.put("email", "sa" + unique + "x" + n + "@example.id");
        body.put("phone", "0859" + "%08d".formatted(unique * 10 + n));
        body.put("address", "Jl. Contoh " + n);
        body.put("provinceCode", "33");
        body.put("regencyCode", "3301");
        body.put("education", "SMA_SMK");
        body.put("jobStatus", "JOB_SEEKER");
        body.put("declarations", Map.of("inFormalEducation", false, "publicOffice", "NONE"));
        var response = api().post("/api/v1/participants", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        UUID id = UUID.fromString(response.json().get("participantId").asString());
        KafkaProbe.send(Topics.VERIFICATION, id.toString(), EventJson.write(EventEnvelope.of(
                new ParticipantVerified(Instant.now()), id, UUID.randomUUID(), null, Instant.now())));
        HttpApi mine = api().withToken(tokens.issue(id.toString(), Roles.PARTICIPANT).accessToken());
        await().atMost(Duration.ofSeconds(30)).until(() -> "VERIFIED".equals(mine.get("/api/v1/participants/me").json()
                .get("status").asString()));
        return new Person(nik, mine);
    }
}
