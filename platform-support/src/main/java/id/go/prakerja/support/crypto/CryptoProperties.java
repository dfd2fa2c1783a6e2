package id.go.prakerja.support.crypto;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Base64 256-bit keys. No defaults outside the local profile.
 * <ul>
 * <li>{@code field-keys.<id>}: keys that encrypt personal data at rest in this service's
 * database, by numeric key id (1..65535). Every configured key opens values; new values are
 * sealed under {@code field-key-id}, or the highest id when that is not set.
 * {@code field-key} is the same as {@code field-keys.1}, so a configuration from before key
 * ids keeps working.</li>
 * <li>{@code blind-index-key}: makes searchable keyed hashes of NIK and KK. It is not
 * rotated with the field keys (see docs/operations.md, "Keys and their rotation").</li>
 * <li>{@code transport-keys.<id>}, {@code transport-key-id}, {@code transport-key}: the same
 * for NIK/KK fields on the wire; only the services that must show them to an outside party
 * hold them.</li>
 * <li>{@code open-legacy-format}: whether values sealed before key ids existed (bound to their
 * purpose only) still open. Set it to false once the re-encryption job has run everywhere and
 * no event older than that is left to replay.</li>
 * </ul>
 */
@ConfigurationProperties("prakerja.crypto")
public record CryptoProperties(String fieldKey, Map<Integer, String> fieldKeys, Integer fieldKeyId,
        String blindIndexKey,
        String transportKey, Map<Integer, String> transportKeys, Integer transportKeyId,
        boolean openLegacyFormat) {

    @ConstructorBinding
    public CryptoProperties(String fieldKey, @DefaultValue Map<Integer, String> fieldKeys, Integer fieldKeyId,
            String blindIndexKey,
            String transportKey, @DefaultValue Map<Integer, String> transportKeys, Integer transportKeyId,
            @DefaultValue("true") boolean openLegacyFormat) {
        this.fieldKey = fieldKey;
        this.fieldKeys = fieldKeys == null ? Map.of() : Map.copyOf(fieldKeys);
        this.fieldKeyId = fieldKeyId;
        this.blindIndexKey = blindIndexKey;
        this.transportKey = transportKey;
        this.transportKeys = transportKeys == null ? Map.of() : Map.copyOf(transportKeys);
        this.transportKeyId = transportKeyId;
        this.openLegacyFormat = openLegacyFormat;
    }

    /** One key of each kind, each with id 1. */
    public CryptoProperties(String fieldKey, String blindIndexKey, String transportKey) {
        this(fieldKey, Map.of(), null, blindIndexKey, transportKey, Map.of(), null, true);
    }
}
