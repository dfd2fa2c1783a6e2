package id.go.prakerja.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A JVM the launcher started, with its output in a log file; stopped gracefully (SIGTERM) first. */
final class ChildProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
    /** The {@code setsid} command, where there is one (Linux's util-linux); it runs the JVM in place, same process. */
    private static final Path SETSID = java.util.stream.Stream.of("/usr/bin/setsid", "/bin/setsid").map(Path::of)
            .filter(java.nio.file.Files::isExecutable).findFirst().orElse(null);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ChildProcess startJava(String name, List<String> jvmOptions, List<String> mainAndArgs, Path log) {
        return startJava(name, jvmOptions, mainAndArgs, log, false);
    }

    /**
     * Starts a JVM that the launcher stops itself, after the services: in a session of its own where
     * {@code setsid} exists, so the terminal's Ctrl-C (sent to the whole foreground process group) does
     * not stop it while the services still finish their work against it. PostgreSQL's {@code pg_ctl}
     * detaches the same way.
     */
    static ChildProcess startInOwnSession(String name, List<String> jvmOptions, List<String> mainAndArgs, Path log) {
        return startJava(name, jvmOptions, mainAndArgs, log, SETSID != null);
    }

    private static ChildProcess startJava(String name, List<String> jvmOptions, List<String> mainAndArgs, Path log,
            boolean ownSession) {
        List<String> command = new ArrayList<>();
        if (ownSession) {
            command.add(SETSID.toString());
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(mainAndArgs);
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new ChildProcess(name, process, log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** The exit code, or -1 while it runs. */
    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs, nothing in flight is finished, as when a machine or container dies. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the URL answers 200, the process dies, or the deadline passes. */
    boolean awaitHttpOk(String url, Instant deadline) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        return false;
    }

    void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        long started = System.nanoTime();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} still running {} s after SIGTERM; killed (see {})", name, grace.toSeconds(), log);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            } else {
                LOG.info("{} stopped in {} ms", name, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
