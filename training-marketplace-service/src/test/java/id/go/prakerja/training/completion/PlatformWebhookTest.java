package id.go.prakerja.training.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import id.go.prakerja.simulators.training.TrainingPlatform;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.training.TrainingServiceTest;
import tools.jackson.databind.JsonNode;

/** Every refusal of a platform's report is a clear 4xx problem and changes nothing; identical repeats are answered alike. */
class PlatformWebhookTest extends TrainingServiceTest {

    private record Bought(Participant participant, UUID purchaseId, String platform, String voucher) {
    }

    private Bought bought() {
        Participant p = selected();
        JsonNode purchase = p.buy(trainingsPriced(200_000, 1).getFirst()).json();
        return new Bought(p, UUID.fromString(purchase.get("purchaseId").asString()), purchase.get("platformCode").asString(),
                purchase.get("voucherCode").asString());
    }

    private static void refused(HttpApi.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).contains("application/problem+json");
        if (code != null) {
            assertThat(response.json().get("code").asString()).isEqualTo(code);
        }
    }

    private static String otherPlatform(String platform) {
        return platform.equals("TOKOPEDIA") ? "BUKALAPAK" : "TOKOPEDIA";
    }

    @Test
    void forged_unsigned_stale_and_wrong_partner_reports_are_401_and_change_nothing() {
        Bought b = bought();
        String body = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"voucherCode\":\"" + b.voucher() + "\"}";
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        refused(webhook(b.platform(), b.platform(), "not-the-secret", "/vouchers/redeem", body, now), 401, null);
        refused(webhook(b.platform(), b.platform(), TrainingPlatform.valueOf(b.platform()).defaultWebhookSecret(),
                "/vouchers/redeem", body, Instant.now().minus(10, ChronoUnit.MINUTES).toString()), 401, null);
        refused(webhook("COURSERA", b.platform(), "whatever", "/vouchers/redeem", body, now), 401, null);
        refused(api().sendRaw("POST", "/partner/platforms/" + b.platform() + "/vouchers/redeem", body.getBytes(),
                Map.of("Content-Type", "application/json")), 401, null);
        assertThat(status(b.purchaseId())).isEqualTo("RESERVED");
        assertThat(b.participant().balance().get("spent").asLong()).isZero();
    }

    @Test
    void a_platform_reporting_under_another_platforms_path_or_for_another_platforms_voucher_is_refused() {
        Bought b = bought();
        String other = otherPlatform(b.platform());
        String body = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"voucherCode\":\"" + b.voucher() + "\"}";
        // signed correctly by the other platform, but under this platform's path
        refused(webhook(other, b.platform(), TrainingPlatform.valueOf(other).defaultWebhookSecret(), "/vouchers/redeem", body,
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString()), 403, "PLATFORM_MISMATCH");
        refused(redeem(other, b.voucher()), 403, "VOUCHER_OF_ANOTHER_PLATFORM");
        refused(redeem(b.platform(), "PKNOSUCHCODE"), 404, "VOUCHER_UNKNOWN");
        assertThat(status(b.purchaseId())).isEqualTo("RESERVED");
    }

    @Test
    void a_redemption_repeated_identically_is_answered_alike_and_a_second_redemption_is_refused() {
        Bought b = bought();
        String eventId = UUID.randomUUID().toString();
        String body = "{\"eventId\":\"" + eventId + "\",\"voucherCode\":\"" + b.voucher() + "\"}";
        String timestamp = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        String secret = TrainingPlatform.valueOf(b.platform()).defaultWebhookSecret();
        HttpApi.Response first = webhook(b.platform(), b.platform(), secret, "/vouchers/redeem", body, timestamp);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("status").asString()).isEqualTo("REDEEMED");

        HttpApi.Response replayed = webhook(b.platform(), b.platform(), secret, "/vouchers/redeem", body, timestamp);
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.body()).isEqualTo(first.body());
        // the same report signed again later (the platform's retry): same event id, same answer
        HttpApi.Response resent = webhook(b.platform(), "/vouchers/redeem", body);
        assertThat(resent.status()).isEqualTo(200);
        assertThat(resent.json().get("status").asString()).isEqualTo("REDEEMED");

        refused(redeem(b.platform(), b.voucher()), 409, "VOUCHER_ALREADY_REDEEMED");
        assertThat(b.participant().balance().get("spent").asLong()).isEqualTo(200_000);
        assertThat(jdbc.queryForObject("select count(*) from ledger_entry e join purchase p on p.ledger_transaction = e.transaction_id "
                + "where p.id = ? and e.status = 'POSTED'", Long.class, b.purchaseId())).isEqualTo(2);
    }

    @Test
    void progress_and_completion_before_redemption_are_refused() {
        Bought b = bought();
        refused(webhook(b.platform(), "/progress", "{\"eventId\":\"" + UUID.randomUUID() + "\",\"voucherCode\":\""
                + b.voucher() + "\",\"percent\":40}"), 409, "VOUCHER_NOT_REDEEMED");
        refused(complete(b.platform(), b.voucher(), "CERT-" + UUID.randomUUID()), 409, "VOUCHER_NOT_REDEEMED");
        assertThat(status(b.purchaseId())).isEqualTo("RESERVED");
    }

    @Test
    void progress_moves_forward_and_a_completion_repeated_is_answered_alike_but_another_certificate_is_refused() {
        Bought b = bought();
        expectStatus(redeem(b.platform(), b.voucher()), 200);
        expectStatus(webhook(b.platform(), "/progress", "{\"eventId\":\"" + UUID.randomUUID() + "\",\"voucherCode\":\""
                + b.voucher() + "\",\"percent\":60}"), 200);
        expectStatus(webhook(b.platform(), "/progress", "{\"eventId\":\"" + UUID.randomUUID() + "\",\"voucherCode\":\""
                + b.voucher() + "\",\"percent\":30}"), 200);
        assertThat(b.participant().api().get("/api/v1/purchases/" + b.purchaseId()).json().get("progressPercent").asInt())
                .isEqualTo(60);
        assertThat(status(b.purchaseId())).isEqualTo("IN_PROGRESS");

        String certificate = "CERT-" + UUID.randomUUID();
        expectStatus(complete(b.platform(), b.voucher(), certificate), 200);
        HttpApi.Response again = complete(b.platform(), b.voucher(), certificate);
        assertThat(again.status()).as("the same completion again").isEqualTo(200);
        refused(complete(b.platform(), b.voucher(), "CERT-" + UUID.randomUUID()), 409, "ALREADY_COMPLETED");

    }

    @Test
    void a_certificate_number_used_by_another_participant_on_the_same_platform_is_refused() {
        Participant first = selected();
        Participant second = selected();
        var trainings = jdbc.queryForList("""
                select id from training where status = 'ACTIVE' and platform_code = 'SKILL_ACADEMY'
                   and id not in (select training_id from purchase) order by random() limit 2""", String.class);
        JsonNode a = first.buy(trainings.get(0)).json();
        JsonNode b = second.buy(trainings.get(1)).json();
        expectStatus(redeem("SKILL_ACADEMY", a.get("voucherCode").asString()), 200);
        expectStatus(redeem("SKILL_ACADEMY", b.get("voucherCode").asString()), 200);
        String certificate = "SA-" + UUID.randomUUID();
        expectStatus(complete("SKILL_ACADEMY", a.get("voucherCode").asString(), certificate), 200);
        refused(complete("SKILL_ACADEMY", b.get("voucherCode").asString(), certificate), 409, "CERTIFICATE_ALREADY_USED");
        assertThat(status(UUID.fromString(b.get("purchaseId").asString()))).isEqualTo("REDEEMED");
    }

    @Test
    void two_completions_with_one_certificate_at_once_complete_one_purchase_and_refuse_the_other_as_a_mismatch()
            throws Exception {
        String platform = "PIJAR_MAHIR";
        List<String> trainings = jdbc.queryForList("""
                select id from training where status = 'ACTIVE' and platform_code = ? and price <= 1000000
                   and id not in (select training_id from purchase) order by random() limit 8""", String.class, platform);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // a few rounds: each a pair of vouchers completed at the same moment with one certificate
            for (int round = 0; round < 4; round++) {
                List<String> vouchers = new ArrayList<>();
                List<UUID> purchases = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    var bought = selected().buy(trainings.get(round * 2 + i));
                    expectStatus(bought, 201);
                    vouchers.add(bought.json().get("voucherCode").asString());
                    purchases.add(UUID.fromString(bought.json().get("purchaseId").asString()));
                    expectStatus(redeem(platform, vouchers.getLast()), 200);
                }
                String certificate = "PM-" + UUID.randomUUID();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<HttpApi.Response>> answers = new ArrayList<>();
                for (String voucher : vouchers) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return complete(platform, voucher, certificate);
                    }));
                }
                start.countDown();
                List<HttpApi.Response> responses = new ArrayList<>();
                for (Future<HttpApi.Response> answer : answers) {
                    responses.add(answer.get());
                }
                int winner = responses.get(0).status() == 200 ? 0 : 1;
                assertThat(responses.get(winner).status()).as(responses.toString()).isEqualTo(200);
                refused(responses.get(1 - winner), 409, "CERTIFICATE_ALREADY_USED");
                UUID loser = purchases.get(1 - winner);
                assertThat(status(purchases.get(winner))).isEqualTo("COMPLETED");
                assertThat(status(loser)).isEqualTo("REDEEMED");
                assertThat(jdbc.queryForObject("""
                        select count(*) from platform_report_refusal
                         where purchase_id = ? and reason = 'CERTIFICATE_ALREADY_USED' and certificate_number = ?""",
                        Long.class, loser, certificate)).isEqualTo(1);
                JsonNode mismatches = operator().get("/admin/trainings/reconciliation/mismatches?platform=" + platform
                        + "&limit=1000").json();
                assertThat(mismatches).filteredOn(m -> m.get("purchaseId").asString().equals(loser.toString()))
                        .singleElement().satisfies(m -> {
                            assertThat(m.get("reason").asString()).isEqualTo("CERTIFICATE_ALREADY_USED");
                            assertThat(m.get("certificateNumber").asString()).isEqualTo(certificate);
                        });
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_completion_for_a_revoked_participant_is_refused_and_nothing_is_reconciled() {
        Bought b = bought();
        expectStatus(redeem(b.platform(), b.voucher()), 200);
        revoke(b.participant());
        refused(complete(b.platform(), b.voucher(), "CERT-" + UUID.randomUUID()), 409, "PARTICIPANT_REVOKED");
        assertThat(status(b.purchaseId())).isEqualTo("REDEEMED");
        refused(b.participant().api().send("PUT", "/api/v1/purchases/" + b.purchaseId() + "/rating", Map.of("rating", 5),
                Map.of()), 409, "PARTICIPANT_REVOKED");
    }

    @Test
    void a_voucher_redeemed_after_it_lapsed_is_refused() {
        Bought b = bought();
        jdbc.update("update purchase set voucher_expires_at = now() - interval '1 minute' where id = ?", b.purchaseId());
        refused(redeem(b.platform(), b.voucher()), 409, "VOUCHER_EXPIRED");
        assertThat(status(b.purchaseId())).isEqualTo("RESERVED");
        jobsAt(Instant.now()).expireVouchers();
        assertThat(status(b.purchaseId())).isEqualTo("EXPIRED");
        refused(redeem(b.platform(), b.voucher()), 409, "VOUCHER_EXPIRED");
        assertThat(b.participant().available()).isEqualTo(1_000_000);
    }

    @Test
    void a_malformed_report_is_a_400_problem() {
        Bought b = bought();
        refused(webhook(b.platform(), "/progress", "{\"eventId\":\"e\",\"voucherCode\":\"" + b.voucher() + "\",\"percent\":170}"),
                400, null);
        refused(webhook(b.platform(), "/completions", "{\"voucherCode\":\"" + b.voucher() + "\"}"), 400, null);
        refused(webhook(b.platform(), "/vouchers/redeem", "not json"), 400, null);
        assertThat(status(b.purchaseId())).isEqualTo("RESERVED");
    }

    @Test
    void operators_see_purchases_that_cannot_reconcile_with_the_reason_oldest_first_in_json_and_csv() {
        // completion reported before redemption; the voucher then lapsed
        Bought early = bought();
        refused(complete(early.platform(), early.voucher(), "CERT-" + UUID.randomUUID()), 409, "VOUCHER_NOT_REDEEMED");
        jdbc.update("update purchase set voucher_expires_at = now() - interval '1 minute' where id = ?", early.purchaseId());
        jobsAt(Instant.now()).expireVouchers();
        // a certificate number another participant's completion already carries
        Participant first = selected();
        Participant second = selected();
        var trainings = jdbc.queryForList("""
                select id from training where status = 'ACTIVE' and platform_code = 'SEKOLAHMU'
                   and id not in (select training_id from purchase) order by random() limit 2""", String.class);
        String va = first.buy(trainings.get(0)).json().get("voucherCode").asString();
        JsonNode dup = second.buy(trainings.get(1)).json();
        expectStatus(redeem("SEKOLAHMU", va), 200);
        expectStatus(redeem("SEKOLAHMU", dup.get("voucherCode").asString()), 200);
        String certificate = "SM-" + UUID.randomUUID();
        expectStatus(complete("SEKOLAHMU", va, certificate), 200);
        refused(complete("SEKOLAHMU", dup.get("voucherCode").asString(), certificate), 409, "CERTIFICATE_ALREADY_USED");
        refused(complete("SEKOLAHMU", dup.get("voucherCode").asString(), certificate), 409, "CERTIFICATE_ALREADY_USED");
        // a completion for a revoked participant
        Bought revoked = bought();
        expectStatus(redeem(revoked.platform(), revoked.voucher()), 200);
        revoke(revoked.participant());
        refused(complete(revoked.platform(), revoked.voucher(), "CERT-" + UUID.randomUUID()), 409, "PARTICIPANT_REVOKED");
        // rated and reviewed, but the platform never reported a certificate
        Bought rated = bought();
        expectStatus(redeem(rated.platform(), rated.voucher()), 200);
        expectStatus(rated.participant().api().send("PUT", "/api/v1/purchases/" + rated.purchaseId() + "/rating",
                Map.of("rating", 4), Map.of()), 200);
        jdbc.update("update purchase set rated_at = now() - interval '3 days' where id = ?", rated.purchaseId());
        // rated a moment ago: the platform's completion report may simply be behind (listed only after two days)
        Bought justRated = bought();
        expectStatus(redeem(justRated.platform(), justRated.voucher()), 200);
        expectStatus(justRated.participant().api().send("PUT", "/api/v1/purchases/" + justRated.purchaseId() + "/rating",
                Map.of("rating", 5), Map.of()), 200);
        // a refused completion that was later accepted is no longer a mismatch
        Bought fixed = bought();
        refused(complete(fixed.platform(), fixed.voucher(), "CERT-" + UUID.randomUUID()), 409, "VOUCHER_NOT_REDEEMED");
        expectStatus(redeem(fixed.platform(), fixed.voucher()), 200);
        expectStatus(complete(fixed.platform(), fixed.voucher(), "CERT-" + UUID.randomUUID()), 200);

        UUID dupId = UUID.fromString(dup.get("purchaseId").asString());
        var ours = java.util.List.of(early.purchaseId(), dupId, revoked.purchaseId(), rated.purchaseId(), fixed.purchaseId(),
                justRated.purchaseId());
        JsonNode all = operator().get("/admin/trainings/reconciliation/mismatches?limit=1000").json();
        var listed = new java.util.ArrayList<JsonNode>();
        all.forEach(m -> {
            if (ours.contains(UUID.fromString(m.get("purchaseId").asString()))) {
                listed.add(m);
            }
        });
        assertThat(listed).extracting(m -> m.get("purchaseId").asString() + " " + m.get("reason").asString()).containsExactly(
                rated.purchaseId() + " RATED_WITHOUT_CERTIFICATE",
                early.purchaseId() + " VOUCHER_EXPIRED_AFTER_COMPLETION_REPORT",
                dupId + " CERTIFICATE_ALREADY_USED",
                revoked.purchaseId() + " PARTICIPANT_REVOKED");
        assertThat(listed.get(0).get("waitingHours").asLong()).isBetween(71L, 73L);
        assertThat(listed.get(1).get("purchaseStatus").asString()).isEqualTo("EXPIRED");
        assertThat(listed.get(2).get("reports").asLong()).isEqualTo(2);
        assertThat(listed.get(2).get("certificateNumber").asString()).isEqualTo(certificate);
        assertThat(listed.get(2).get("since").asString()).isNotBlank();

        HttpApi.Response csv = operator().get("/admin/trainings/reconciliation/mismatches.csv?platform=SEKOLAHMU");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().lines().findFirst().orElseThrow()).startsWith("since,purchase_id,");
        assertThat(csv.body()).contains(dupId + ",").contains(",CERTIFICATE_ALREADY_USED," + certificate + ",2,");
        if (!early.platform().equals("SEKOLAHMU")) {
            assertThat(csv.body()).doesNotContain(early.purchaseId().toString());
        }
        assertThat(operator().get("/admin/trainings/reconciliation/mismatches?limit=0").status()).isEqualTo(400);
    }

    @Test
    void refused_reports_are_deleted_after_their_keeping_time_unless_the_purchase_is_still_open_by_two_instances_at_once()
            throws Exception {
        Bought open = bought();
        Bought done = bought();
        expectStatus(redeem(done.platform(), done.voucher()), 200);
        expectStatus(complete(done.platform(), done.voucher(), "CERT-" + UUID.randomUUID()), 200);
        String unknown = "UNKNOWN" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        Instant now = Instant.now();
        Instant old = now.minus(java.time.Duration.ofDays(91));
        Instant recent = now.minus(java.time.Duration.ofDays(89));
        for (Instant at : java.util.List.of(old, recent)) {
            for (String voucher : java.util.List.of(open.voucher(), done.voucher(), unknown, unknown)) {
                jdbc.update("""
                        insert into platform_report_refusal (platform_code, report, voucher_code, purchase_id, reason, refused_at)
                        values ('TOKOPEDIA', 'COMPLETION', ?, (select id from purchase where voucher_code = ?), 'TEST', ?)""",
                        voucher, voucher, java.sql.Timestamp.from(at));
            }
        }
        long due = jdbc.queryForObject("""
                select count(*) from platform_report_refusal r where r.refused_at < ?
                   and not exists (select 1 from purchase pu where pu.id = r.purchase_id
                                      and pu.status in ('RESERVED', 'REDEEMED', 'IN_PROGRESS'))""", Long.class,
                java.sql.Timestamp.from(now.minus(java.time.Duration.ofDays(90))));
        assertThat(due).isGreaterThanOrEqualTo(3);

        ReportRefusals one = new ReportRefusals(jdbc, java.time.Clock.systemUTC(), settings);
        ReportRefusals other = new ReportRefusals(jdbc, java.time.Clock.systemUTC(), settings);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> one.prune(now));
            var second = pool.submit(() -> other.prune(now));
            assertThat(first.get() + second.get()).isEqualTo(due);
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.queryForList("""
                select coalesce(pu.voucher_code, r.voucher_code) || ' ' || (r.refused_at < ?)
                  from platform_report_refusal r left join purchase pu on pu.id = r.purchase_id
                 where r.voucher_code in (?, ?, ?) and r.reason = 'TEST' order by 1""", String.class,
                java.sql.Timestamp.from(now.minus(java.time.Duration.ofDays(90))), open.voucher(), done.voucher(), unknown))
                .containsExactlyInAnyOrder(open.voucher() + " true", open.voucher() + " false", done.voucher() + " false",
                        unknown + " false", unknown + " false");
    }
}
