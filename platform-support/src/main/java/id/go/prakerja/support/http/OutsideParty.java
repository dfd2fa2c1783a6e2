package id.go.prakerja.support.http;

import java.time.Duration;
import java.util.function.Supplier;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;

/**
 * How every client of an outside party (Dukcapil, SMS, e-mail, face match) is built: a bounded
 * connect and read time, a bearer credential, and calls that pass through the party's Resilience4j
 * guards. Retries wrap the circuit breaker, and each attempt takes a permit from the party's rate
 * limiter, so a retry storm cannot exceed the contracted rate either.
 */
public final class OutsideParty {

    private OutsideParty() {
    }

    public static RestClient client(String baseUrl, String apiKey, Duration connectTimeout, Duration readTimeout) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalStateException("an outside party's base-url is not configured");
        }
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(connectTimeout);
        requests.setReadTimeout(readTimeout);
        RestClient.Builder builder = RestClient.builder().baseUrl(baseUrl).requestFactory(requests);
        if (apiKey != null && !apiKey.isBlank()) {
            builder.defaultHeader("Authorization", "Bearer " + apiKey);
        }
        return builder.build();
    }

    /** Runs a call through retry, then the circuit breaker, each attempt also through the rate limiter if one is given. */
    public static <T> T call(Supplier<T> call, CircuitBreaker circuitBreaker, Retry retry, RateLimiter rateLimiter) {
        Supplier<T> guarded = CircuitBreaker.decorateSupplier(circuitBreaker, call);
        if (rateLimiter != null) {
            guarded = RateLimiter.decorateSupplier(rateLimiter, guarded);
        }
        return Retry.decorateSupplier(retry, guarded).get();
    }
}
