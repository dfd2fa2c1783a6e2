package id.go.prakerja.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's executable jar, unpacked with Spring Boot's own {@code -Djarmode=tools extract} into
 * an application jar beside a {@code lib/} of plain jars, once per build of that jar.
 * <p>
 * Why: started as one jar of nested jars, a service spent about two thirds of its start looking
 * classes up through Spring Boot's nested-jar URLs (37 s against 17 s unpacked, payment-gateway
 * alone on this project's 2-core machine), and class-data sharing archives only classes loaded
 * from plain jars, so its archive held the JDK's classes and little else. Unpacked, the archive
 * holds the service's classes too and a later start took 10 s.
 */
final class UnpackedJar {

    private static final Logger log = LoggerFactory.getLogger(UnpackedJar.class);
    private static final String STAMP = ".unpacked-from";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private UnpackedJar() {
    }

    /**
     * The application jar unpacked from {@code executableJar} into {@code directory}: unpacked again
     * when the executable jar changed since (size or time), reused otherwise.
     */
    static Path unpack(Path executableJar, Path directory) throws IOException, InterruptedException {
        Path applicationJar = directory.resolve(executableJar.getFileName());
        String source = executableJar.toAbsolutePath() + " " + Files.size(executableJar) + " "
                + Files.getLastModifiedTime(executableJar).toMillis();
        Path stamp = directory.resolve(STAMP);
        if (Files.isRegularFile(applicationJar) && Files.isRegularFile(stamp)
                && Files.readString(stamp, StandardCharsets.UTF_8).equals(source)) {
            return applicationJar;
        }
        LocalPlatform.deleteRecursively(directory);
        Files.createDirectories(directory.getParent());
        Path output = Files.createTempFile(directory.getParent(), "unpack-", ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djarmode=tools", "-jar", executableJar.toString(), "extract", "--destination", directory.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("unpacking " + executableJar + " took more than " + TIMEOUT.toSeconds() + " s");
        }
        String said = Files.readString(output, StandardCharsets.UTF_8).strip();
        Files.deleteIfExists(output);
        if (process.exitValue() != 0 || !Files.isRegularFile(applicationJar)) {
            throw new IOException("unpacking " + executableJar + " failed (exit " + process.exitValue() + "): " + said);
        }
        // written last: a half-unpacked directory has no stamp and is unpacked again next time
        Files.writeString(stamp, source, StandardCharsets.UTF_8);
        log.info("unpacked {} into {}", executableJar.getFileName(), directory);
        return applicationJar;
    }

    /** Unpacks several jars side by side; the first failure is thrown once all have ended. */
    static List<Path> unpackAll(List<Path> executableJars, List<Path> directories) throws IOException, InterruptedException {
        try (var unpacking = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<Path>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < executableJars.size(); i++) {
                Path jar = executableJars.get(i);
                Path directory = directories.get(i);
                futures.add(unpacking.submit(() -> unpack(jar, directory)));
            }
            List<Path> unpacked = new java.util.ArrayList<>();
            for (var future : futures) {
                try {
                    unpacked.add(future.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException(e.getCause());
                }
            }
            return unpacked;
        }
    }
}
