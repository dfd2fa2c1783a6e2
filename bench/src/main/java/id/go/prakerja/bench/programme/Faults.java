package id.go.prakerja.bench.programme;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.go.prakerja.launcher.LocalPlatform;
import id.go.prakerja.testsupport.HttpApi;

/**
 * The faults of {@code --faults}, each once, at a random moment of the stage it is given to: every
 * service instance killed with SIGKILL (the launcher starts it again), the Kafka broker and PostgreSQL
 * restarted, one payment partner and one training platform down for 60 s. Each fault is recorded
 * with the time it happened, for the report.
 */
final class Faults {

    private static final Logger log = LoggerFactory.getLogger(Faults.class);
    private static final Duration OUTAGE = Duration.ofSeconds(60);

    private final LocalPlatform platform;
    private final Random random;
    private final List<String> happened = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> running = new ArrayList<>();
    private final Instant started = Instant.now();

    Faults(LocalPlatform platform, long seed) {
        this.platform = platform;
        this.random = new Random(seed);
    }

    /** A fault to inject: its name and what it does. */
    record Fault(String name, ThrowingRunnable action) {
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    Fault kill(String instance) {
        return new Fault("SIGKILL " + instance, () -> {
            platform.killApp(instance);
            if (!platform.awaitReady(instance, Duration.ofMinutes(5))) {
                throw new IllegalStateException(instance + " did not come back within 5 minutes");
            }
        });
    }

    Fault restartKafka() {
        return new Fault("Kafka broker restarted", platform::restartKafka);
    }

    Fault restartPostgres() {
        return new Fault("PostgreSQL restarted", platform::restartPostgres);
    }

    /** A simulated party answers 503 to everything for a minute. */
    Fault down(String party, String simulatorUrl) {
        HttpApi control = HttpApi.at(simulatorUrl);
        return new Fault(party + " down for " + OUTAGE.toSeconds() + " s", () -> {
            control.post("/_control/fault", Map.of("mode", "DOWN"));
            Thread.sleep(OUTAGE.toMillis());
            control.post("/_control/fault", Map.of("mode", "NONE"));
        });
    }

    /**
     * Injects the faults one after another, each after a random pause of up to {@code spread}, in the
     * background while the stage runs.
     */
    void during(String stage, Duration spread, List<Fault> faults) {
        List<Fault> shuffled = new ArrayList<>(faults);
        Collections.shuffle(shuffled, random);
        long[] pauses = shuffled.stream().mapToLong(f -> (long) (random.nextDouble() * spread.toMillis())).toArray();
        Thread thread = Thread.ofPlatform().daemon().name("faults-" + stage).start(() -> {
            for (int i = 0; i < shuffled.size(); i++) {
                Fault fault = shuffled.get(i);
                try {
                    Thread.sleep(pauses[i]);
                    long at = Duration.between(started, Instant.now()).toSeconds();
                    log.warn("fault during {}: {}", stage, fault.name());
                    fault.action().run();
                    happened.add(String.format("%4d s  %-12s %s", at, stage, fault.name()));
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    happened.add(String.format("%-12s %s FAILED: %s", stage, fault.name(), e.getMessage()));
                }
            }
        });
        running.add(thread);
    }

    /** Waits until every fault was injected (and every outage over). */
    void awaitAll() throws InterruptedException {
        for (Thread thread : running) {
            thread.join();
        }
    }

    List<String> happened() {
        return List.copyOf(happened);
    }
}
