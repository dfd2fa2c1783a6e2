package id.go.prakerja.payment.partner;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import id.go.prakerja.payment.snap.SnapClient;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;

/**
 * One partner behind its Resilience4j guards: a circuit breaker (a partner that keeps failing is
 * left alone for a while, its payments wait), a rate limiter (the contracted rate), and a bulkhead
 * (at most so many calls waiting on it). A call the guards keep away did nothing at the partner.
 */
public final class PartnerGuard {

    private final PaymentPartner partner;
    private final CircuitBreaker circuitBreaker;
    private final RateLimiter rateLimiter;
    private final Bulkhead bulkhead;
    private final Duration rateLimitWait;
    private final AtomicLong calls = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger reserved = new java.util.concurrent.atomic.AtomicInteger();
    private final AtomicLong failures = new AtomicLong();
    private volatile double latencyMillis;

    public PartnerGuard(PaymentPartner partner, CircuitBreaker circuitBreaker, RateLimiter rateLimiter, Bulkhead bulkhead,
            Duration rateLimitWait) {
        this.partner = partner;
        this.circuitBreaker = circuitBreaker;
        this.rateLimiter = rateLimiter;
        this.bulkhead = bulkhead;
        this.rateLimitWait = rateLimitWait;
    }

    /** Thrown when a guard kept the call away: nothing was sent. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    public PaymentPartner partner() {
        return partner;
    }

    /** Whether calls may go now (closed or half-open circuit). */
    public boolean accepting() {
        return circuitBreaker.getState() != CircuitBreaker.State.OPEN
                && circuitBreaker.getState() != CircuitBreaker.State.FORCED_OPEN;
    }

    /** Places in the bulkhead: how many calls may wait on this partner at once. */
    public int maxInFlight() {
        return bulkhead.getBulkheadConfig().getMaxConcurrentCalls();
    }

    /** Calls handed to a thread and not finished yet (claimed, waiting for a permit or an answer). */
    public int reserved() {
        return reserved.get();
    }

    public void reserve() {
        reserved.incrementAndGet();
    }

    public void unreserve() {
        reserved.decrementAndGet();
    }

    /** A transfer or status inquiry: a partner answer that shows trouble counts against the circuit. */
    public PartnerAnswer answer(Supplier<PartnerAnswer> call) {
        return guarded(call, PartnerAnswer::partnerTrouble);
    }

    /** Any other call (inquiry, settlement report). */
    public <T> T call(Supplier<T> call) {
        return guarded(call, r -> false);
    }

    private <T> T guarded(Supplier<T> call, java.util.function.Predicate<T> trouble) {
        if (!bulkhead.tryAcquirePermission()) {
            throw new Refused(partner.id() + ": " + bulkhead.getBulkheadConfig().getMaxConcurrentCalls() + " calls in flight");
        }
        try {
            if (!rateLimiter.acquirePermission()) {
                throw new Refused(partner.id() + ": no permit of the contracted rate within " + rateLimitWait.toMillis() + " ms");
            }
            if (!circuitBreaker.tryAcquirePermission()) {
                throw new Refused(partner.id() + ": circuit " + circuitBreaker.getState());
            }
            long started = System.nanoTime();
            try {
                T result = call.get();
                long took = System.nanoTime() - started;
                record(took, trouble.test(result));
                if (trouble.test(result)) {
                    circuitBreaker.onError(took, java.util.concurrent.TimeUnit.NANOSECONDS,
                            new IllegalStateException("partner trouble"));
                } else {
                    circuitBreaker.onSuccess(took, java.util.concurrent.TimeUnit.NANOSECONDS);
                }
                return result;
            } catch (SnapClient.NotSent | SnapClient.Unanswered e) {
                long took = System.nanoTime() - started;
                record(took, true);
                circuitBreaker.onError(took, java.util.concurrent.TimeUnit.NANOSECONDS, e);
                throw e;
            } catch (RuntimeException e) {
                circuitBreaker.releasePermission();
                throw e;
            }
        } finally {
            bulkhead.onComplete();
        }
    }

    private void record(long nanos, boolean failed) {
        calls.incrementAndGet();
        if (failed) {
            failures.incrementAndGet();
        }
        double millis = nanos / 1_000_000.0;
        latencyMillis = latencyMillis == 0 ? millis : latencyMillis * 0.9 + millis * 0.1;
    }

    /** What operators see of this partner's health. */
    public Health health() {
        var m = circuitBreaker.getMetrics();
        return new Health(partner.id().name(), circuitBreaker.getState().name(),
                rateLimiter.getRateLimiterConfig().getLimitForPeriod()
                        * (1000.0 / rateLimiter.getRateLimiterConfig().getLimitRefreshPeriod().toMillis()),
                rateLimiter.getMetrics().getAvailablePermissions(),
                reserved.get(),
                Math.round(latencyMillis * 10) / 10.0, m.getFailureRate() < 0 ? 0 : m.getFailureRate(),
                calls.get(), failures.get());
    }

    /**
     * @param errorRate failure percentage over the circuit breaker's window (0 until it has enough calls)
     */
    public record Health(String partner, String circuitState, double contractedRatePerSecond, int ratePermitsLeft,
            int inFlight, double latencyMillis, float errorRate, long calls, long failures) {
    }
}
