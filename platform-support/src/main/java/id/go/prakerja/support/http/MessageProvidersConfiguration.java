package id.go.prakerja.support.http;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import id.go.prakerja.support.email.EmailProperties;
import id.go.prakerja.support.email.EmailSender;
import id.go.prakerja.support.email.HttpEmailSender;
import id.go.prakerja.support.sms.HttpSmsGateway;
import id.go.prakerja.support.sms.SmsGateway;
import id.go.prakerja.support.sms.SmsProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;

/**
 * The SMS and e-mail provider clients, for the services that write to people (login codes,
 * verification codes, wave results). Each is present only where its {@code base-url} is set;
 * their circuit breakers and retries are the Resilience4j instances {@code sms} and {@code email}.
 */
@AutoConfiguration
@EnableConfigurationProperties({SmsProperties.class, EmailProperties.class})
public class MessageProvidersConfiguration {

    @Bean
    @ConditionalOnProperty(prefix = "prakerja.sms", name = "base-url")
    SmsGateway smsGateway(SmsProperties properties, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries) {
        return new HttpSmsGateway(properties, circuitBreakers, retries);
    }

    @Bean
    @ConditionalOnProperty(prefix = "prakerja.email", name = "base-url")
    EmailSender emailSender(EmailProperties properties, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries) {
        return new HttpEmailSender(properties, circuitBreakers, retries);
    }
}
