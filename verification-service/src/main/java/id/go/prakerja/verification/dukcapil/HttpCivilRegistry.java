package id.go.prakerja.verification.dukcapil;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import id.go.prakerja.support.http.OutsideParty;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import tools.jackson.databind.JsonNode;

/**
 * Dukcapil's verify-by-element API ({@code POST /dukcapil/v1/verify-by-element}). The query reads
 * and changes nothing there, so retrying it is safe; the rate limiter keeps to the contracted rate.
 */
@Component
public class HttpCivilRegistry implements CivilRegistry {

    private final RestClient client;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;
    private final RateLimiter rateLimiter;

    public HttpCivilRegistry(DukcapilProperties properties, CircuitBreakerRegistry circuitBreakers,
            RetryRegistry retries, RateLimiterRegistry rateLimiters) {
        this.client = OutsideParty.client(properties.baseUrl(), properties.apiKey(), properties.connectTimeout(),
                properties.readTimeout());
        this.circuitBreaker = circuitBreakers.circuitBreaker("dukcapil");
        this.retry = retries.retry("dukcapil");
        this.rateLimiter = rateLimiters.rateLimiter("dukcapil");
    }

    @Override
    public Verdict verify(IdentityQuery query) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", query.requestId());
        body.put("nik", query.nik());
        body.put("kkNumber", query.kkNumber());
        body.put("fullName", query.fullName());
        body.put("birthPlace", query.birthPlace());
        body.put("birthDate", query.birthDate().toString());
        body.put("threshold", query.threshold());
        JsonNode answer;
        try {
            answer = OutsideParty.call(() -> client.post().uri("/dukcapil/v1/verify-by-element")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .retrieve()
                    .body(JsonNode.class), circuitBreaker, retry, rateLimiter);
        } catch (RestClientException | CallNotPermittedException | RequestNotPermitted e) {
            throw new CivilRegistryUnavailable("Dukcapil unavailable: " + e.getMessage(), e);
        }
        if (answer == null || !answer.has("found")) {
            throw new CivilRegistryUnavailable("Dukcapil answered without a verdict", null);
        }
        Map<String, Integer> fields = new HashMap<>();
        JsonNode answered = answer.path("fields");
        for (String element : IdentityMatch.ELEMENTS.keySet()) {
            JsonNode field = answered.path(element);
            if (field.has("percentage")) {
                fields.put(element, field.get("percentage").asInt());
            }
        }
        return new Verdict(answer.get("found").asBoolean(), fields);
    }
}
