package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.SharedSimulators;
import id.go.prakerja.simulators.Simulators;
import id.go.prakerja.simulators.TestHttp;
import id.go.prakerja.simulators.http.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static id.go.prakerja.simulators.payment.PartnerProfile.EMONEY_INQUIRY_PATH;
import static id.go.prakerja.simulators.payment.PartnerProfile.EMONEY_TOPUP_PATH;
import static id.go.prakerja.simulators.payment.PartnerProfile.EMONEY_STATUS_PATH;
import static id.go.prakerja.simulators.payment.SnapTestClient.status;
import static id.go.prakerja.simulators.payment.SnapTestClient.topup;
import static org.assertj.core.api.Assertions.assertThat;

class EwalletTopupTest {

    private static Simulators sims;
    private static SnapTestClient ovo;
    private static SnapTestClient linkAja;
    private static SnapTestClient goPay;

    @BeforeAll
    static void start() {
        sims = SharedSimulators.get();
        ovo = new SnapTestClient(sims.baseUrl(Party.OVO), "ovo-local-client", "ovo-local-secret");
        linkAja = new SnapTestClient(sims.baseUrl(Party.LINKAJA), "linkaja-local-client", "linkaja-local-secret");
        goPay = new SnapTestClient(sims.baseUrl(Party.GOPAY), "gopay-local-client", "gopay-local-secret");
    }

    @AfterEach
    void reset() {
        sims.ovo().reset();
        sims.linkAja().reset();
        sims.goPay().reset();
    }

    private static PartnerAccount upgraded(PaymentPartnerSimulator partner) {
        return partner.accounts().stream().filter(a -> a.active() && a.kycUpgraded()).findFirst().orElseThrow();
    }

    @Test
    void seeded_wallets_belong_to_dukcapil_residents_and_some_are_never_upgraded() {
        List<PartnerAccount> wallets = sims.goPay().accounts();
        assertThat(wallets).isNotEmpty();
        PartnerAccount plus = upgraded(sims.goPay());
        assertThat(sims.dukcapil().residentByNik(plus.nik())).hasValueSatisfying(r ->
                assertThat(r.phone()).isEqualTo("+62" + plus.phone().substring(1)));
        assertThat(wallets).anyMatch(a -> !a.kycUpgraded() && a.nik() == null);
    }

    @Test
    void ovo_only_accepts_phone_numbers_in_national_format() {
        PartnerAccount wallet = upgraded(sims.ovo());
        String e164 = "+62" + wallet.phone().substring(1);

        TestHttp.Response refused = ovo.call(EMONEY_TOPUP_PATH, topup("ovo-1", e164, "600000.00"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("responseCode").asString()).isEqualTo("4003801");

        TestHttp.Response paid = ovo.call(EMONEY_TOPUP_PATH, topup("ovo-1", wallet.phone(), "600000.00"));
        assertThat(paid.json().get("responseCode").asString()).isEqualTo("2003800");
        assertThat(sims.payments(Party.OVO)).hasSize(1);
    }

    @Test
    void wallet_inquiry_reports_the_kyc_level_in_the_partners_own_words() {
        PartnerAccount basic = sims.ovo().accounts().stream().filter(a -> !a.kycUpgraded()).findFirst().orElseThrow();
        JsonNode json = ovo.call(EMONEY_INQUIRY_PATH, """
                {"partnerReferenceNo":"q1","customerNumber":"%s","additionalInfo":{"nik":"3174051505900001"}}"""
                .formatted(basic.phone())).json();

        assertThat(json.get("responseCode").asString()).isEqualTo("2003700");
        assertThat(json.get("customerName").asString()).isEqualTo(basic.ownerName());
        assertThat(json.at("/additionalInfo/kycUpgraded").asBoolean()).isFalse();
        assertThat(json.at("/additionalInfo/accountType").asString()).isEqualTo("CLUB");
        assertThat(json.at("/additionalInfo/nikMatch").asBoolean()).isFalse();
    }

    @Test
    void a_never_upgraded_wallet_cannot_take_more_than_two_million() {
        PartnerAccount basic = sims.goPay().accounts().stream().filter(a -> !a.kycUpgraded() && a.active())
                .findFirst().orElseThrow();
        TestHttp.Response response = goPay.call(EMONEY_TOPUP_PATH, topup("gp-limit", basic.phone(), "2400000.00"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("responseCode").asString()).isEqualTo("4033802");
    }

    @Test
    void linkaja_answers_pending_2023800_then_settles_and_notifies_the_callback() throws Exception {
        PartnerAccount wallet = upgraded(sims.linkAja());
        sims.linkAja().pendingPercent(100);
        try (CallbackReceiver receiver = new CallbackReceiver()) {
            sims.linkAja().callbackUrl(receiver.url("/partner/payments/linkaja/callback"));

            TestHttp.Response accepted = linkAja.call(EMONEY_TOPUP_PATH, topup("la-1", "62" + wallet.phone().substring(1), "600000.00"));
            assertThat(accepted.status()).isEqualTo(202);
            assertThat(accepted.json().get("responseCode").asString()).isEqualTo("2023800");
            assertThat(linkAja.call(EMONEY_STATUS_PATH, status("la-1", "38")).json().get("latestTransactionStatus").asString())
                    .isEqualTo("03");

            sims.linkAja().settlePending();

            JsonNode settled = linkAja.call(EMONEY_STATUS_PATH, status("la-1", "38")).json();
            assertThat(settled.get("responseCode").asString()).isEqualTo("2003900");
            assertThat(settled.get("latestTransactionStatus").asString()).isEqualTo("00");
            CallbackReceiver.Received callback = receiver.await(1, 5_000).get(0);
            assertThat(callback.path()).isEqualTo("/partner/payments/linkaja/callback");
            assertThat(Json.mapper().readTree(callback.body()).get("originalPartnerReferenceNo").asString()).isEqualTo("la-1");
            assertSignedBy("linkaja-local-secret", callback);
        }
        assertThat(sims.payments(Party.LINKAJA)).singleElement()
                .satisfies(p -> assertThat(p.status()).isEqualTo(PaymentStatus.SUCCESS));
    }

    @Test
    void linkaja_settles_a_pending_topup_by_itself_after_a_while() throws Exception {
        PartnerAccount wallet = upgraded(sims.linkAja());
        sims.linkAja().pendingPercent(100);
        sims.linkAja().settleAfter(java.time.Duration.ofMillis(100));
        linkAja.call(EMONEY_TOPUP_PATH, topup("la-2", wallet.phone(), "600000.00"));

        long deadline = System.currentTimeMillis() + 5_000;
        while (sims.linkAja().payment("la-2").orElseThrow().status() == PaymentStatus.PENDING
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(sims.linkAja().payment("la-2").orElseThrow().status()).isEqualTo(PaymentStatus.SUCCESS);
    }

    @Test
    void gopay_confirms_every_topup_with_a_signed_callback_delivered_twice() throws Exception {
        PartnerAccount wallet = upgraded(sims.goPay());
        try (CallbackReceiver receiver = new CallbackReceiver()) {
            sims.goPay().callbackUrl(receiver.url("/cb"));
            TestHttp.Response paid = goPay.call(EMONEY_TOPUP_PATH, topup("gp-1", wallet.phone(), "600000.00"));
            assertThat(paid.json().get("responseCode").asString()).isEqualTo("2003800");

            List<CallbackReceiver.Received> callbacks = receiver.await(2, 5_000);
            assertThat(callbacks).hasSize(2);
            assertThat(callbacks.get(0).body()).isEqualTo(callbacks.get(1).body());
            assertThat(callbacks.get(0).header("X-EXTERNAL-ID")).isEqualTo(callbacks.get(1).header("X-EXTERNAL-ID"));
            JsonNode body = Json.mapper().readTree(callbacks.get(0).body());
            assertThat(body.get("partnerReferenceNo").asString()).isEqualTo("gp-1");
            assertThat(body.get("status").asString()).isEqualTo("SETTLEMENT");
            assertThat(callbacks.get(0).header("X-PARTNER-ID")).isEqualTo("gopay-local-client");
            assertSignedBy("gopay-local-secret", callbacks.get(0));
        }
        assertThat(sims.payments(Party.GOPAY)).hasSize(1);
    }

    private static void assertSignedBy(String secret, CallbackReceiver.Received callback) {
        String expected = SnapSignature.sign(secret, "POST", callback.path(), "", callback.body(),
                callback.header("X-TIMESTAMP"));
        assertThat(callback.header("X-SIGNATURE")).isEqualTo(expected);
    }
}
