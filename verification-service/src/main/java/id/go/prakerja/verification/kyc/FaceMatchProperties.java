package id.go.prakerja.verification.kyc;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The face-match provider ({@code prakerja.face-match.*}). */
@ConfigurationProperties("prakerja.face-match")
public record FaceMatchProperties(String baseUrl, String apiKey, @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout) {
}
