package id.go.prakerja.bench.programme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Where the machine's time goes: every two seconds the CPU time of each process of the platform (from
 * {@code /proc/<pid>/stat}), summed by name; the server processes of the PostgreSQL listening on the
 * platform's port (its postmaster and every child) count together as "postgresql". A process
 * that was killed and started again keeps adding to its name. Linux only.
 */
final class CpuSampler implements AutoCloseable {

    private static final double TICKS_PER_SECOND = 100;   // USER_HZ on Linux
    private final Supplier<Map<String, Long>> processes;
    private final String postgresPort;
    private final Map<Long, Long> lastTicks = new HashMap<>();
    private final Map<String, Long> ticksByName = new TreeMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("cpu-sampler").factory());
    private final long started = System.nanoTime();
    /** The first sample only notes where each running process stands; later ones count from there. */
    private boolean baselined;

    CpuSampler(Supplier<Map<String, Long>> processes, int postgresPort) {
        this.processes = processes;
        this.postgresPort = String.valueOf(postgresPort);
        timer.scheduleWithFixedDelay(this::sample, 0, 2, TimeUnit.SECONDS);
    }

    private synchronized void sample() {
        Map<Long, String> names = new HashMap<>();
        processes.get().forEach((name, pid) -> names.put(pid, name));
        try (Stream<Path> all = Files.list(Path.of("/proc"))) {
            all.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                long pid = Long.parseLong(p.getFileName().toString());
                String[] stat = stat(p);
                if (stat == null) {
                    return;
                }
                String name = names.get(pid);
                if (name == null && stat[1].equals("(postgres)") && (isOurPostmaster(p) || isOurPostmaster(Path.of("/proc", stat[3])))) {
                    name = "postgresql";
                }
                if (name == null) {
                    return;
                }
                long ticks = Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
                Long before = lastTicks.put(pid, ticks);
                if (baselined) {
                    ticksByName.merge(name, ticks - (before == null ? 0 : before), Long::sum);
                }
            });
            baselined = true;
        } catch (IOException | RuntimeException e) {
            // a process ended between the listing and the read: the next sample counts the rest
        }
    }

    /** The postmaster started with the platform's port ({@code -p 15432}); a machine may run other servers. */
    private boolean isOurPostmaster(Path process) {
        try {
            return java.util.Arrays.asList(Files.readString(process.resolve("cmdline")).split("\0")).contains(postgresPort);
        } catch (IOException e) {
            return false;
        }
    }

    private static String[] stat(Path process) {
        try {
            return Files.readString(process.resolve("stat")).split(" ");
        } catch (IOException e) {
            return null;
        }
    }

    /** CPU seconds by process name since the start, and the wall-clock seconds they are measured over. */
    synchronized Map<String, Double> cpuSeconds() {
        sample();
        Map<String, Double> seconds = new TreeMap<>();
        ticksByName.forEach((name, ticks) -> seconds.put(name, ticks / TICKS_PER_SECOND));
        return seconds;
    }

    double wallSeconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
