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
 * A service that dies on its own is started again, as an orchestrator would, and the log says so.
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
    private int replicas = 1;
    private Integer population;
    /** The running instances, by {@link PlatformLayout.Instance#name()}. */
    private final java.util.Map<String, ChildProcess> apps = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Integer> restarts = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile java.util.concurrent.ScheduledExecutorService supervisor;
    private LocalPostgres postgres;
    private LocalKafka kafka;
    private ChildProcess simulators;
    /** Each service's ahead-of-time cache (JDK 25 and later), and the background thread that makes missing ones. */
    private final java.util.Map<PlatformLayout.App, AheadOfTimeCache> caches = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Thread training;

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

    /**
     * How many instances of each service in {@link PlatformLayout#SCALED} run (default 1); the gateway
     * sends their requests to each in turn.
     */
    public LocalPlatform replicas(int count) {
        if (count < 1 || count > 3) {
            throw new IllegalArgumentException("replicas must be 1, 2 or 3");
        }
        this.replicas = count;
        return this;
    }

    /** How many residents the simulated Dukcapil knows (the simulators' default when not set). */
    public LocalPlatform population(int residents) {
        this.population = residents;
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
        int replicas = 1;
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
            } else if (arg.matches("--replicas=[123]")) {
                replicas = Integer.parseInt(arg.substring("--replicas=".length()));
            } else if (arg.matches("--start-timeout=[1-9][0-9]{0,4}")) {
                startTimeout = Duration.ofSeconds(Long.parseLong(arg.substring("--start-timeout=".length())));
            } else {
                System.err.println("usage: run-local [--fresh] [--demo] [--data-dir=DIR] [--repository=DIR] [--jvm-options=\"...\"] "
                        + "[--start-timeout=SECONDS] [--replicas=1|2|3]");
                System.exit(2);
            }
        }
        Path data = dataDir != null ? dataDir : repository.resolve(".local-data");
        if (fresh) {
            deleteRecursively(data);
            log.info("--fresh: removed {}", data);
        }
        LocalPlatform platform = new LocalPlatform(repository, data, List.of(jvmOptions.trim().split("\\s+")),
                System.getProperty("java.class.path"), extraProfiles).startTimeout(startTimeout).replicas(replicas);
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

        List<String> simulatorsCommand = new ArrayList<>(simulatorsCommand(data));
        if (population != null) {
            simulatorsCommand.add("--population=" + population);
        }
        simulators = ChildProcess.startInOwnSession("simulators", List.of("-cp", classpath, "-Xmx512m", "-XX:+UseSerialGC"),
                simulatorsCommand, logs.resolve("simulators.log"));

        unpacked.join();
        for (PlatformLayout.Instance instance : instances()) {
            apps.put(instance.name(), launch(instance, logs));
        }
        Instant deadline = Instant.now().plus(startTimeout);
        Instant launched = Instant.now();
        List<String> failed = java.util.Collections.synchronizedList(new ArrayList<>());
        // every instance watched at once, so each one's own time to ready is known
        java.util.Map<String, Duration> ready = new java.util.concurrent.ConcurrentSkipListMap<>();
        try (ExecutorService watching = Executors.newVirtualThreadPerTaskExecutor()) {
            for (PlatformLayout.Instance instance : instances()) {
                watching.execute(() -> {
                    try {
                        if (awaitReady(instance, deadline)) {
                            ready.put(instance.name(), Duration.between(launched, Instant.now()));
                        } else {
                            failed.add(instance.name() + " (see " + apps.get(instance.name()).log() + ")");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
        }
        log.info("ready after launch: {}", ready.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().toMillis() / 100 / 10.0 + " s").toList());
        if (!simulators.awaitHttpOk("http://localhost:" + PlatformLayout.SIMULATORS_BASE_PORT + "/health", deadline)) {
            failed.add("simulators (see " + simulators.log() + ")");
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException("not ready: " + String.join(", ", failed));
        }
        printAddresses(Duration.between(started, Instant.now()), logs);
        if (AheadOfTimeCache.supported()) {
            trainMissingCaches(logs);
        }
        supervisor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("supervisor").factory());
        supervisor.scheduleWithFixedDelay(this::restartTheDead, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    /**
     * Starts again every instance that died without being told to stop (a crash, an out-of-memory kill,
     * a SIGKILL), as an orchestrator would; it catches up from its database and Kafka.
     */
    private void restartTheDead() {
        for (PlatformLayout.Instance instance : instances()) {
            ChildProcess process = apps.get(instance.name());
            if (supervisor == null || process == null || process.isAlive()) {
                continue;
            }
            try {
                log.warn("{} exited (code {}); starting it again", instance.name(), process.exitCode());
                restarts.merge(instance.name(), 1, Integer::sum);
                apps.replace(instance.name(), process, launch(instance, logs()));
            } catch (Exception e) {
                log.error("{} could not be started again: {}", instance.name(), e.getMessage());
            }
        }
    }

    /** How often each instance was started again after dying, by instance name. */
    public java.util.Map<String, Integer> restarts() {
        return java.util.Map.copyOf(restarts);
    }

    /** The process id of every running instance, the simulators and Kafka, by name (PostgreSQL runs its own). */
    public java.util.Map<String, Long> processIds() {
        java.util.Map<String, Long> ids = new java.util.TreeMap<>();
        apps.forEach((name, process) -> ids.put(name, process.pid()));
        if (simulators != null) {
            ids.put("simulators", simulators.pid());
        }
        if (kafka != null && kafka.pid() > 0) {
            ids.put("kafka", kafka.pid());
        }
        return ids;
    }

    /** The names of the running service instances (e.g. {@code payment-gateway-service-2}), gateway included. */
    public List<String> instanceNames() {
        return instances().stream().map(PlatformLayout.Instance::name).toList();
    }

    /** SIGKILLs one instance; the supervisor starts it again within a second or two. */
    public void killApp(String instanceName) {
        ChildProcess process = apps.get(instanceName);
        if (process == null) {
            throw new IllegalArgumentException("no running instance " + instanceName);
        }
        process.kill();
        log.warn("{} killed (SIGKILL)", instanceName);
    }

    /** Waits until the named instance answers ready; false when the deadline passes first. */
    public boolean awaitReady(String instanceName, Duration within) throws InterruptedException {
        PlatformLayout.Instance instance = instances().stream().filter(i -> i.name().equals(instanceName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no instance " + instanceName));
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (awaitReady(instance, deadline)) {
                return true;
            }
            Thread.sleep(500);   // dead and not yet started again by the supervisor
        }
        return false;
    }

    /** Stops the Kafka broker (SIGTERM) and starts it again on the same log directory. */
    public void restartKafka() throws Exception {
        kafka.stop();
        log.warn("Kafka stopped; starting it again");
        kafka.start(logs());
        log.info("Kafka ready again");
    }

    /** Stops PostgreSQL (every connection is cut) and starts it again on the same data directory. */
    public void restartPostgres() throws Exception {
        postgres.stop();
        log.warn("PostgreSQL stopped; starting it again");
        postgres = new LocalPostgres(data.resolve("postgres"));
        postgres.start(PlatformLayout.SERVICES.stream().map(PlatformLayout.App::database).toList());
        log.info("PostgreSQL ready again");
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
        PlatformLayout.Instance instance = instances().stream().filter(i -> i.name().equals(module)).findFirst().orElseThrow();
        apps.put(module, launch(instance, logs()));
        if (!awaitReady(instance, Instant.now().plus(startTimeout))) {
            throw new IllegalStateException(module + " did not become ready; see " + apps.get(module).log());
        }
        log.info("{} ready again", module);
    }

    private boolean awaitReady(PlatformLayout.Instance instance, Instant deadline) throws InterruptedException {
        return apps.get(instance.name()).awaitHttpOk("http://localhost:" + instance.port() + "/actuator/health/readiness",
                deadline);
    }

    private Path logs() throws IOException {
        if (!AheadOfTimeCache.supported()) {
            Files.createDirectories(data.resolve("cds"));
        }
        return Files.createDirectories(data.resolve("logs"));
    }

    private static List<PlatformLayout.App> apps() {
        List<PlatformLayout.App> all = new ArrayList<>(PlatformLayout.SERVICES);
        all.add(PlatformLayout.GATEWAY);
        return all;
    }

    private List<PlatformLayout.Instance> instances() {
        List<PlatformLayout.Instance> all = new ArrayList<>();
        for (PlatformLayout.App app : apps()) {
            int count = PlatformLayout.SCALED.contains(app.key()) ? replicas : 1;
            for (int n = 1; n <= count; n++) {
                all.add(new PlatformLayout.Instance(app, n));
            }
        }
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

    private ChildProcess launch(PlatformLayout.Instance instance, Path logs) throws IOException, InterruptedException {
        PlatformLayout.App app = instance.app();
        // unpacked (see UnpackedJar): a quicker start, and an archive that holds the service's own classes
        Path jar = UnpackedJar.unpack(executableJar(app), unpackedDirectory(app));
        List<String> args = new ArrayList<>(List.of("-jar", jar.toString()));
        args.addAll(arguments(instance));
        List<String> jvm = new ArrayList<>(serviceJvmOptions);
        if (AheadOfTimeCache.supported()) {
            // made once the platform is up (see trainMissingCaches), used from the next start on
            jvm.addAll(caches.computeIfAbsent(app, a -> new AheadOfTimeCache(jar, serviceJvmOptions)).startOptions());
        } else {
            // older JDKs: a class-data-sharing archive per service, written at its first exit
            jvm.add("-XX:+AutoCreateSharedArchive");
            jvm.add("-XX:SharedArchiveFile=" + data.resolve("cds").resolve(instance.name() + ".jsa"));
        }
        return ChildProcess.startJava(instance.name(), jvm, args, logs.resolve(instance.name() + ".log"));
    }

    /** The service's arguments after its jar: profiles, port, Kafka, database, and the gateway's routes. */
    private List<String> arguments(PlatformLayout.Instance instance) {
        PlatformLayout.App app = instance.app();
        List<String> args = new ArrayList<>(List.of(
                "--spring.profiles.active=" + profiles,
                "--server.port=" + instance.port(),
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers()));
        if (app == PlatformLayout.GATEWAY && replicas > 1) {
            for (PlatformLayout.App service : PlatformLayout.SERVICES) {
                if (PlatformLayout.SCALED.contains(service.key())) {
                    args.add("--prakerja.gateway.services." + service.key() + "=" + String.join(",", instances().stream()
                            .filter(i -> i.app() == service).map(i -> "http://localhost:" + i.port()).toList()));
                }
            }
        }
        if (app.hasDatabase()) {
            args.add("--spring.datasource.url=" + postgres.jdbcUrl(app.database()));
            args.add("--spring.datasource.username=postgres");
            args.add("--spring.datasource.password=postgres");
        }
        return args;
    }

    /**
     * Once the platform is up: a training run for every service without an ahead-of-time cache, one after
     * the other at the lowest CPU priority, so the next start is quicker and this one is not slowed.
     */
    private void trainMissingCaches(Path logs) {
        List<PlatformLayout.App> missing = apps().stream().filter(app -> caches.containsKey(app) && !caches.get(app).exists())
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        log.info("making ahead-of-time caches for {} service(s) in the background (lowest CPU priority); the next start "
                + "uses them", missing.size());
        training = Thread.ofPlatform().daemon().name("aot-training").start(() -> {
            for (PlatformLayout.App app : missing) {
                long began = System.nanoTime();
                try {
                    boolean made = caches.get(app).train(arguments(new PlatformLayout.Instance(app, 1)),
                            logs.resolve(app.module() + "-aot.log"));
                    if (made) {
                        log.info("ahead-of-time cache for {} made in {} s", app.module(),
                                java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began));
                    } else if (training != null) {
                        log.warn("no ahead-of-time cache for {} (see {}); it starts without one", app.module(),
                                logs.resolve(app.module() + "-aot.log"));
                    }
                } catch (IOException | RuntimeException e) {
                    log.warn("no ahead-of-time cache for {}: {}", app.module(), e.toString());
                } catch (InterruptedException e) {
                    return;
                }
                if (training == null) {
                    return;   // the platform is stopping
                }
            }
        });
    }

    private void printAddresses(Duration took, Path logs) {
        StringBuilder out = new StringBuilder();
        out.append("\n  Prakerja platform is up (").append(took.toSeconds()).append(" s). Ctrl-C stops it; data stays in ")
                .append(data).append("\n\n");
        out.append("  entry point   http://localhost:").append(PlatformLayout.GATEWAY_PORT)
                .append("   (/api/v1/..., /admin/..., /partner/..., /health/<service>, /docs/<service>)\n")
                .append("  API page      http://localhost:").append(PlatformLayout.GATEWAY_PORT)
                .append("/swagger-ui.html   (every service's OpenAPI document)\n");
        for (PlatformLayout.Instance instance : instances()) {
            if (instance.app() != PlatformLayout.GATEWAY) {
                out.append(String.format("  %-29s http://localhost:%d   swagger: /swagger-ui.html  db: %s%n", instance.name(),
                        instance.port(), postgres.jdbcUrl(instance.app().database())));
            }
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
     * on a JDK older than 25, at its first exit (or the first after a rebuild) it also writes its class-data-sharing archive,
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
        Thread trainer = training;
        training = null;
        if (trainer != null) {
            caches.values().forEach(AheadOfTimeCache::cancel);
        }
        var watching = supervisor;
        supervisor = null;
        if (watching != null) {
            watching.shutdownNow();
            try {
                watching.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);   // a restart under way ends first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
