package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.SimulatorConfig;
import id.go.prakerja.simulators.Simulators;
import id.go.prakerja.simulators.SimulatorsMain;
import id.go.prakerja.simulators.http.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static id.go.prakerja.simulators.payment.PartnerProfile.EMONEY_TOPUP_PATH;
import static id.go.prakerja.simulators.payment.SnapTestClient.topup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --payment-callback-base}: every partner notifies the payment gateway's callback for it from
 * the start, as a partner that was given the platform's address does; {@code run-local} sets it.
 */
class PaymentCallbackBaseTest {

    @Test
    void with_a_callback_base_every_partner_notifies_its_own_callback_path_signed_with_its_secret() throws Exception {
        try (CallbackReceiver gateway = new CallbackReceiver()) {
            SimulatorConfig config = SimulatorsMain.config("--base-port=0", "--population=20", "--no-latency",
                    "--payment-callback-base=" + gateway.url("/"));
            try (Simulators sims = Simulators.start(config)) {
                for (Party partner : List.of(Party.BNI, Party.LINKAJA, Party.OVO, Party.GOPAY)) {
                    assertThat(sims.paymentPartner(partner).callbackUrl())
                            .isEqualTo(gateway.url("/partner/payments/" + partner.slug() + "/callback"));
                }
                PartnerAccount wallet = sims.linkAja().accounts().stream().filter(a -> a.active() && a.kycUpgraded())
                        .findFirst().orElseThrow();
                sims.linkAja().pendingPercent(100);
                SnapTestClient linkAja = new SnapTestClient(sims.baseUrl(Party.LINKAJA), "linkaja-local-client",
                        "linkaja-local-secret");
                assertThat(linkAja.call(EMONEY_TOPUP_PATH, topup("la-cb-1", wallet.phone(), "600000.00")).status())
                        .isEqualTo(202);

                sims.linkAja().settlePending();

                CallbackReceiver.Received notice = gateway.await(1, 5_000).get(0);
                assertThat(notice.path()).isEqualTo("/partner/payments/linkaja/callback");
                assertThat(notice.header("Content-Type")).startsWith("application/json");
                assertThat(notice.header("X-PARTNER-ID")).isEqualTo("linkaja-local-client");
                assertThat(notice.header("X-EXTERNAL-ID")).matches("\\d{1,36}");
                // the gateway's check: HMAC-SHA512 with the partner's secret over POST, the path, an empty token,
                // the body's hash and the timestamp
                assertThat(notice.header("X-SIGNATURE")).isEqualTo(SnapSignature.sign("linkaja-local-secret", "POST",
                        "/partner/payments/linkaja/callback", "", notice.body(), notice.header("X-TIMESTAMP")));
                JsonNode body = Json.mapper().readTree(notice.body());
                assertThat(body.get("originalPartnerReferenceNo").asString()).isEqualTo("la-cb-1");
                assertThat(body.get("latestTransactionStatus").asString()).isEqualTo("00");

                // a reset forgets what a test set, not the address the partner was given
                sims.linkAja().callbackUrl(null);
                sims.linkAja().reset();
                assertThat(sims.linkAja().callbackUrl()).isEqualTo(gateway.url("/partner/payments/linkaja/callback"));
            }
        }
    }

    @Test
    void without_a_callback_base_partners_notify_no_one_until_told() {
        try (Simulators sims = Simulators.start(SimulatorsMain.config("--base-port=0", "--population=20", "--no-latency"))) {
            assertThat(sims.bni().callbackUrl()).isNull();
            sims.bni().callbackUrl("http://127.0.0.1:1/cb");
            sims.bni().reset();
            assertThat(sims.bni().callbackUrl()).isNull();
        }
    }

    @Test
    void the_callback_base_must_be_an_http_address() {
        assertThat(SimulatorsMain.config("--payment-callback-base=http://localhost:8080/").paymentCallbackUrl(Party.GOPAY))
                .isEqualTo("http://localhost:8080/partner/payments/gopay/callback");
        assertThatThrownBy(() -> SimulatorsMain.config("--payment-callback-base=localhost:8080"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorsMain.config("--payment-callback-url=http://localhost:8080"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown argument");
    }
}
