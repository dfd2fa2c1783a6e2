package id.go.prakerja.support.crypto;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Base64 256-bit keys. {@code fieldKey} encrypts personal data at rest in this service's
 * database; {@code blindIndexKey} makes searchable keyed hashes of NIK and KK;
 * {@code transportKey} encrypts NIK/KK fields on the wire, and only the services that must
 * show them to an outside party hold it. No defaults outside the local profile.
 */
@ConfigurationProperties("prakerja.crypto")
public record CryptoProperties(String fieldKey, String blindIndexKey, String transportKey) {
}
