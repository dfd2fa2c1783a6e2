package id.go.prakerja.verification.kyc;

import java.util.Base64;
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
 * The face-match provider's API ({@code POST /face/v1/match}, images base64). Comparing two images
 * changes nothing at the provider, so a retry is safe. Only the score is used: the pass and review
 * thresholds are the programme's ({@link FaceDecision}), not the provider's.
 */
@Component
public class HttpFaceMatch implements FaceMatch {

    private final RestClient client;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;
    private final RateLimiter rateLimiter;

    public HttpFaceMatch(FaceMatchProperties properties, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries,
            RateLimiterRegistry rateLimiters) {
        this.client = OutsideParty.client(properties.baseUrl(), properties.apiKey(), properties.connectTimeout(),
                properties.readTimeout());
        this.circuitBreaker = circuitBreakers.circuitBreaker("face-match");
        this.retry = retries.retry("face-match");
        this.rateLimiter = rateLimiters.rateLimiter("face-match");
    }

    @Override
    public int score(String requestId, byte[] ktpPhoto, byte[] selfie) {
        Map<String, String> body = Map.of("requestId", requestId,
                "ktpImage", Base64.getEncoder().encodeToString(ktpPhoto),
                "selfieImage", Base64.getEncoder().encodeToString(selfie));
        JsonNode answer;
        try {
            answer = OutsideParty.call(() -> client.post().uri("/face/v1/match")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .retrieve()
                    .body(JsonNode.class), circuitBreaker, retry, rateLimiter);
        } catch (RestClientException | CallNotPermittedException | RequestNotPermitted e) {
            throw new FaceMatchUnavailable("face match unavailable: " + e.getMessage(), e);
        }
        if (answer == null || !answer.path("score").isNumber()) {
            throw new FaceMatchUnavailable("face match answered without a score", null);
        }
        return answer.get("score").asInt();
    }
}
