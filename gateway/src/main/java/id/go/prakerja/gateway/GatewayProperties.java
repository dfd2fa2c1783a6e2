package id.go.prakerja.gateway;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Base URL of each service, by key (registration, verification, training, incentive, payment, survey, console). */
@ConfigurationProperties("prakerja.gateway")
public record GatewayProperties(Map<String, String> services) {
}
