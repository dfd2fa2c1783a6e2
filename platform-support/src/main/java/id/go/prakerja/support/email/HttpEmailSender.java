package id.go.prakerja.support.email;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import id.go.prakerja.support.http.OutsideParty;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;

/**
 * The e-mail provider's HTTP API ({@code POST /email/v1/messages}). Retrying is safe because the
 * provider deduplicates on messageId.
 */
public class HttpEmailSender implements EmailSender {

    private final RestClient client;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;

    public HttpEmailSender(EmailProperties properties, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries) {
        this.client = OutsideParty.client(properties.baseUrl(), properties.apiKey(), properties.connectTimeout(),
                properties.readTimeout());
        this.circuitBreaker = circuitBreakers.circuitBreaker("email");
        this.retry = retries.retry("email");
    }

    @Override
    public void send(String messageId, String to, String subject, String text) {
        try {
            OutsideParty.call(() -> client.post().uri("/email/v1/messages")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("messageId", messageId, "to", to, "subject", subject, "text", text))
                    .retrieve()
                    .toBodilessEntity(), circuitBreaker, retry, null);
        } catch (RestClientException | CallNotPermittedException e) {
            throw new EmailUnavailable("e-mail provider unavailable: " + e.getMessage(), e);
        }
    }
}
