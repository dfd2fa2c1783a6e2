package id.go.prakerja.support.email;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;

/**
 * The e-mail provider client, for the services that write to people (verification codes, wave
 * results). Present only where {@code prakerja.email.base-url} is set; its circuit breaker and
 * retry are the Resilience4j instances named {@code email}.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "prakerja.email", name = "base-url")
@EnableConfigurationProperties(EmailProperties.class)
public class EmailConfiguration {

    @Bean
    EmailSender emailSender(EmailProperties properties, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries) {
        return new HttpEmailSender(properties, circuitBreakers, retries);
    }
}
