package id.go.prakerja.payment.snap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.go.prakerja.simulators.Fault;
import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.SimulatorConfig;
import id.go.prakerja.simulators.Simulators;

/** The SNAP client against a simulated partner, without Spring. */
class SnapClientTest {

    private static Simulators sims;

    /** A clock a test moves by hand. */
    static final class MovingClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeAll
    static void start() {
        sims = Simulators.start(SimulatorConfig.builder().simulateLatency(false).populationSize(100).build());
    }

    @AfterAll
    static void stop() {
        sims.close();
    }

    private static SnapClient client(Clock clock, String partner) {
        return new SnapClient(sims.baseUrl(Party.valueOf(partner.toUpperCase())), new SnapCredentials(partner + "-local-client",
                partner + "-local-secret", SnapSignatures.privateKey(SnapSignaturesTest.localKey(partner)), "95221"),
                Duration.ofSeconds(1), Duration.ofSeconds(1), clock, new ExternalIds(clock));
    }

    @Test
    void the_token_is_cached_and_refreshed_a_minute_before_it_expires() {
        MovingClock clock = new MovingClock();
        SnapClient client = client(clock, "ovo");
        String first = client.token();
        clock.advance(Duration.ofSeconds(830));
        assertThat(client.token()).isEqualTo(first);
        clock.advance(Duration.ofSeconds(15)); // 845 s of 900: within the last minute
        assertThat(client.token()).isNotEqualTo(first);
    }

    @Test
    void a_token_the_partner_forgot_is_fetched_again_and_the_call_goes_through() {
        SnapClient client = client(Clock.systemUTC(), "bni");
        client.token();
        sims.bni().revokeTokens();
        SnapResponse answer = client.post("/snap/v1.0/transfer/status",
                "{\"originalPartnerReferenceNo\":\"never\",\"serviceCode\":\"17\"}");
        assertThat(answer.rawCode()).isEqualTo("4043601");
        assertThat(answer.externalId()).matches("\\d{20}");
    }

    @Test
    void a_token_signed_with_another_partners_key_is_refused_and_nothing_is_sent() {
        SnapClient wrongKey = new SnapClient(sims.baseUrl(Party.GOPAY), new SnapCredentials("gopay-local-client",
                "gopay-local-secret", SnapSignatures.privateKey(SnapSignaturesTest.localKey("ovo")), "95221"),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Clock.systemUTC(), new ExternalIds(Clock.systemUTC()));
        assertThatThrownBy(() -> wrongKey.post("/snap/v1.0/emoney/topup", "{}")).isInstanceOf(SnapClient.NotSent.class)
                .hasMessageContaining("4017300");
    }

    @Test
    void no_answer_in_time_is_unanswered_and_no_connection_is_not_sent() {
        SnapClient client = client(Clock.systemUTC(), "linkaja");
        client.token();
        sims.linkAja().fault(Fault.slow(Duration.ofSeconds(3)));
        try {
            assertThatThrownBy(() -> client.post("/snap/v1.0/emoney/topup-status",
                    "{\"originalPartnerReferenceNo\":\"x\",\"serviceCode\":\"38\"}")).isInstanceOf(SnapClient.Unanswered.class);
        } finally {
            sims.linkAja().fault(Fault.none());
        }
        SnapClient nowhere = new SnapClient("http://127.0.0.1:1", new SnapCredentials("x", "y",
                SnapSignatures.privateKey(SnapSignaturesTest.localKey("bni")), "1"), Duration.ofMillis(500), Duration.ofSeconds(1),
                Clock.systemUTC(), new ExternalIds(Clock.systemUTC()));
        assertThatThrownBy(nowhere::token).isInstanceOf(SnapClient.NotSent.class);
    }
}
