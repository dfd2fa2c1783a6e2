package id.go.prakerja.simulators;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultInjectionTest {

    /** One party-facing endpoint per simulator; faults strike before auth, so no credentials needed. */
    private static final Map<Party, String> ENDPOINT = Map.of(
            Party.DUKCAPIL, "/dukcapil/v1/verify-by-element",
            Party.SMS, "/sms/v1/messages",
            Party.FACE_MATCH, "/face/v1/match",
            Party.BNI, "/snap/v1.0/transfer-intrabank",
            Party.LINKAJA, "/snap/v1.0/emoney/topup",
            Party.OVO, "/snap/v1.0/emoney/topup",
            Party.GOPAY, "/snap/v1.0/emoney/topup",
            Party.TRAINING_PLATFORMS, "/platforms/v1/catalogue",
            Party.EMAIL, "/email/v1/messages");

    private static Simulators sims;

    @BeforeAll
    static void start() {
        sims = SharedSimulators.get();
    }

    @AfterEach
    void reset() {
        sims.resetAll();
    }

    private static TestHttp.Response callParty(Party party) {
        String url = sims.baseUrl(party) + ENDPOINT.get(party);
        return party == Party.TRAINING_PLATFORMS ? TestHttp.get(url) : TestHttp.post(url, "{}");
    }

    @ParameterizedTest
    @EnumSource(Party.class)
    void a_party_that_is_down_answers_503_until_reset_while_health_stays_up(Party party) {
        TestHttp.Response set = TestHttp.post(sims.baseUrl(party) + "/_control/fault", "{\"mode\":\"DOWN\"}");
        assertThat(set.status()).isEqualTo(200);

        assertThat(callParty(party).status()).isEqualTo(503);
        assertThat(callParty(party).status()).isEqualTo(503);
        TestHttp.Response health = TestHttp.get(sims.baseUrl(party) + "/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");

        assertThat(TestHttp.post(sims.baseUrl(party) + "/_control/reset", "").status()).isEqualTo(200);
        assertThat(callParty(party).status()).isNotIn(500, 503, 504);
    }

    @Test
    void a_slow_party_delays_its_answer_and_then_answers_normally() {
        sims.trainingPlatforms().fault(Fault.slow(Duration.ofMillis(300)));
        long started = System.nanoTime();
        TestHttp.Response response = callParty(Party.TRAINING_PLATFORMS);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.status()).isEqualTo(200);
        assertThat(tookMillis).isGreaterThanOrEqualTo(300);
    }

    @Test
    void an_erroring_party_answers_500_with_a_problem() {
        TestHttp.post(sims.baseUrl(Party.SMS) + "/_control/fault", "{\"mode\":\"ERROR\"}");
        TestHttp.Response response = callParty(Party.SMS);
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void a_fault_for_a_number_of_calls_heals_itself_afterwards() {
        sims.dukcapil().fault(Fault.down().forCalls(2));
        assertThat(callParty(Party.DUKCAPIL).status()).isEqualTo(503);
        assertThat(callParty(Party.DUKCAPIL).status()).isEqualTo(503);
        assertThat(callParty(Party.DUKCAPIL).status()).isEqualTo(401);
        assertThat(sims.dukcapil().fault()).isEqualTo(Fault.none());
    }

    @Test
    void a_timing_out_party_hangs_until_the_caller_gives_up() {
        TestHttp.post(sims.baseUrl(Party.FACE_MATCH) + "/_control/fault", "{\"mode\":\"TIMEOUT\",\"delayMillis\":10000}");
        long started = System.nanoTime();
        assertThatThrownBy(() -> TestHttp.postOrThrow(sims.baseUrl(Party.FACE_MATCH) + ENDPOINT.get(Party.FACE_MATCH),
                "{}", Duration.ofMillis(300)))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void a_timeout_that_runs_out_answers_504() {
        sims.sms().fault(Fault.timeout(Duration.ofMillis(200)));
        assertThat(callParty(Party.SMS).status()).isEqualTo(504);
    }

    @Test
    void the_current_fault_can_be_read_back_and_nonsense_is_refused() {
        TestHttp.post(sims.baseUrl(Party.OVO) + "/_control/fault", "{\"mode\":\"slow\",\"delayMillis\":50}");
        assertThat(TestHttp.get(sims.baseUrl(Party.OVO) + "/_control/fault").json().get("mode").asString()).isEqualTo("SLOW");
        assertThat(sims.ovo().fault()).isEqualTo(new Fault(FaultMode.SLOW, 50, 0));

        TestHttp.Response bad = TestHttp.post(sims.baseUrl(Party.OVO) + "/_control/fault", "{\"mode\":\"BROKEN\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("mode");
    }

    @Test
    void unknown_paths_and_wrong_methods_get_404_and_405() {
        assertThat(TestHttp.get(sims.baseUrl(Party.SMS) + "/nope").status()).isEqualTo(404);
        TestHttp.Response wrongMethod = TestHttp.get(sims.baseUrl(Party.DUKCAPIL) + "/dukcapil/v1/verify-by-element");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Allow")).isEqualTo("POST");
    }
}
