package id.go.prakerja.payment.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import id.go.prakerja.payment.snap.ExternalIds;
import id.go.prakerja.payment.snap.SnapClient;
import id.go.prakerja.payment.snap.SnapCredentials;
import id.go.prakerja.payment.snap.SnapSignatures;
import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.SimulatorConfig;
import id.go.prakerja.simulators.Simulators;
import id.go.prakerja.simulators.payment.PartnerAccount;
import id.go.prakerja.simulators.payment.PaymentPartnerSimulator;

/**
 * The simulators started as {@code run-local} starts them ({@code --payment-callback-base}) notify
 * each partner's callback path, and every notification passes this gateway's own check with the local
 * credentials it runs with: the partner's client id and secret, the path and body as received.
 */
class SimulatedPartnerNotificationTest {

    private record Received(String partner, String target, String body, String partnerId, String timestamp,
            String externalId, String signature) {
    }

    @Test
    void every_simulated_partner_given_the_callback_base_sends_notifications_this_gateway_accepts() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        gateway.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getRawPath();
                String query = exchange.getRequestURI().getRawQuery();
                var h = exchange.getRequestHeaders();
                String partner = path.matches("/partner/payments/[^/]+/callback") ? path.split("/")[3] : path;
                received.add(new Received(partner, query == null ? path : path + "?" + query,
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), h.getFirst("X-PARTNER-ID"),
                        h.getFirst("X-TIMESTAMP"), h.getFirst("X-EXTERNAL-ID"), h.getFirst("X-SIGNATURE")));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        gateway.start();
        String base = "http://127.0.0.1:" + gateway.getAddress().getPort();
        try (Simulators sims = Simulators.start(SimulatorConfig.builder().simulateLatency(false).populationSize(200)
                .paymentCallbackBase(base).build())) {
            List<Party> partners = List.of(Party.BNI, Party.LINKAJA, Party.OVO, Party.GOPAY);
            for (Party partner : partners) {
                PaymentPartnerSimulator sim = sims.paymentPartner(partner);
                sim.pendingPercent(100); // GoPay notifies every transfer anyway; the others when a pending one settles
                PartnerAccount account = sim.accounts().stream().filter(a -> a.active() && a.kycUpgraded()).findFirst()
                        .orElseThrow();
                String reference = "NOTIFY-" + partner.slug();
                String body = sim.profile().isBank()
                        ? "{\"partnerReferenceNo\":\"" + reference + "\",\"amount\":{\"value\":\"600000.00\",\"currency\":\"IDR\"},"
                                + "\"beneficiaryAccountNo\":\"" + account.accountNumber() + "\",\"sourceAccountNo\":\"0115476117\"}"
                        : "{\"partnerReferenceNo\":\"" + reference + "\",\"customerNumber\":\"" + account.phone()
                                + "\",\"amount\":{\"value\":\"600000.00\",\"currency\":\"IDR\"}}";
                try (SnapClient client = client(sims, partner)) {
                    assertThat(client.post(sim.profile().transferPath(), body).httpStatus()).isBetween(200, 202);
                }
                sim.settlePending();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partners.stream().anyMatch(p -> received.stream().noneMatch(r -> r.partner().equals(p.slug())))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            gateway.stop(0);
        }

        assertThat(received).extracting(Received::partner).contains("bni", "linkaja", "ovo", "gopay");
        for (Received notice : received) {
            String partner = notice.partner();
            assertThat(notice.target()).isEqualTo("/partner/payments/" + partner + "/callback");
            assertThat(SnapCallbackVerifier.refusal(partner + "-local-client", partner + "-local-secret", Duration.ofMinutes(5),
                    Instant.now(), "POST", notice.target(), notice.body(), notice.partnerId(), notice.timestamp(),
                    notice.externalId(), notice.signature()))
                    .as("the gateway's verdict on %s's notification", partner).isNull();
        }
    }

    private static SnapClient client(Simulators sims, Party partner) {
        String slug = partner.name().toLowerCase(Locale.ROOT);
        return new SnapClient(sims.baseUrl(partner), new SnapCredentials(slug + "-local-client", slug + "-local-secret",
                SnapSignatures.privateKey(localKey(slug)), "95221"), Duration.ofSeconds(2), Duration.ofSeconds(5),
                Clock.systemUTC(), new ExternalIds(Clock.systemUTC()));
    }

    private static String localKey(String partner) {
        try (InputStream in = SimulatedPartnerNotificationTest.class.getResourceAsStream(
                "/local-secrets/snap/" + partner + "-private.pem")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
