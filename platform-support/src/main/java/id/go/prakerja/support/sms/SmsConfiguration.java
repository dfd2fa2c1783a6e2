package id.go.prakerja.support.sms;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;

/**
 * The SMS provider client, for the services that text people (login codes, phone verification).
 * Present only where {@code prakerja.sms.base-url} is set; its circuit breaker and retry are the
 * Resilience4j instances named {@code sms}.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "prakerja.sms", name = "base-url")
@EnableConfigurationProperties(SmsProperties.class)
public class SmsConfiguration {

    @Bean
    SmsGateway smsGateway(SmsProperties properties, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries) {
        return new HttpSmsGateway(properties, circuitBreakers, retries);
    }
}
