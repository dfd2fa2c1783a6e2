package id.go.prakerja.registration.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

@ConfigurationProperties("prakerja.login")
public record LoginProperties(@DefaultValue("5m") Duration otpTtl, @DefaultValue("5") int maxAttempts,
        @DefaultValue("60s") Duration resendAfter, @DefaultValue("5") int maxSendsPerHour) {
}
