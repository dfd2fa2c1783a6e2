package id.go.prakerja.simulators;

/**
 * One set of simulators for the whole test run: starting them costs little, but there is no reason
 * to do it once per class. Each test class resets what it touched.
 */
public final class SharedSimulators {

    public static final long SEED = 42L;

    private static Simulators instance;

    private SharedSimulators() {
    }

    public static synchronized Simulators get() {
        if (instance == null) {
            instance = Simulators.start(SimulatorConfig.builder()
                    .seed(SEED)
                    .populationSize(2_000)
                    .simulateLatency(false)
                    .build());
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
        }
        return instance;
    }
}
