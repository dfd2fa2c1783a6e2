package id.go.prakerja.registration.auth;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;

/**
 * The SMS provider's HTTP API ({@code POST /sms/v1/messages}). Retrying is safe because the
 * provider deduplicates on messageId; the circuit breaker stops hammering a provider that is down.
 */
@Component
public class HttpSmsGateway implements SmsGateway {

    private final RestClient client;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;

    public HttpSmsGateway(SmsProperties properties, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.connectTimeout());
        requests.setReadTimeout(properties.readTimeout());
        this.client = RestClient.builder()
                .baseUrl(properties.baseUrl())
                .requestFactory(requests)
                .defaultHeader("Authorization", "Bearer " + properties.apiKey())
                .build();
        this.circuitBreaker = circuitBreakers.circuitBreaker("sms");
        this.retry = retries.retry("sms");
    }

    @Override
    public void send(String messageId, String phoneE164, String text) {
        Runnable call = () -> client.post().uri("/sms/v1/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("messageId", messageId, "to", phoneE164, "text", text))
                .retrieve()
                .toBodilessEntity();
        try {
            Retry.decorateRunnable(retry, CircuitBreaker.decorateRunnable(circuitBreaker, call)).run();
        } catch (RestClientException | CallNotPermittedException e) {
            throw new SmsUnavailable("SMS provider unavailable: " + e.getMessage(), e);
        }
    }
}
