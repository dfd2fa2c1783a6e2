package id.go.prakerja.simulators;

import java.util.concurrent.CountDownLatch;

/**
 * Starts every simulator for local development: {@code --base-port=9000} (default), {@code --seed=N},
 * {@code --population=N}, {@code --bind=ADDRESS}, {@code --no-latency}, {@code --state-dir=DIR} (the
 * payment partners keep the accounts opened through their control endpoints, and their ledgers, there
 * across restarts).
 * Stops on Ctrl-C.
 */
public final class SimulatorsMain {

    private SimulatorsMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorConfig.Builder config = SimulatorConfig.builder().basePort(9000);
        for (String arg : args) {
            if (arg.startsWith("--base-port=")) {
                config.basePort(Integer.parseInt(value(arg)));
            } else if (arg.startsWith("--seed=")) {
                config.seed(Long.parseLong(value(arg)));
            } else if (arg.startsWith("--population=")) {
                config.populationSize(Integer.parseInt(value(arg)));
            } else if (arg.startsWith("--bind=")) {
                config.bindAddress(value(arg));
            } else if (arg.startsWith("--state-dir=")) {
                config.stateDir(java.nio.file.Path.of(value(arg)));
            } else if (arg.equals("--no-latency")) {
                config.simulateLatency(false);
            } else {
                System.err.println("Unknown argument " + arg
                        + "; use --base-port=N --seed=N --population=N --bind=ADDRESS --no-latency --state-dir=DIR");
                System.exit(2);
            }
        }
        Simulators simulators = Simulators.start(config.build());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulators.close();
            stopped.countDown();
        }, "simulators-shutdown"));
        for (Party party : Party.values()) {
            System.out.printf("%-18s %s%n", party, simulators.baseUrl(party));
        }
        System.out.println("Simulators running (seed " + simulators.config().seed() + "). Ctrl-C to stop.");
        stopped.await();
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }
}
