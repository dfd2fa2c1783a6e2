package id.go.prakerja.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's ahead-of-time cache (JDK 25: JEP 483, 514 and 515): its classes already loaded and linked,
 * and the method profiles of a training run, mapped at start instead of found, parsed and verified again.
 * <p>
 * Measured on this project's 2-core machine, registration-service alone: 16.6 s of CPU to ready with the
 * JDK's own archive only, 12.0 s with the dynamic class-data-sharing archive the launcher used before,
 * 8.2 s with this cache (9.1 s when trained only up to the context's refresh, as here). Eight services
 * start at once on two cores, so the platform's start is their CPU time added up.
 * <p>
 * How it is made, so that neither a start nor Ctrl-C pays for it: once the platform is up, a training
 * run per service that lacks a cache starts the service's context ({@code -XX:AOTMode=record}, stopping at
 * the refresh with {@code spring.context.exit=onRefresh}, so it binds no port and joins no consumer group),
 * then {@code -XX:AOTMode=create} writes the cache; one service at a time, at the lowest CPU priority, so it
 * takes only what the platform leaves idle. The next start uses it. The cache sits beside the unpacked jar
 * (a rebuild unpacks again and drops it) under a name that holds the JVM and its options (another JDK or
 * other options train a new one).
 */
final class AheadOfTimeCache {

    private static final Logger log = LoggerFactory.getLogger(AheadOfTimeCache.class);
    private static final Path NICE = Stream.of("/usr/bin/nice", "/bin/nice").map(Path::of).filter(Files::isExecutable)
            .findFirst().orElse(null);
    /** A training run far beyond this is stuck (the context's refresh took 30 s on a loaded machine). */
    private static final long RUN_TIMEOUT_SECONDS = 600;

    private final Path applicationJar;
    private final List<String> jvmOptions;
    private final Path cache;
    private volatile Process running;
    private volatile boolean cancelled;

    AheadOfTimeCache(Path applicationJar, List<String> jvmOptions) {
        this.applicationJar = applicationJar;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.cache = applicationJar.resolveSibling(applicationJar.getFileName() + "." + fingerprint(jvmOptions) + ".aot");
    }

    /** Whether the JVM the services run on makes such caches (JDK 25 and later). */
    static boolean supported() {
        return Runtime.version().feature() >= 25;
    }

    /** The options that start the service on its cache, none while it has none yet. */
    List<String> startOptions() {
        return Files.isRegularFile(cache) ? List.of("-XX:AOTCache=" + cache) : List.of();
    }

    boolean exists() {
        return Files.isRegularFile(cache);
    }

    /**
     * Trains the service (its usual arguments, a port of 0) and writes the cache; false when a step failed
     * or {@link #cancel()} ended it. Blocks for as long as the training takes.
     */
    boolean train(List<String> serviceArguments, Path log) throws IOException, InterruptedException {
        Path directory = applicationJar.getParent();
        // caches of other JVMs or options, and what a cancelled run left
        try (Stream<Path> old = Files.list(directory)) {
            for (Path file : old.filter(f -> f.getFileName().toString().matches(".*\\.(aot|aotconf|aot\\.tmp)$")).toList()) {
                Files.deleteIfExists(file);
            }
        }
        Path configuration = cache.resolveSibling(cache.getFileName() + "conf");
        Path written = cache.resolveSibling(cache.getFileName() + ".tmp");
        List<String> record = new ArrayList<>(jvmOptions);
        record.addAll(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + configuration,
                "-Dspring.context.exit=onRefresh", "-jar", applicationJar.toString()));
        // its own port: a training run never binds one, but must not be refused one in use either
        serviceArguments.stream().map(a -> a.startsWith("--server.port=") ? "--server.port=0" : a).forEach(record::add);
        List<String> create = new ArrayList<>(jvmOptions);
        create.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + configuration, "-XX:AOTCache=" + written,
                "-jar", applicationJar.toString()));
        try {
            // 0 once the context stopped it at its refresh; not 0 when the context failed, whose classes are no training
            int recorded = run(record, log);
            log(log, "training run ended with code " + recorded);
            if (recorded != 0 || !Files.isRegularFile(configuration) || run(create, log) != 0 || !Files.isRegularFile(written)) {
                return false;
            }
            Files.move(written, cache, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } finally {
            Files.deleteIfExists(configuration);
            Files.deleteIfExists(written);
        }
    }

    /** Ends a training run under way; the service keeps starting without a cache. */
    void cancel() {
        cancelled = true;
        Process process = running;
        if (process != null) {
            process.destroyForcibly();
        }
    }

    /** The run's exit code; -1 when cancelled or stopped for taking too long. */
    private int run(List<String> jvmArguments, Path log) throws IOException, InterruptedException {
        if (cancelled) {
            return -1;
        }
        List<String> command = new ArrayList<>();
        if (NICE != null) {
            command.addAll(List.of(NICE.toString(), "-n", "19"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        running = process;
        try {
            if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                AheadOfTimeCache.log.warn("a training run for {} took more than {} s; stopped (see {})",
                        applicationJar.getFileName(), RUN_TIMEOUT_SECONDS, log);
                return -1;
            }
            return cancelled ? -1 : process.exitValue();
        } finally {
            running = null;
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private static void log(Path log, String line) throws IOException {
        Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** The JVM (its vendor's version string) and the options, which a cache must be used with. */
    static String fingerprint(List<String> jvmOptions) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((System.getProperty("java.vm.version") + "\n" + String.join("\n", jvmOptions))
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
