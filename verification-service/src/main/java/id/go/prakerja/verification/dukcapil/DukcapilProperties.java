package id.go.prakerja.verification.dukcapil;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Dukcapil's verify-by-element service ({@code prakerja.dukcapil.*}). */
@ConfigurationProperties("prakerja.dukcapil")
public record DukcapilProperties(String baseUrl, String apiKey, @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout) {
}
