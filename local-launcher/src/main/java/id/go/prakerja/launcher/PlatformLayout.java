package id.go.prakerja.launcher;

import java.util.List;

/** Where everything listens locally; front-end developers and scripts rely on these numbers. */
public final class PlatformLayout {

    public static final int KAFKA_PORT = 9092;
    public static final int KAFKA_CONTROLLER_PORT = 9093;
    public static final int POSTGRES_PORT = 15432;
    public static final int SIMULATORS_BASE_PORT = 9000;
    public static final int GATEWAY_PORT = 8080;

    /** A deployable Spring Boot application of the platform. */
    public record App(String module, String key, int port, String database) {
        public boolean hasDatabase() {
            return database != null;
        }
    }

    public static final List<App> SERVICES = List.of(
            new App("registration-service", "registration", 8081, "registration"),
            new App("verification-service", "verification", 8082, "verification"),
            new App("training-marketplace-service", "training", 8083, "training"),
            new App("incentive-service", "incentive", 8084, "incentive"),
            new App("payment-gateway-service", "payment", 8085, "payment"),
            new App("survey-service", "survey", 8086, "survey"),
            new App("operator-console", "console", 8087, "console"));

    /**
     * One running copy of an application. The first keeps the application's port and name; a further
     * replica (the launcher's {@code --replicas=N}) listens 100 above the one before and is named
     * {@code <module>-<n>}.
     */
    public record Instance(App app, int number) {
        public String name() {
            return number == 1 ? app.module() : app.module() + "-" + number;
        }

        public int port() {
            return app.port() + 100 * (number - 1);
        }
    }

    /**
     * The services whose work grows with a wave and that are built to run as several instances at once
     * (their schedulers claim work with {@code FOR UPDATE SKIP LOCKED}, their consumers share a group):
     * the ones {@code --replicas} multiplies.
     */
    public static final List<String> SCALED = List.of("training", "incentive", "payment");

    public static final App GATEWAY = new App("gateway", "gateway", GATEWAY_PORT, null);

    public static final List<String> SIMULATORS = List.of("dukcapil", "sms", "face-match", "bni", "linkaja", "ovo",
            "gopay", "training-platforms", "email");

    private PlatformLayout() {
    }
}
