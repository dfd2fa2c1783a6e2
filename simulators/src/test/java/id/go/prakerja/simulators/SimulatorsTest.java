package id.go.prakerja.simulators;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorsTest {

    @Test
    void with_base_port_zero_every_party_gets_its_own_free_port() {
        Simulators sims = SharedSimulators.get();
        int[] ports = Arrays.stream(Party.values()).mapToInt(sims::port).toArray();
        assertThat(ports).doesNotHaveDuplicates().doesNotContain(0);
        assertThat(sims.baseUrl(Party.SMS)).isEqualTo("http://127.0.0.1:" + sims.port(Party.SMS));
    }

    @Test
    void with_a_base_port_party_i_listens_on_base_port_plus_i() throws IOException {
        int base = freeBlockOf(Party.values().length);
        try (Simulators sims = Simulators.start(SimulatorConfig.builder().basePort(base).populationSize(10).build())) {
            for (Party party : Party.values()) {
                assertThat(sims.port(party)).isEqualTo(base + party.ordinal());
                assertThat(TestHttp.get(sims.baseUrl(party) + "/health").status()).isEqualTo(200);
            }
        }
    }

    @Test
    void a_port_already_taken_fails_the_start_and_leaves_nothing_running() throws IOException {
        int base = freeBlockOf(Party.values().length);
        try (ServerSocket taken = new ServerSocket(base + Party.BNI.ordinal(), 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> Simulators.start(SimulatorConfig.builder().basePort(base).populationSize(10).build()))
                    .hasMessageContaining("BNI");
            // Dukcapil (base + 0) was started before BNI failed; it must have been stopped again
            try (ServerSocket again = new ServerSocket(base, 1, InetAddress.getLoopbackAddress())) {
                assertThat(again.getLocalPort()).isEqualTo(base);
            }
        }
    }

    @Test
    void with_a_state_dir_the_accounts_a_partner_opened_outlive_a_restart_until_a_reset(@TempDir Path state) {
        SimulatorConfig config = SimulatorConfig.builder().populationSize(10).stateDir(state).build();
        try (Simulators sims = Simulators.start(config)) {
            assertThat(TestHttp.post(sims.baseUrl(Party.OVO) + "/_control/accounts", """
                    {"phone":"+62 812-3456-7001","ownerName":"Siti Aminah","nik":"3273014506950002"}""").status())
                    .isEqualTo(201);
            assertThat(TestHttp.post(sims.baseUrl(Party.BNI) + "/_control/accounts", """
                    {"accountNumber":"9876500001","ownerName":"BUDI SANTOSO","active":false}""").status()).isEqualTo(201);
            // a second write of the same account replaces the first
            assertThat(TestHttp.post(sims.baseUrl(Party.BNI) + "/_control/accounts", """
                    {"accountNumber":"9876500001","ownerName":"BUDI SANTOSO","nik":"3174051505900001"}""").status())
                    .isEqualTo(201);
        }
        try (Simulators again = Simulators.start(config)) {
            assertThat(again.ovo().account("081234567001")).get()
                    .satisfies(a -> assertThat(a.ownerName()).isEqualTo("Siti Aminah"))
                    .satisfies(a -> assertThat(a.nik()).isEqualTo("3273014506950002"));
            assertThat(again.bni().account("9876500001")).get()
                    .satisfies(a -> assertThat(a.active()).isTrue())
                    .satisfies(a -> assertThat(a.nik()).isEqualTo("3174051505900001"));
            assertThat(again.linkAja().account("081234567001")).isEmpty();
            again.ovo().reset();
        }
        try (Simulators afterReset = Simulators.start(config)) {
            assertThat(afterReset.ovo().account("081234567001")).isEmpty();
            assertThat(afterReset.bni().account("9876500001")).isPresent();
        }
    }

    @Test
    void default_credentials_follow_the_documented_pattern() {
        SimulatorConfig config = SimulatorConfig.defaults();
        assertThat(config.basePort()).isZero();
        assertThat(config.populationSize()).isEqualTo(10_000);
        assertThat(config.dukcapilApiKey()).isEqualTo("dukcapil-local-key");
        assertThat(config.smsApiKey()).isEqualTo("sms-local-key");
        assertThat(config.faceMatchApiKey()).isEqualTo("face-local-key");
        assertThat(config.credentials(Party.LINKAJA))
                .isEqualTo(new SimulatorConfig.PartnerCredentials("linkaja-local-client", "linkaja-local-secret",
                        SimulatorConfig.PartnerCredentials.localPublicKey(Party.LINKAJA)));
        assertThat(config.portFor(Party.TRAINING_PLATFORMS)).isZero();
        assertThat(config.toBuilder().basePort(9000).build().portFor(Party.TRAINING_PLATFORMS)).isEqualTo(9007);
        assertThat(config.toBuilder().basePort(9000).build().portFor(Party.EMAIL)).isEqualTo(9008);
    }

    @Test
    void residents_and_partner_accounts_come_from_the_same_seeded_world() {
        Simulators sims = SharedSimulators.get();
        assertThat(sims.residents()).hasSize(2_000);
        assertThat(sims.bni().accounts()).allSatisfy(a ->
                assertThat(sims.dukcapil().residentByNik(a.nik())).hasValueSatisfying(r ->
                        assertThat(r.fullName()).isEqualTo(a.ownerName())));
    }

    /** Finds {@code n} consecutive free ports; good enough on a test machine. */
    private static int freeBlockOf(int n) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                base = probe.getLocalPort();
            }
            if (base + n > 65_000) {
                continue;
            }
            boolean free = true;
            for (int p = base; p < base + n && free; p++) {
                try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                    s.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IOException("no block of " + n + " free ports");
    }
}
