package id.go.prakerja.payment.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.IncentiveKind;
import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.PaymentGatewayServiceTest;
import id.go.prakerja.payment.disbursement.Payment;
import id.go.prakerja.payment.disbursement.PaymentStatus;
import id.go.prakerja.payment.snap.SnapSignatures;
import id.go.prakerja.simulators.Fault;
import id.go.prakerja.simulators.payment.PaymentPartnerSimulator.CallbackMode;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.MalformedRequests;
import tools.jackson.databind.JsonNode;

/** The operators' endpoints, races on them, and malformed requests to every endpoint. */
class OperatorApiTest extends PaymentGatewayServiceTest {

    @Autowired
    ApplicationContext context;

    @Test
    void payments_are_listed_by_status_partner_and_reason_with_their_history_and_masked_accounts() {
        var request = disbursement(PayoutPartner.BNI, "5550000077", 600_000);
        publish(request);
        String id = request.payload().instructionId();
        awaitStatus(id, PaymentStatus.FAILED);

        JsonNode page = operator().get("/admin/payments?status=FAILED&partner=BNI&reason=ACCOUNT_NOT_FOUND&size=500").json();
        assertThat(page.get("items")).anySatisfy(p -> {
            assertThat(p.get("instructionId").asString()).isEqualTo(id);
            assertThat(p.get("account").asString()).isEqualTo("******0077");
        });
        JsonNode history = operator().get("/admin/payments/" + id).json();
        assertThat(history.get("transitions")).extracting(t -> t.get("to").asString())
                .containsExactly("RECEIVED", "SENDING", "FAILED");
        assertThat(history.get("transitions").get(2).get("rawCode").asString()).isEqualTo("4041711");
        assertThat(operator().get("/admin/payments/no-such").status()).isEqualTo(404);
        assertThat(operator().get("/admin/payments?status=NOPE").status()).isEqualTo(400);
        assertThat(operator().get("/admin/payments?size=100000").status()).isEqualTo(400);
        assertThat(HttpApi.at("http://localhost:" + port).get("/admin/payments").status()).isEqualTo(401);
        assertThat(operator().get("/admin/payments/counts").json().get("byPartnerAndStatus")).isNotEmpty();
        JsonNode health = operator().get("/admin/payments/partners/health").json();
        assertThat(health).hasSize(4).allSatisfy(h -> {
            assertThat(h.get("circuitState").asString()).isNotBlank();
            assertThat(h.get("contractedRatePerSecond").asDouble()).isPositive();
            assertThat(h.has("backlog")).isTrue();
        });
    }

    @Test
    void an_unknown_payment_is_resolved_by_an_inquiry_an_operator_orders_now() {
        String account = newAccount(PayoutPartner.GOPAY);
        // GoPay notifies every transfer: its notification would make the gateway inquire at once, and the payment
        // could pass through UNKNOWN between two looks. Without it, only the sweeper (told to wait) or the operator asks.
        sim(PayoutPartner.GOPAY).callbackMode(CallbackMode.LOST);
        sim(PayoutPartner.GOPAY).fault(new Fault(id.go.prakerja.simulators.FaultMode.ERROR_AFTER_WORK, 0, 1));
        var request = disbursement(PayoutPartner.GOPAY, account, 600_000);
        String id = request.payload().instructionId();
        // the sweeper is told to wait: only the operator's inquiry can settle it in time
        publish(request);
        awaitStatus(id, PaymentStatus.UNKNOWN);
        jdbc.update("update payment set due_at = now() + interval '1 hour' where instruction_id = ? and status = 'UNKNOWN'", id);
        var answer = operator().post("/admin/payments/" + id + "/inquiry", null);
        if (answer.status() == 409) {
            // the sweeper was quicker; the outcome is the same
            assertThat(ledger.find(id).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
            return;
        }
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("answer").asString()).isEqualTo("PAID");
        if (answer.json().get("applied").asBoolean()) {
            assertThat(answer.json().at("/payment/status").asString()).isEqualTo("SUCCEEDED");
        } else {
            // the sweeper asked at the same moment; its answer settles it alike
            awaitStatus(id, PaymentStatus.SUCCEEDED);
        }
        assertThat(transitions(id)).containsSubsequence("SENDING>UNKNOWN", "UNKNOWN>SUCCEEDED").doesNotContain("UNKNOWN>RECEIVED");
    }

    @Test
    void twenty_requests_of_one_failed_tranche_at_once_pay_it_once_and_the_gateway_orders_nothing_itself() throws Exception {
        var request = disbursement(PayoutPartner.OVO, "081277770001", 600_000);
        String id = request.payload().instructionId();
        publish(request);
        Payment failed = awaitStatus(id, PaymentStatus.FAILED);
        newAccountWithPhone("081277770001");
        List<Integer> statuses = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpApi.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(pool.submit(() -> operator().post("/admin/payments/" + id + "/retry", null)));
            }
            for (Future<HttpApi.Response> f : calls) {
                statuses.add(f.get().status());
            }
        }
        assertThat(statuses).as("no operator retry at the gateway").containsOnly(404);
        assertThat(ledger.find(id).orElseThrow().status()).isEqualTo(PaymentStatus.FAILED);
        // incentive-service's retry of the tranche, published twenty times at once (each its own event)
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                pool.submit(() -> publish(EventEnvelope.of(new DisbursementRequested(id, IncentiveKind.POST_TRAINING, 1, 600_000,
                        PayoutPartner.OVO, sealedAccount(request.participantId(), "081277770001")), request.participantId(),
                        UUID.randomUUID(), null, Instant.now())));
            }
        }
        Payment paid = awaitStatus(id, PaymentStatus.SUCCEEDED);
        assertThat(paid.attempt()).isEqualTo(2);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> ledger.find(id).orElseThrow().attempt() == 2);
        assertThat(sim(PayoutPartner.OVO).payments()).filteredOn(p -> p.destination().equals("081277770001")).hasSize(1);
        assertThat(creditsForInstruction(id)).isEqualTo(1);
        assertThat(sim(PayoutPartner.OVO).payment(failed.partnerReferenceNo())).as("refused, never recorded").isEmpty();
    }

    private static void newAccountWithPhone(String phone) {
        sim(PayoutPartner.OVO).addAccount(new id.go.prakerja.simulators.payment.PartnerAccount(null, phone, "Budi Santoso",
                "3174050101900001", true, true));
    }

    @Test
    void no_malformed_request_to_any_endpoint_gets_a_5xx_or_changes_anything() {
        var request = disbursement(PayoutPartner.BNI, "5550000078", 600_000);
        publish(request);
        String id = request.payload().instructionId();
        awaitStatus(id, PaymentStatus.FAILED);
        String link = jdbc.queryForList("select link_id::text from account_link limit 1", String.class).stream().findFirst()
                .orElse(UUID.randomUUID().toString());

        HttpApi anonymous = HttpApi.at("http://localhost:" + port);
        var sweep = MalformedRequests.sweep(context, anonymous, operator())
                .id("instructionId", id).id("partner", "BNI").id("day", LocalDate.now(SnapSignatures.WIB).minusDays(1))
                .id("linkId", link)
                // partners' notifications, signed with each partner's own SNAP scheme, about a transfer no one made
                .signed("/partner/payments/", OperatorApiTest::signedAsPartner);
        for (PayoutPartner partner : PayoutPartner.values()) {
            String path = "/partner/payments/" + partner.name().toLowerCase(Locale.ROOT) + "/callback";
            sweep.undocumented("POST " + path, partner == PayoutPartner.GOPAY
                    ? Map.of("partnerReferenceNo", "SWEEP0000000001", "status", "SETTLEMENT")
                    : Map.of("originalPartnerReferenceNo", "SWEEP0000000001", "latestTransactionStatus", "00", "serviceCode", "38"));
        }
        var report = sweep.undocumented("GET /partner/payments/bni/callback", null)
                .unchanged("the payment", () -> jdbc.queryForMap("select status, attempt, version from payment where instruction_id = ?", id))
                .unchanged("payments", () -> jdbc.queryForObject("select count(*) from payment", Long.class))
                .unchanged("account links", () -> jdbc.queryForObject("select count(*) from account_link", Long.class))
                .unchanged("reconciliations", () -> jdbc.queryForObject("select count(*) from reconciliation_run", Long.class))
                .unchanged("re-requests", () -> jdbc.queryForObject("select count(*) from payment_rerequest", Long.class))
                .run();
        assertThat(report.faults()).as(report.toString()).isEmpty();
        assertThat(report.size()).isGreaterThan(300);
    }

    private static final AtomicLong EXTERNAL_IDS = new AtomicLong(8_000_000_000_000_000L
            + ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L));

    /** SNAP headers as the partner in the path signs its notifications (an unknown partner's path: as BNI). */
    private static Map<String, String> signedAsPartner(String method, String target, byte[] body) {
        String name = target.split("/")[3].toLowerCase(Locale.ROOT);
        if (java.util.Arrays.stream(PayoutPartner.values()).noneMatch(p -> p.name().equalsIgnoreCase(name))) {
            return signedAsPartner(method, target.replace("/" + target.split("/")[3] + "/", "/bni/"), body);
        }
        String timestamp = SnapSignatures.timestamp(Instant.now());
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        return Map.of("X-PARTNER-ID", name + "-local-client", "X-TIMESTAMP", timestamp,
                "X-EXTERNAL-ID", String.valueOf(EXTERNAL_IDS.incrementAndGet()),
                "X-SIGNATURE", SnapSignatures.serviceSignature(name + "-local-secret", method, path, "",
                        new String(body, StandardCharsets.UTF_8), timestamp));
    }
}
