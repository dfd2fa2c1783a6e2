package id.go.prakerja.support.email;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The e-mail provider ({@code prakerja.email.*}). */
@ConfigurationProperties("prakerja.email")
public record EmailProperties(String baseUrl, String apiKey, @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout) {
}
