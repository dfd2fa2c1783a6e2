package id.go.prakerja.launcher;

import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.SimulatorConfig;
import id.go.prakerja.simulators.SimulatorsMain;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@code run-local} starts the simulators: as the simulators' own command line reads it. */
class SimulatorsCommandTest {

    private final Path data = Path.of("/tmp/prakerja-local-data");
    private final List<String> command = LocalPlatform.simulatorsCommand(data);

    @Test
    void the_simulators_run_on_the_fixed_ports_with_their_state_under_the_platforms_data() {
        assertThat(command.getFirst()).isEqualTo(SimulatorsMain.class.getName());
        SimulatorConfig config = SimulatorsMain.config(arguments());
        assertThat(config.basePort()).isEqualTo(PlatformLayout.SIMULATORS_BASE_PORT);
        assertThat(config.stateDir()).isEqualTo(data.resolve("simulators"));
    }

    @Test
    void the_payment_partners_notify_the_payment_gateways_callbacks_through_the_gateway() {
        assertThat(command).contains("--payment-callback-base=http://localhost:8080");
        SimulatorConfig config = SimulatorsMain.config(arguments());
        for (Party partner : List.of(Party.BNI, Party.LINKAJA, Party.OVO, Party.GOPAY)) {
            // the payment gateway's PaymentCallbackEndpoint path, under the gateway's public /partner/payments route
            assertThat(config.paymentCallbackUrl(partner))
                    .isEqualTo("http://localhost:" + PlatformLayout.GATEWAY_PORT + "/partner/payments/"
                            + partner.name().toLowerCase(java.util.Locale.ROOT) + "/callback");
        }
    }

    private String[] arguments() {
        return command.subList(1, command.size()).toArray(String[]::new);
    }
}
