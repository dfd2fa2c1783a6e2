package id.go.prakerja.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import id.go.prakerja.testsupport.MalformedRequests;


/** What many requests at once, or a malformed one, must not break. */
class ConcurrentClientsTest extends VerificationServiceTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    VerificationProperties settings;
    @Autowired
    ApplicationContext context;

    /**
     * Entries of a code are checked under the case's row lock, so they take turns and each one
     * reads the count the one before it wrote.
     */
    @Test
    void two_hundred_wrong_email_codes_at_once_use_exactly_the_entry_limit_and_then_the_right_code_is_refused() throws Exception {
        Applicant a = registered();
        assertThat(a.api().post("/api/v1/verification/me/email/code", null).status()).isEqualTo(202);
        String right = SIMULATORS.email().latestCode(a.email()).orElseThrow();
        String wrong = right.equals("000000") ? "111111" : "000000";

        List<Callable<Integer>> entries = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            entries.add(() -> a.api().post("/api/v1/verification/me/email", Map.of("code", wrong)).status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Integer> status : clients.invokeAll(entries, 60, TimeUnit.SECONDS)) {
                statuses.add(status.get());
            }
        }

        assertThat(statuses).doesNotContain(200).allMatch(s -> s == 409 || s == 422);
        assertThat(a.api().post("/api/v1/verification/me/email", Map.of("code", right)).status())
                .as("the right code after the limit was used up").isNotEqualTo(200);
        assertThat(a.layerStatus("EMAIL")).isNotEqualTo("PASSED");
        assertThat(jdbc.queryForObject("select entries from verification_code where participant_id = ? and layer = 'EMAIL'",
                Integer.class, a.id())).as("entries counted").isEqualTo(settings.code().maxEntries());
    }

    @Test
    void a_multipart_request_without_a_boundary_is_a_400_problem_on_the_upload_and_on_json_endpoints() {
        Applicant a = registered();
        Map<String, String> noBoundary = Map.of("Content-Type", "multipart/form-data");
        byte[] body = "--x\r\n".getBytes();

        for (String path : List.of("/api/v1/verification/me/kyc", "/api/v1/verification/me/email")) {
            var response = a.api().sendRaw("POST", path, body, noBoundary);
            assertThat(response.status()).as(path + ": " + response).isEqualTo(400);
            assertThat(response.contentType()).contains("application/problem+json");
            assertThat(response.json().get("code").asString()).isEqualTo("MALFORMED");
        }
    }

    @Test
    void no_malformed_request_to_any_endpoint_is_answered_with_a_5xx_or_changes_anything() {
        Applicant a = registered();
        var report = MalformedRequests.sweep(context, a.api(), operator())
                .id("participantId", a.id()).id("image", "selfie")
                // a rejection an open case would take, spoiled one field at a time
                .example("POST /admin/verification/cases/{participantId}/reject", Map.of("reasonCode", "SWEEP_CHECK", "note", "sweep"))
                // a fresh case waits for its participant: nothing moves it meanwhile but the sweep
                .unchanged("the case", () -> jdbc.queryForMap("select * from verification_case where participant_id = ?", a.id()))
                .unchanged("codes", () -> jdbc.queryForList("select * from verification_code where participant_id = ?", a.id()))
                .unchanged("attempts", () -> jdbc.queryForObject("select count(*) from verification_attempt where participant_id = ?",
                        Long.class, a.id()))
                .unchanged("evidence", () -> jdbc.queryForObject("select count(*) from kyc_evidence where participant_id = ?",
                        Long.class, a.id()))
                .unchanged("events", () -> jdbc.queryForObject("select count(*) from outbox_message where message_key = ?",
                        Long.class, a.id().toString()))
                .run();
        assertThat(report.faults()).as(report.toString()).isEmpty();
        assertThat(report.size()).isGreaterThan(300);
    }
}
