package id.go.prakerja.payment.snap;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code X-EXTERNAL-ID}s: digits only, a new one for every attempt, unique per day. A counter
 * seeded from the clock in microseconds (so a restarted instance starts above anything it issued
 * before, at fewer than a million ids a second) followed by four digits drawn once per instance
 * (so two replicas do not collide): 20 digits.
 */
public final class ExternalIds {

    private final AtomicLong counter;
    private final String instance;

    public ExternalIds(Clock clock) {
        this.counter = new AtomicLong(clock.millis() * 1_000);
        this.instance = String.format("%04d", new SecureRandom().nextInt(10_000));
    }

    public String next() {
        return String.format("%016d", counter.incrementAndGet() % 10_000_000_000_000_000L) + instance;
    }
}
