package id.go.prakerja.simulators;

import java.util.concurrent.CountDownLatch;

/**
 * Starts every simulator for local development: {@code --base-port=9000} (default), {@code --seed=N},
 * {@code --population=N}, {@code --bind=ADDRESS}, {@code --no-latency}, {@code --state-dir=DIR} (the
 * payment partners keep the accounts opened through their control endpoints, and their ledgers, there
 * across restarts), {@code --payment-callback-base=URL} (the payment partners notify
 * {@code URL/partner/payments/<partner>/callback}, e.g. {@code http://localhost:8080}, the gateway).
 * Stops on Ctrl-C.
 */
public final class SimulatorsMain {

    static final String USAGE = "use --base-port=N --seed=N --population=N --bind=ADDRESS --no-latency --state-dir=DIR"
            + " --payment-callback-base=URL";

    private SimulatorsMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorConfig config;
        try {
            config = config(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Simulators simulators = Simulators.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulators.close();
            stopped.countDown();
        }, "simulators-shutdown"));
        for (Party party : Party.values()) {
            System.out.printf("%-18s %s%n", party, simulators.baseUrl(party));
        }
        if (config.paymentCallbackBase() != null) {
            System.out.println("Payment partners notify " + config.paymentCallbackBase()
                    + SimulatorConfig.PAYMENT_CALLBACK_PATH.formatted("<partner>"));
        }
        System.out.println("Simulators running (seed " + simulators.config().seed() + "). Ctrl-C to stop.");
        stopped.await();
    }

    /** The configuration the command line asks for; an unknown or malformed argument is refused. */
    public static SimulatorConfig config(String... args) {
        SimulatorConfig.Builder config = SimulatorConfig.builder().basePort(9000);
        for (String arg : args) {
            try {
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
                } else if (arg.startsWith("--payment-callback-base=")) {
                    config.paymentCallbackBase(value(arg));
                } else if (arg.equals("--no-latency")) {
                    config.simulateLatency(false);
                } else {
                    throw new IllegalArgumentException("Unknown argument " + arg + "; " + USAGE);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Not a number in " + arg + "; " + USAGE, e);
            }
        }
        return config.build();
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }
}
