package id.go.prakerja.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./run-local}: the whole platform on one machine, no Docker. Data lives in
 * {@code .local-data/} and survives restarts; {@code --fresh} starts from nothing.
 * Ctrl-C stops services first (so they finish in-flight work), then Kafka, then PostgreSQL.
 */
public final class LocalPlatform {

    private static final Logger log = LoggerFactory.getLogger(LocalPlatform.class);

    private final Path repository;
    private final Path data;
    private final List<String> serviceJvmOptions;
    private final List<ChildProcess> apps = new ArrayList<>();
    private LocalPostgres postgres;
    private LocalKafka kafka;
    private ChildProcess simulators;

    LocalPlatform(Path repository, Path data, List<String> serviceJvmOptions) {
        this.repository = repository;
        this.data = data;
        this.serviceJvmOptions = serviceJvmOptions;
    }

    public static void main(String[] args) throws Exception {
        boolean fresh = false;
        Path repository = Path.of("").toAbsolutePath();
        String jvmOptions = "-Xms64m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
        for (String arg : args) {
            if (arg.equals("--fresh")) {
                fresh = true;
            } else if (arg.startsWith("--repository=")) {
                repository = Path.of(arg.substring("--repository=".length())).toAbsolutePath();
            } else if (arg.startsWith("--jvm-options=")) {
                jvmOptions = arg.substring("--jvm-options=".length());
            } else {
                System.err.println("usage: run-local [--fresh] [--repository=DIR] [--jvm-options=\"...\"]");
                System.exit(2);
            }
        }
        Path data = repository.resolve(".local-data");
        if (fresh) {
            deleteRecursively(data);
            log.info("--fresh: removed {}", data);
        }
        LocalPlatform platform = new LocalPlatform(repository, data, List.of(jvmOptions.trim().split("\\s+")));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.stop();
            stopped.countDown();
        }, "local-platform-stop"));
        try {
            platform.start();
        } catch (Exception e) {
            log.error("the platform did not start: {}", e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    void start() throws Exception {
        Path logs = Files.createDirectories(data.resolve("logs"));
        String classpath = System.getProperty("java.class.path");
        Instant started = Instant.now();

        postgres = new LocalPostgres(data.resolve("postgres"));
        postgres.start(PlatformLayout.SERVICES.stream().map(PlatformLayout.App::database).toList());
        log.info("PostgreSQL ready on localhost:{} (data in {})", PlatformLayout.POSTGRES_PORT, data.resolve("postgres"));

        kafka = new LocalKafka(data.resolve("kafka"), classpath);
        kafka.start(logs);
        log.info("Kafka (KRaft) ready on {}", kafka.bootstrapServers());

        simulators = ChildProcess.startJava("simulators", List.of("-cp", classpath, "-Xmx256m", "-XX:+UseSerialGC"),
                List.of("id.go.prakerja.simulators.SimulatorsMain", "--base-port=" + PlatformLayout.SIMULATORS_BASE_PORT),
                logs.resolve("simulators.log"));

        for (PlatformLayout.App app : PlatformLayout.SERVICES) {
            apps.add(startApp(app, logs));
        }
        apps.add(startApp(PlatformLayout.GATEWAY, logs));

        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < apps.size(); i++) {
            PlatformLayout.App app = i < PlatformLayout.SERVICES.size() ? PlatformLayout.SERVICES.get(i) : PlatformLayout.GATEWAY;
            if (!apps.get(i).awaitHttpOk("http://localhost:" + app.port() + "/actuator/health/readiness", deadline)) {
                failed.add(app.module() + " (see " + apps.get(i).log() + ")");
            }
        }
        if (!simulators.awaitHttpOk("http://localhost:" + PlatformLayout.SIMULATORS_BASE_PORT + "/health", deadline)) {
            failed.add("simulators (see " + simulators.log() + ")");
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException("not ready: " + String.join(", ", failed));
        }
        printAddresses(Duration.between(started, Instant.now()), logs);
    }

    private ChildProcess startApp(PlatformLayout.App app, Path logs) {
        Path jar = repository.resolve(app.module()).resolve("target").resolve(app.module() + "-0.1.0-SNAPSHOT-exec.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./run-local builds it)");
        }
        List<String> args = new ArrayList<>(List.of("-jar", jar.toString(),
                "--spring.profiles.active=local",
                "--server.port=" + app.port(),
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers()));
        if (app.hasDatabase()) {
            args.add("--spring.datasource.url=" + postgres.jdbcUrl(app.database()));
            args.add("--spring.datasource.username=postgres");
            args.add("--spring.datasource.password=postgres");
        }
        return ChildProcess.startJava(app.module(), serviceJvmOptions, args, logs.resolve(app.module() + ".log"));
    }

    private void printAddresses(Duration took, Path logs) {
        StringBuilder out = new StringBuilder();
        out.append("\n  Prakerja platform is up (").append(took.toSeconds()).append(" s). Ctrl-C stops it; data stays in ")
                .append(data).append("\n\n");
        out.append("  entry point   http://localhost:").append(PlatformLayout.GATEWAY_PORT)
                .append("   (/api/v1/..., /admin/..., /partner/..., /health/<service>, /docs/<service>)\n");
        for (PlatformLayout.App app : PlatformLayout.SERVICES) {
            out.append(String.format("  %-29s http://localhost:%d   swagger: /swagger-ui.html  db: %s%n", app.module(),
                    app.port(), postgres.jdbcUrl(app.database())));
        }
        for (int i = 0; i < PlatformLayout.SIMULATORS.size(); i++) {
            out.append(String.format("  simulator %-19s http://localhost:%d%n", PlatformLayout.SIMULATORS.get(i),
                    PlatformLayout.SIMULATORS_BASE_PORT + i));
        }
        out.append("  kafka                         ").append(kafka.bootstrapServers()).append('\n');
        out.append("  postgresql                    localhost:").append(PlatformLayout.POSTGRES_PORT)
                .append(" (user postgres)\n");
        out.append("  logs                          ").append(logs).append('\n');
        System.out.println(out);
    }

    void stop() {
        log.info("stopping the platform");
        apps.parallelStream().forEach(app -> app.stop(Duration.ofSeconds(30)));
        if (simulators != null) {
            simulators.stop(Duration.ofSeconds(5));
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.stop();
        }
        log.info("stopped");
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
