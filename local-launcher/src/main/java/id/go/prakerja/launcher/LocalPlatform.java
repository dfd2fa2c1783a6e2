package id.go.prakerja.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    public static final String DEFAULT_JVM_OPTIONS = "-Xms64m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(5);

    private final Path repository;
    private final Path data;
    private final List<String> serviceJvmOptions;
    private final String childClasspath;
    private final String profiles;
    private Duration startTimeout = DEFAULT_START_TIMEOUT;
    private final java.util.Map<String, ChildProcess> apps = new java.util.concurrent.ConcurrentHashMap<>();
    private LocalPostgres postgres;
    private LocalKafka kafka;
    private ChildProcess simulators;

    public LocalPlatform(Path repository, Path data, List<String> serviceJvmOptions) {
        this(repository, data, serviceJvmOptions, System.getProperty("java.class.path"));
    }

    /** @param childClasspath classpath for the Kafka and simulator JVMs (Kafka's and the simulators' jars) */
    public LocalPlatform(Path repository, Path data, List<String> serviceJvmOptions, String childClasspath) {
        this(repository, data, serviceJvmOptions, childClasspath, List.of());
    }

    /**
     * @param extraProfiles Spring profiles the services run with beside {@code local}, e.g. {@code demo} for the
     *                      compressed incentive and survey schedule; a service without such a profile ignores it
     */
    public LocalPlatform(Path repository, Path data, List<String> serviceJvmOptions, String childClasspath,
            List<String> extraProfiles) {
        this.repository = repository;
        this.data = data;
        this.serviceJvmOptions = serviceJvmOptions;
        this.childClasspath = childClasspath;
        this.profiles = String.join(",", java.util.stream.Stream.concat(java.util.stream.Stream.of("local"),
                extraProfiles.stream()).toList());
    }

    /** How long every service together may take to become ready (a busy machine needs longer). */
    public LocalPlatform startTimeout(Duration timeout) {
        this.startTimeout = timeout;
        return this;
    }

    /** The launcher's own packaged classpath, for callers that are not the launcher (e.g. end-to-end tests). */
    public static String packagedClasspath(Path repository) {
        Path target = repository.resolve("local-launcher").resolve("target");
        return target.resolve("local-launcher-0.1.0-SNAPSHOT.jar") + File.pathSeparator + target.resolve("lib") + File.separator + "*";
    }

    public static void main(String[] args) throws Exception {
        boolean fresh = false;
        Path repository = Path.of("").toAbsolutePath();
        String jvmOptions = DEFAULT_JVM_OPTIONS;
        Path dataDir = null;
        List<String> extraProfiles = new ArrayList<>();
        Duration startTimeout = DEFAULT_START_TIMEOUT;
        for (String arg : args) {
            if (arg.equals("--fresh")) {
                fresh = true;
            } else if (arg.equals("--demo")) {
                extraProfiles.add("demo");
            } else if (arg.startsWith("--data-dir=")) {
                dataDir = Path.of(arg.substring("--data-dir=".length())).toAbsolutePath();
            } else if (arg.startsWith("--repository=")) {
                repository = Path.of(arg.substring("--repository=".length())).toAbsolutePath();
            } else if (arg.startsWith("--jvm-options=")) {
                jvmOptions = arg.substring("--jvm-options=".length());
            } else if (arg.matches("--start-timeout=[1-9][0-9]{0,4}")) {
                startTimeout = Duration.ofSeconds(Long.parseLong(arg.substring("--start-timeout=".length())));
            } else {
                System.err.println("usage: run-local [--fresh] [--demo] [--data-dir=DIR] [--repository=DIR] [--jvm-options=\"...\"] "
                        + "[--start-timeout=SECONDS]");
                System.exit(2);
            }
        }
        Path data = dataDir != null ? dataDir : repository.resolve(".local-data");
        if (fresh) {
            deleteRecursively(data);
            log.info("--fresh: removed {}", data);
        }
        LocalPlatform platform = new LocalPlatform(repository, data, List.of(jvmOptions.trim().split("\\s+")),
                System.getProperty("java.class.path"), extraProfiles).startTimeout(startTimeout);
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

    /** Starts everything and returns once every service, the gateway and the simulators answer. */
    public void start() throws Exception {
        Path logs = logs();
        String classpath = childClasspath;
        Instant started = Instant.now();
        // the services' jars are unpacked (after a build only) while PostgreSQL and Kafka start
        CompletableFuture<Void> unpacked = CompletableFuture.runAsync(this::unpackAll);

        postgres = new LocalPostgres(data.resolve("postgres"));
        postgres.start(PlatformLayout.SERVICES.stream().map(PlatformLayout.App::database).toList());
        log.info("PostgreSQL ready on localhost:{} (data in {})", PlatformLayout.POSTGRES_PORT, data.resolve("postgres"));

        kafka = new LocalKafka(data.resolve("kafka"), classpath);
        kafka.start(logs);
        log.info("Kafka (KRaft) ready on {}", kafka.bootstrapServers());

        simulators = ChildProcess.startInOwnSession("simulators", List.of("-cp", classpath, "-Xmx256m", "-XX:+UseSerialGC"),
                simulatorsCommand(data), logs.resolve("simulators.log"));

        unpacked.join();
        for (PlatformLayout.App app : apps()) {
            apps.put(app.module(), launch(app, logs));
        }
        Instant deadline = Instant.now().plus(startTimeout);
        List<String> failed = new ArrayList<>();
        for (PlatformLayout.App app : apps()) {
            if (!awaitReady(app, deadline)) {
                failed.add(app.module() + " (see " + apps.get(app.module()).log() + ")");
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

    /**
     * The simulators' main class and arguments: the fixed ports; the accounts opened at the simulated
     * payment partners and their ledgers live as long as the platform's data ({@code <data>/simulators});
     * and the partners notify the payment gateway's callbacks through the gateway, the address a real
     * partner is given ({@code http://localhost:8080/partner/payments/<partner>/callback}).
     */
    static List<String> simulatorsCommand(Path data) {
        return List.of("id.go.prakerja.simulators.SimulatorsMain",
                "--base-port=" + PlatformLayout.SIMULATORS_BASE_PORT,
                "--state-dir=" + data.resolve("simulators"),
                "--payment-callback-base=" + PAYMENT_CALLBACK_BASE);
    }

    /** The public address the simulated payment partners send their notifications to: the gateway. */
    static final String PAYMENT_CALLBACK_BASE = "http://localhost:" + PlatformLayout.GATEWAY_PORT;

    /** Stops one service (SIGTERM, as an orchestrator would), leaving everything else running. */
    public void stopApp(String module) {
        ChildProcess process = apps.remove(module);
        if (process != null) {
            process.stop(SERVICE_STOP_GRACE);
            log.info("{} stopped", module);
        }
    }

    /** Starts one service again and waits until it is ready. */
    public void startApp(String module) throws Exception {
        PlatformLayout.App app = apps().stream().filter(a -> a.module().equals(module)).findFirst().orElseThrow();
        apps.put(module, launch(app, logs()));
        if (!awaitReady(app, Instant.now().plus(startTimeout))) {
            throw new IllegalStateException(module + " did not become ready; see " + apps.get(module).log());
        }
        log.info("{} ready again", module);
    }

    private boolean awaitReady(PlatformLayout.App app, Instant deadline) throws InterruptedException {
        return apps.get(app.module()).awaitHttpOk("http://localhost:" + app.port() + "/actuator/health/readiness", deadline);
    }

    private Path logs() throws IOException {
        Files.createDirectories(data.resolve("cds"));
        return Files.createDirectories(data.resolve("logs"));
    }

    private static List<PlatformLayout.App> apps() {
        List<PlatformLayout.App> all = new ArrayList<>(PlatformLayout.SERVICES);
        all.add(PlatformLayout.GATEWAY);
        return all;
    }

    private Path executableJar(PlatformLayout.App app) {
        Path jar = repository.resolve(app.module()).resolve("target").resolve(app.module() + "-0.1.0-SNAPSHOT-exec.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./run-local builds it)");
        }
        return jar;
    }

    private Path unpackedDirectory(PlatformLayout.App app) {
        return repository.resolve(app.module()).resolve("target").resolve("unpacked");
    }

    private void unpackAll() {
        try {
            UnpackedJar.unpackAll(apps().stream().map(this::executableJar).toList(),
                    apps().stream().map(this::unpackedDirectory).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while unpacking the services' jars", e);
        }
    }

    private ChildProcess launch(PlatformLayout.App app, Path logs) throws IOException, InterruptedException {
        // unpacked (see UnpackedJar): a quicker start, and an archive that holds the service's own classes
        Path jar = UnpackedJar.unpack(executableJar(app), unpackedDirectory(app));
        List<String> args = new ArrayList<>(List.of("-jar", jar.toString(),
                "--spring.profiles.active=" + profiles,
                "--server.port=" + app.port(),
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers()));
        if (app.hasDatabase()) {
            args.add("--spring.datasource.url=" + postgres.jdbcUrl(app.database()));
            args.add("--spring.datasource.username=postgres");
            args.add("--spring.datasource.password=postgres");
        }
        // a class-data-sharing archive per service, written at its first exit (and the first after a build),
        // makes later starts faster
        List<String> jvm = new ArrayList<>(serviceJvmOptions);
        jvm.add("-XX:+AutoCreateSharedArchive");
        jvm.add("-XX:SharedArchiveFile=" + data.resolve("cds").resolve(app.module() + ".jsa"));
        return ChildProcess.startJava(app.module(), jvm, args, logs.resolve(app.module() + ".log"));
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

    /**
     * How long a service may take to exit after SIGTERM. It finishes its work in a few seconds, but
     * at its first exit (or the first after a rebuild) it also writes its class-data-sharing archive,
     * and eight JVMs writing theirs at once on two cores took more than 30 s: killed then, none was
     * written, and every later start and stop paid for it again.
     */
    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(150);

    /**
     * Services first, all at once (each finishes its in-flight work; a parallel stream would stop two
     * at a time on a 2-core machine), then simulators, Kafka and PostgreSQL.
     */
    public void stop() {
        log.info("stopping the platform");
        Instant started = Instant.now();
        try (ExecutorService stopping = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("stop-", 0).factory())) {
            apps.values().forEach(app -> stopping.execute(() -> app.stop(SERVICE_STOP_GRACE)));
        }
        log.info("services stopped in {} s", Duration.between(started, Instant.now()).toSeconds());
        apps.clear();
        if (simulators != null) {
            simulators.stop(Duration.ofSeconds(5));
        }
        if (kafka != null) {
            kafka.stop();
            kafka = null;
        }
        if (postgres != null) {
            postgres.stop();
            postgres = null;
        }
        log.info("stopped");
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
