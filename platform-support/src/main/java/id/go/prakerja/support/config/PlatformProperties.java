package id.go.prakerja.support.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Messaging settings shared by every service. */
@ConfigurationProperties("prakerja")
public record PlatformProperties(Kafka kafka, Outbox outbox) {

    public record Kafka(int partitions, short replicationFactor) {
    }

    public record Outbox(Duration pollInterval, int batchSize, Duration sendTimeout, Duration retention) {
    }
}
