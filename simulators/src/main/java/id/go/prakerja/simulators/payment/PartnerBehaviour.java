package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.payment.PaymentPartnerSimulator.CallbackMode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a partner behaves today, as a test or the control endpoint set it: how many transfers it
 * leaves pending and how many of those fail, how slow it is, how its notifications misbehave, how
 * far its status inquiry lags and what rate it enforces. A knob is read when a call needs it, so a
 * change applies from the next call on; a reset goes back to the {@link PartnerProfile}'s values.
 */
final class PartnerBehaviour {

    private final PartnerProfile profile;
    /** Whether a reset brings back the profile's latency, or none at all. */
    private final boolean simulateLatency;

    private volatile int pendingPercent;
    private volatile int failPercent;
    private volatile long settleAfterMillis;
    private volatile long latencyMillis;
    private volatile CallbackMode callbackMode = CallbackMode.NORMAL;
    private volatile long callbackDelayMillis = 5_000;
    private volatile int rateLimitPerSecond;
    private volatile long recordAfterMillis;
    private volatile boolean limitBeforeDuplicate;

    PartnerBehaviour(PartnerProfile profile, boolean simulateLatency) {
        this.profile = profile;
        this.simulateLatency = simulateLatency;
        reset();
    }

    /** Back to the profile's behaviour. */
    void reset() {
        pendingPercent = profile.pendingPercent();
        failPercent = 0;
        settleAfterMillis = profile.settleAfterMillis();
        latencyMillis = simulateLatency ? profile.latencyMillis() : 0;
        callbackMode = CallbackMode.NORMAL;
        callbackDelayMillis = 5_000;
        rateLimitPerSecond = 0;
        recordAfterMillis = 0;
        limitBeforeDuplicate = false;
    }

    int pendingPercent() {
        return pendingPercent;
    }

    void pendingPercent(int percent) {
        this.pendingPercent = percent(percent);
    }

    int failPercent() {
        return failPercent;
    }

    void failPercent(int percent) {
        this.failPercent = percent(percent);
    }

    long settleAfterMillis() {
        return settleAfterMillis;
    }

    void settleAfter(Duration delay) {
        this.settleAfterMillis = delay.toMillis();
    }

    void latency(Duration latency) {
        this.latencyMillis = latency.toMillis();
    }

    CallbackMode callbackMode() {
        return callbackMode;
    }

    void callbackMode(CallbackMode mode) {
        this.callbackMode = mode;
    }

    long callbackDelayMillis() {
        return callbackDelayMillis;
    }

    void callbackDelay(Duration delay) {
        this.callbackDelayMillis = delay.toMillis();
    }

    int rateLimitPerSecond() {
        return rateLimitPerSecond;
    }

    void rateLimit(int perSecond) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("perSecond must be >= 0");
        }
        this.rateLimitPerSecond = perSecond;
    }

    long recordAfterMillis() {
        return recordAfterMillis;
    }

    void recordAfter(Duration delay) {
        this.recordAfterMillis = delay.toMillis();
    }

    boolean limitBeforeDuplicate() {
        return limitBeforeDuplicate;
    }

    void limitBeforeDuplicate(boolean on) {
        this.limitBeforeDuplicate = on;
    }

    /** Waits the partner's latency, with +-25% jitter: partners are never exactly on time. */
    void pause() {
        long millis = latencyMillis;
        if (millis > 0) {
            try {
                Thread.sleep(millis * 3 / 4 + (long) (Math.random() * millis / 2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What {@code GET /_control/behaviour} shows, field by field in this order. */
    Map<String, Object> asMap() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("pendingPercent", pendingPercent);
        b.put("failPercent", failPercent);
        b.put("settleAfterMillis", settleAfterMillis);
        b.put("latencyMillis", latencyMillis);
        b.put("recordAfterMillis", recordAfterMillis);
        b.put("limitBeforeDuplicate", limitBeforeDuplicate);
        b.put("callbackMode", callbackMode);
        b.put("callbackDelayMillis", callbackDelayMillis);
        b.put("rateLimitPerSecond", rateLimitPerSecond);
        b.put("contractedRatePerSecond", profile.contractedRatePerSecond());
        return b;
    }

    private static int percent(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 0..100");
        }
        return percent;
    }
}
