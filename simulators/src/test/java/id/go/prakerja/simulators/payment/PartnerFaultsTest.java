package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.Fault;
import id.go.prakerja.simulators.FaultMode;
import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.SharedSimulators;
import id.go.prakerja.simulators.Simulators;
import id.go.prakerja.simulators.TestHttp;
import id.go.prakerja.simulators.http.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static id.go.prakerja.simulators.payment.PartnerProfile.EMONEY_STATUS_PATH;
import static id.go.prakerja.simulators.payment.PartnerProfile.EMONEY_TOPUP_PATH;
import static id.go.prakerja.simulators.payment.PartnerProfile.SETTLEMENT_PATH;
import static id.go.prakerja.simulators.payment.SnapTestClient.status;
import static id.go.prakerja.simulators.payment.SnapTestClient.topup;
import static org.assertj.core.api.Assertions.assertThat;

/** What the SNAP fixes and fault modes of the payment partners guarantee. */
class PartnerFaultsTest {

    private static Simulators sims;
    private static SnapTestClient ovo;
    private static PartnerAccount wallet;

    @BeforeAll
    static void start() {
        sims = SharedSimulators.get();
        ovo = new SnapTestClient(sims.baseUrl(Party.OVO), "ovo-local-client", "ovo-local-secret");
        wallet = sims.ovo().accounts().stream().filter(a -> a.active() && a.kycUpgraded()).findFirst().orElseThrow();
        ovo.token();
    }

    @AfterEach
    void reset() {
        sims.ovo().reset();
    }

    @Test
    void a_channel_id_and_a_numeric_external_id_are_required() {
        String body = topup("ovo-h1", wallet.phone(), "1000.00");
        String timestamp = SnapSignature.timestampNow();
        String token = ovo.token();
        String signature = SnapSignature.sign("ovo-local-secret", "POST", EMONEY_TOPUP_PATH, token, body, timestamp);
        TestHttp.Response noChannel = TestHttp.post(sims.baseUrl(Party.OVO) + EMONEY_TOPUP_PATH, body,
                "Authorization", "Bearer " + token, "X-TIMESTAMP", timestamp, "X-PARTNER-ID", "ovo-local-client",
                "X-EXTERNAL-ID", ovo.newExternalId(), "X-SIGNATURE", signature);
        assertThat(noChannel.json().get("responseCode").asString()).isEqualTo("4003802");
        TestHttp.Response letters = ovo.call(EMONEY_TOPUP_PATH, body, "abc-123");
        assertThat(letters.json().get("responseCode").asString()).isEqualTo("4003801");
        assertThat(sims.payments(Party.OVO)).isEmpty();
    }

    @Test
    void a_pending_topup_can_end_failed_06_and_credits_nothing() {
        sims.ovo().pendingPercent(100);
        sims.ovo().failPercent(100);
        TestHttp.Response accepted = ovo.call(EMONEY_TOPUP_PATH, topup("ovo-f1", wallet.phone(), "600000.00"));
        assertThat(accepted.status()).isEqualTo(202);
        sims.ovo().settlePending();
        JsonNode status = ovo.call(EMONEY_STATUS_PATH, status("ovo-f1", "38")).json();
        assertThat(status.get("latestTransactionStatus").asString()).isEqualTo("06");
        assertThat(status.at("/additionalInfo/failureCode").asString()).isEqualTo("4033802");
        assertThat(sims.ovo().payment("ovo-f1").orElseThrow().credited()).isFalse();
    }

    @Test
    void a_rate_limited_partner_answers_429_with_retry_after_and_does_nothing() {
        sims.ovo().fault(new Fault(FaultMode.RATE_LIMITED, 2_000, 0));
        TestHttp.Response refused = ovo.call(EMONEY_TOPUP_PATH, topup("ovo-r1", wallet.phone(), "1000.00"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("2");
        assertThat(refused.json().get("responseCode").asString()).isEqualTo("4293800");
        assertThat(sims.payments(Party.OVO)).isEmpty();
    }

    @Test
    void the_contracted_rate_when_enforced_refuses_what_is_beyond_it_in_a_second() throws Exception {
        sims.ovo().rateLimit(5);
        List<Integer> statuses = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<TestHttp.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String ref = "ovo-rate-" + i;
                calls.add(pool.submit(() -> ovo.call(EMONEY_TOPUP_PATH, topup(ref, wallet.phone(), "1000.00"))));
            }
            for (Future<TestHttp.Response> call : calls) {
                statuses.add(call.get().status());
            }
        }
        // the 20 calls may straddle a second boundary: at most two windows' worth pass
        assertThat(statuses.stream().filter(s -> s == 200).count()).isBetween(5L, 10L);
        assertThat(statuses).contains(429);
        assertThat(sims.payments(Party.OVO)).hasSize((int) statuses.stream().filter(s -> s == 200).count());
    }

    @Test
    void a_500_after_work_has_paid_and_only_the_status_inquiry_tells() {
        sims.ovo().fault(new Fault(FaultMode.ERROR_AFTER_WORK, 0, 1));
        TestHttp.Response failed = ovo.call(EMONEY_TOPUP_PATH, topup("ovo-e1", wallet.phone(), "600000.00"));
        assertThat(failed.status()).isEqualTo(500);
        assertThat(ovo.call(EMONEY_STATUS_PATH, status("ovo-e1", "38")).json().get("latestTransactionStatus").asString())
                .isEqualTo("00");
        assertThat(sims.payments(Party.OVO)).hasSize(1);
    }

    @Test
    void the_settlement_report_lists_the_days_final_transfers_with_injected_discrepancies() {
        for (int i = 1; i <= 4; i++) {
            ovo.call(EMONEY_TOPUP_PATH, topup("ovo-s" + i, wallet.phone(), "600000.00"));
        }
        sims.ovo().discrepancy("ovo-s1", PaymentPartnerSimulator.Discrepancy.MISSING);
        sims.ovo().discrepancy("ovo-s2", PaymentPartnerSimulator.Discrepancy.AMOUNT);
        sims.ovo().discrepancy("ovo-s3", PaymentPartnerSimulator.Discrepancy.STATUS);
        sims.ovo().discrepancy("ovo-ghost", PaymentPartnerSimulator.Discrepancy.EXTRA);
        String today = LocalDate.now(SnapSignature.WIB).toString();

        JsonNode page = ovo.call(SETTLEMENT_PATH, "{\"settlementDate\":\"" + today + "\",\"page\":0,\"size\":2}").json();
        assertThat(page.get("responseCode").asString()).isEqualTo("2009000");
        assertThat(page.get("totalItems").asInt()).isEqualTo(4); // s2, s3, s4, ghost
        assertThat(page.get("items")).hasSize(2);
        List<JsonNode> all = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            ovo.call(SETTLEMENT_PATH, "{\"settlementDate\":\"" + today + "\",\"page\":" + p + ",\"size\":2}").json()
                    .get("items").forEach(all::add);
        }
        assertThat(all).extracting(n -> n.get("partnerReferenceNo").asString())
                .containsExactlyInAnyOrder("ovo-s2", "ovo-s3", "ovo-s4", "ovo-ghost");
        assertThat(all).filteredOn(n -> n.get("partnerReferenceNo").asString().equals("ovo-s2"))
                .singleElement().satisfies(n -> assertThat(n.at("/amount/value").asString()).isEqualTo("601000.00"));
        assertThat(all).filteredOn(n -> n.get("partnerReferenceNo").asString().equals("ovo-s3"))
                .singleElement().satisfies(n -> assertThat(n.get("latestTransactionStatus").asString()).isEqualTo("06"));
    }

    @Test
    void callbacks_can_be_lost_duplicated_out_of_order_or_badly_signed() throws Exception {
        PartnerAccount upgraded = sims.goPay().accounts().stream().filter(a -> a.active() && a.kycUpgraded()).findFirst().orElseThrow();
        SnapTestClient goPay = new SnapTestClient(sims.baseUrl(Party.GOPAY), "gopay-local-client", "gopay-local-secret");
        try (CallbackReceiver receiver = new CallbackReceiver()) {
            sims.goPay().callbackUrl(receiver.url("/cb"));
            sims.goPay().callbackMode(PaymentPartnerSimulator.CallbackMode.LOST);
            goPay.call(EMONEY_TOPUP_PATH, topup("gp-lost", upgraded.phone(), "1000.00"));

            sims.goPay().callbackMode(PaymentPartnerSimulator.CallbackMode.DUPLICATED);
            goPay.call(EMONEY_TOPUP_PATH, topup("gp-dup", upgraded.phone(), "1000.00"));
            assertThat(receiver.await(4, 5_000)).hasSize(4); // twice as usual, plus two

            sims.goPay().callbackMode(PaymentPartnerSimulator.CallbackMode.OUT_OF_ORDER);
            goPay.call(EMONEY_TOPUP_PATH, topup("gp-ooo", upgraded.phone(), "1000.00"));
            List<CallbackReceiver.Received> all = receiver.await(7, 5_000);
            assertThat(Json.mapper().readTree(all.get(6).body()).get("status").asString()).isEqualTo("PENDING");

            sims.goPay().callbackMode(PaymentPartnerSimulator.CallbackMode.BAD_SIGNATURE);
            goPay.call(EMONEY_TOPUP_PATH, topup("gp-bad", upgraded.phone(), "1000.00"));
            CallbackReceiver.Received bad = receiver.await(9, 5_000).get(8);
            assertThat(bad.header("X-SIGNATURE")).isNotEqualTo(SnapSignature.sign("gopay-local-secret", "POST",
                    bad.path(), "", bad.body(), bad.header("X-TIMESTAMP")));
            assertThat(receiver.await(9, 5_000)).noneMatch(r -> r.body().contains("gp-lost"));
        } finally {
            sims.goPay().reset();
        }
    }

    @Test
    void answers_carry_the_partners_timestamp_and_the_ledger_is_paged() {
        TestHttp.Response paid = ovo.call(EMONEY_TOPUP_PATH, topup("ovo-t1", wallet.phone(), "1000.00"));
        assertThat(paid.header("X-TIMESTAMP")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+07:00");
        ovo.call(EMONEY_TOPUP_PATH, topup("ovo-t2", wallet.phone(), "1000.00"));
        JsonNode page = TestHttp.get(sims.baseUrl(Party.OVO) + "/_control/payments?offset=1&limit=1").json();
        assertThat(page.get("total").asInt()).isEqualTo(2);
        assertThat(page.get("items").get(0).get("partnerReferenceNo").asString()).isEqualTo("ovo-t2");
    }

    @Test
    void latency_parks_virtual_threads_so_two_hundred_slow_calls_overlap() throws Exception {
        sims.ovo().latency(Duration.ofMillis(500));
        long started = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<TestHttp.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String ref = "ovo-l" + i;
                calls.add(pool.submit(() -> ovo.call(EMONEY_TOPUP_PATH, topup(ref, wallet.phone(), "1000.00"))));
            }
            for (Future<TestHttp.Response> call : calls) {
                assertThat(call.get().status()).isEqualTo(200);
            }
        }
        // a pool of 32 threads would need seven rounds of at least 375 ms each
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
    }
}
