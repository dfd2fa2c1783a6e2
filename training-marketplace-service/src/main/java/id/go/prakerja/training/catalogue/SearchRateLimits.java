package id.go.prakerja.training.catalogue;

import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import id.go.prakerja.training.config.TrainingProperties;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

/**
 * How many searches one caller (a token's subject: a participant) may make:
 * {@code prakerja.training.catalogue.search-rate-limit} per {@code search-rate-period}, a
 * Resilience4j rate limiter each, never waiting. A caller's limiter is forgotten once it has
 * not searched for two periods (it would have its whole allowance again by then anyway); at most
 * {@value #MAX_CALLERS} are held at once.
 */
@Component
public class SearchRateLimits {

    static final int MAX_CALLERS = 100_000;

    private final RateLimiterConfig config;
    private final Cache<String, RateLimiter> limiters;

    public SearchRateLimits(TrainingProperties settings) {
        TrainingProperties.Catalogue catalogue = settings.catalogue();
        this.config = RateLimiterConfig.custom().limitForPeriod(Math.max(1, catalogue.searchRateLimit()))
                .limitRefreshPeriod(catalogue.searchRatePeriod()).timeoutDuration(Duration.ZERO).build();
        this.limiters = Caffeine.newBuilder().expireAfterAccess(catalogue.searchRatePeriod().multipliedBy(2))
                .maximumSize(MAX_CALLERS).build();
    }

    /** Takes one search of the caller's allowance: empty if it had one, else how long until it has one again. */
    public Optional<Duration> take(String caller) {
        RateLimiter limiter = limiters.get(caller, key -> RateLimiter.of("catalogue-search", config));
        if (limiter.acquirePermission()) {
            return Optional.empty();
        }
        long nanos = limiter instanceof AtomicRateLimiter atomic ? atomic.getDetailedMetrics().getNanosToWait()
                : config.getLimitRefreshPeriod().toNanos();
        return Optional.of(Duration.ofNanos(Math.max(0, nanos)));
    }
}
