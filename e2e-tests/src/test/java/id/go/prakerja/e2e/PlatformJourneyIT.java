package id.go.prakerja.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.go.prakerja.launcher.LocalPlatform;
import id.go.prakerja.testsupport.HttpApi;

/**
 * The packaged platform, started as a user starts it (separate JVMs, real Kafka, real
 * PostgreSQL, simulators, gateway on :8080), driven only over HTTP through the entry point.
 */
class PlatformJourneyIT {

    private static final HttpApi GATEWAY = HttpApi.at("http://localhost:8080");
    private static final HttpApi SMS = HttpApi.at("http://localhost:9001");
    private static final List<String> SERVICES = List.of("registration", "verification", "training", "incentive",
            "payment", "survey");
    private static Path repository;
    private static Path data;
    private static LocalPlatform platform;

    @BeforeAll
    static void start() throws Exception {
        repository = Path.of("").toAbsolutePath().getParent();
        data = Files.createTempDirectory(Path.of("").toAbsolutePath().resolve("target"), "platform-data-");
        platform = newPlatform();
        platform.start();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.stop();
        }
    }

    private static LocalPlatform newPlatform() {
        return new LocalPlatform(repository, data, List.of(LocalPlatform.DEFAULT_JVM_OPTIONS.split(" ")),
                LocalPlatform.packagedClasspath(repository));
    }

    @Test
    void a_participant_registers_logs_in_and_sees_their_case_even_across_a_consumer_outage_and_a_platform_restart()
            throws Exception {
        for (String service : SERVICES) {
            var health = GATEWAY.get("/health/" + service);
            assertThat(health.status()).as(service).isEqualTo(200);
            assertThat(health.json().get("status").asString()).as(service).isEqualTo("UP");
        }

        String budi = register("3174050101900001", "081234560001", "budi@example.id", "1990-01-01", "MALE");
        String budiToken = login("+6281234560001");
        await().atMost(Duration.ofSeconds(60)).until(() -> GATEWAY.withToken(budiToken).get("/api/v1/verification/me").status() == 200);
        assertThat(GATEWAY.withToken(budiToken).get("/api/v1/verification/me").json().get("participantId").asString()).isEqualTo(budi);

        // verification is down while Siti registers: her event waits in Kafka
        platform.stopApp("verification-service");
        String siti = register("3273154512850002", "081234560002", "siti@example.id", "1985-12-05", "FEMALE");
        String sitiToken = login("+6281234560002");
        assertThat(GATEWAY.withToken(sitiToken).get("/api/v1/verification/me").status()).isGreaterThanOrEqualTo(500);
        platform.startApp("verification-service");
        await().atMost(Duration.ofSeconds(60)).until(() -> GATEWAY.withToken(sitiToken).get("/api/v1/verification/me").status() == 200);
        assertThat(GATEWAY.withToken(sitiToken).get("/api/v1/verification/me").json().get("participantId").asString()).isEqualTo(siti);

        // the whole platform stops and starts again on the same data
        platform.stop();
        platform = newPlatform();
        platform.start();
        assertThat(GATEWAY.withToken(budiToken).get("/api/v1/verification/me").json().get("participantId").asString()).isEqualTo(budi);
        assertThat(GATEWAY.withToken(sitiToken).get("/api/v1/participants/me").json().get("nik").asString())
                .isEqualTo("3273********0002");
        var again = GATEWAY.post("/api/v1/participants", applicant("3174050101900001", "081234560003", "other@example.id",
                "1990-01-01", "MALE"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("NIK_ALREADY_REGISTERED");
    }

    private static String register(String nik, String phone, String email, String birthDate, String sex) {
        var response = GATEWAY.post("/api/v1/participants", applicant(nik, phone, email, birthDate, sex));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("participantId").asString();
    }

    private static Map<String, Object> applicant(String nik, String phone, String email, String birthDate, String sex) {
        return Map.ofEntries(Map.entry("nik", nik), Map.entry("kkNumber", nik.substring(0, 6) + "1201090123"),
                Map.entry("fullName", "Peserta Uji"), Map.entry("birthPlace", "Jakarta"), Map.entry("birthDate", birthDate),
                Map.entry("sex", sex), Map.entry("email", email), Map.entry("phone", phone),
                Map.entry("address", "Jl. Merdeka 1"), Map.entry("provinceCode", nik.substring(0, 2)),
                Map.entry("regencyCode", nik.substring(0, 4)), Map.entry("education", "SMA_SMK"),
                Map.entry("jobStatus", "JOB_SEEKER"),
                Map.entry("declarations", Map.of("inFormalEducation", false, "publicOffice", "NONE")));
    }

    private static String login(String phoneE164) {
        assertThat(GATEWAY.post("/api/v1/auth/otp", Map.of("phone", phoneE164)).status()).isEqualTo(202);
        String query = "/sms/v1/messages?to=" + URLEncoder.encode(phoneE164, StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(10)).until(() -> SMS.get(query).json().size() > 0);
        String text = SMS.get(query).json().get(0).get("text").asString();
        String code = text.replaceAll("(?s).*?(\\d{6}).*", "$1");
        var token = GATEWAY.post("/api/v1/auth/token", Map.of("phone", phoneE164, "code", code));
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        return token.json().get("accessToken").asString();
    }
}
