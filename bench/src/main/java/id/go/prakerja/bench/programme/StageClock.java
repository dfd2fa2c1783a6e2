package id.go.prakerja.bench.programme;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One stage of the programme as people went through it: when each person started and finished it.
 * Its rate is the people who finished over the time from the first start to the last finish; p50
 * and p99 are of one person's time in the stage (their requests and the platform's work between).
 */
final class StageClock {

    private final String name;
    private final List<long[]> spans = new ArrayList<>();

    StageClock(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Starts timing one person; call {@link Span#done()} when they finished the stage. */
    Span start() {
        return new Span(System.nanoTime());
    }

    final class Span {
        private final long started;

        private Span(long started) {
            this.started = started;
        }

        void done() {
            synchronized (spans) {
                spans.add(new long[] {started, System.nanoTime()});
            }
        }
    }

    int count() {
        synchronized (spans) {
            return spans.size();
        }
    }

    double perSecond() {
        synchronized (spans) {
            if (spans.isEmpty()) {
                return 0;
            }
            long first = spans.stream().mapToLong(s -> s[0]).min().orElseThrow();
            long last = spans.stream().mapToLong(s -> s[1]).max().orElseThrow();
            return spans.size() / Math.max(1e-3, (last - first) / 1e9);
        }
    }

    long percentileMillis(double p) {
        synchronized (spans) {
            if (spans.isEmpty()) {
                return 0;
            }
            long[] took = spans.stream().mapToLong(s -> (s[1] - s[0]) / 1_000_000).sorted().toArray();
            return took[Math.min(took.length - 1, (int) Math.ceil(p / 100 * took.length) - 1)];
        }
    }

    String row() {
        return String.format(Locale.ROOT, "| %s | %,d | %.1f | %,d | %,d |", name, count(), perSecond(), percentileMillis(50),
                percentileMillis(99));
    }
}
