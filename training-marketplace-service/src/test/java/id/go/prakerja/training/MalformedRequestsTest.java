package id.go.prakerja.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import id.go.prakerja.simulators.training.TrainingPlatform;
import id.go.prakerja.support.security.PartnerSignatureFilter;
import id.go.prakerja.testsupport.MalformedRequests;

/**
 * Nothing a client, an operator or a platform can send to any endpoint is answered with a 5xx or a
 * 4xx that is not problem+json, and nothing a refused request carries changes anything.
 */
class MalformedRequestsTest extends TrainingServiceTest {

    @Autowired
    ApplicationContext context;

    @Test
    void no_malformed_request_to_any_endpoint_is_answered_with_a_5xx_or_changes_anything() {
        Participant p = selected();
        String trainingId = trainingsPriced(100_000, 1).getFirst();
        var bought = p.buy(trainingId);
        expectStatus(bought, 201);
        String purchaseId = bought.json().get("purchaseId").asString();
        String voucher = bought.json().get("voucherCode").asString();
        String platform = platformOf(trainingId);
        expectStatus(redeem(platform, voucher), 200);

        var report = MalformedRequests.sweep(context, p.api(), operator())
                .id("trainingId", trainingId).id("code", platform).id("platform", platform).id("purchaseId", purchaseId)
                .param("participantId", p.id()).param("provider", platform)
                // platforms' reports, signed as the platform in the path: a completion of the redeemed voucher (each
                // variant of which must be refused), the others about a voucher no one holds
                .signed("/partner/platforms/", MalformedRequestsTest::signedAsPlatform)
                .example("POST /partner/platforms/{platform}/vouchers/redeem", Map.of("eventId", "sweep-1", "voucherCode", "SWEEP-0000"))
                .example("POST /partner/platforms/{platform}/progress",
                        Map.of("eventId", "sweep-2", "voucherCode", "SWEEP-0000", "percent", 50))
                .example("POST /partner/platforms/{platform}/completions", Map.of("eventId", "sweep-3", "voucherCode", voucher,
                        "certificateNumber", "CERT-" + purchaseId, "completedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()))
                .example("PUT /admin/trainings/{trainingId}/price", Map.of("price", 100_000))
                // a refused report is kept for operators (the mismatch list), and every signed one leaves a receipt:
                // those tables are meant to grow. Only what the sweep could touch is compared, so that the
                // marketplace's own jobs (catalogue pulls, deadlines) running meanwhile change none of it.
                .unchanged("the purchase", () -> jdbc.queryForList(
                        "select id, status, rating, review_text, progress_percent from purchase where participant_id = ?", p.id()))
                .unchanged("the balance", () -> jdbc.queryForList(
                        "select side, status, amount from ledger_entry where account = ? order by id", "PARTICIPANT:" + p.id()))
                .unchanged("the training", () -> jdbc.queryForMap("select status, price from training where id = ?", trainingId))
                .unchanged("platforms", () -> jdbc.queryForList("select code, status from platform order by code"))
                .unchanged("events", () -> jdbc.queryForObject(
                        "select count(*) from outbox_message where message_key in (?, ?)", Long.class, p.id().toString(), trainingId))
                .run();
        assertThat(report.faults()).as(report.toString()).isEmpty();
        assertThat(report.size()).isGreaterThan(500);
    }

    @Test
    void payables_asked_for_dates_past_what_the_platform_keeps_are_a_400_problem_naming_the_date() {
        for (String query : List.of("from=-999999999-01-01&to=+999999999-12-31", "from=+999999999-12-31&to=+999999999-12-31",
                "from=-999999999-01-01&to=-999999999-01-01", "from=0000-01-01&to=0000-01-02", "from=+294277-01-01&to=+294277-01-02")) {
            for (String path : List.of("/admin/platforms/payables?", "/admin/platforms/payables.csv?")) {
                var response = operator().send("GET", path + query.replace("+", "%2B"), null,
                        Map.of("Accept", "text/csv, application/json"));
                assertThat(response.status()).as(path + query).isEqualTo(400);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.json().get("code").asString()).isEqualTo("VALIDATION");
                assertThat(response.json().get("errors")).isNotEmpty().allSatisfy(error -> {
                    assertThat(error.get("field").asString()).isIn("from", "to");
                    assertThat(error.get("code").asString()).isEqualTo("DateInRange");
                });
            }
        }
        // the last day a date of four digits can name is an ordinary, empty period
        var last = operator().get("/admin/platforms/payables?from=9999-12-31&to=9999-12-31");
        assertThat(last.status()).isEqualTo(200);
        assertThat(last.json()).isEmpty();
    }

    private static Map<String, String> signedAsPlatform(String method, String target, byte[] body) {
        String inPath = target.split("/")[3];
        TrainingPlatform platform = TrainingPlatform.fromCode(inPath).orElse(TrainingPlatform.TOKOPEDIA);
        String timestamp = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        return Map.of("X-PARTNER-ID", platform.name(), "X-TIMESTAMP", timestamp, "X-SIGNATURE", Base64.getEncoder()
                .encodeToString(PartnerSignatureFilter.sign(platform.defaultWebhookSecret(), method, target, timestamp, body)));
    }
}
