package id.go.prakerja.support.sms;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import id.go.prakerja.support.http.OutsideParty;

/**
 * The SMS provider's HTTP API ({@code POST /sms/v1/messages}). Retrying is safe because the
 * provider deduplicates on messageId; the circuit breaker stops hammering a provider that is down.
 */
public class HttpSmsGateway implements SmsGateway {

    private final RestClient client;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;

    public HttpSmsGateway(SmsProperties properties, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries) {
        this.client = OutsideParty.client(properties.baseUrl(), properties.apiKey(), properties.connectTimeout(),
                properties.readTimeout());
        this.circuitBreaker = circuitBreakers.circuitBreaker("sms");
        this.retry = retries.retry("sms");
    }

    @Override
    public void send(String messageId, String phoneE164, String text) {
        try {
            OutsideParty.call(() -> client.post().uri("/sms/v1/messages")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("messageId", messageId, "to", phoneE164, "text", text))
                    .retrieve()
                    .toBodilessEntity(), circuitBreaker, retry, null);
        } catch (RestClientException | CallNotPermittedException e) {
            throw new SmsUnavailable("SMS provider unavailable: " + e.getMessage(), e);
        }
    }
}
