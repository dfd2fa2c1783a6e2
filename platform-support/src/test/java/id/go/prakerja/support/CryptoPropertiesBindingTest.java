package id.go.prakerja.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import id.go.prakerja.support.crypto.CryptoProperties;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.support.crypto.SealContext;

/** Keys by id arrive as environment variables in compose and Kubernetes (PRAKERJA_CRYPTO_FIELDKEYS_2). */
class CryptoPropertiesBindingTest {

    private static final String KEY_1 = "UbdHho3x0rOpxlGbSdFNgsnJRF7rY8CyduSagjgMPaQ=";
    private static final String KEY_2 = "hRUS2FyWgSdqn9f9QOVWz8Vxg1wKPDvYyU2RrcW1bXI=";

    private static CryptoProperties bind(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return new Binder(ConfigurationPropertySources.get(environment)).bind("prakerja.crypto", CryptoProperties.class)
                .get();
    }

    @Test
    void field_keys_by_id_and_the_current_id_bind_from_environment_variables() {
        CryptoProperties properties = bind(Map.of("PRAKERJA_CRYPTO_FIELDKEY", KEY_1, "PRAKERJA_CRYPTO_FIELDKEYS_2", KEY_2,
                "PRAKERJA_CRYPTO_FIELDKEYID", "1", "PRAKERJA_CRYPTO_BLINDINDEXKEY", KEY_1));
        assertThat(properties.fieldKeys()).containsEntry(2, KEY_2);
        assertThat(properties.fieldKeyId()).isEqualTo(1);
        assertThat(properties.openLegacyFormat()).isTrue();
        PersonalDataCrypto crypto = new PersonalDataCrypto(properties);
        assertThat(crypto.currentFieldKeyId()).isEqualTo(1);
        assertThat(crypto.encryptAtRest("3174050101900001", SealContext.of("participant", "nik_sealed", "a"))).startsWith("v2:1:");
    }

    @Test
    void without_a_current_id_the_highest_key_seals() {
        CryptoProperties properties = bind(Map.of("PRAKERJA_CRYPTO_FIELDKEY", KEY_1, "PRAKERJA_CRYPTO_FIELDKEYS_2", KEY_2));
        assertThat(new PersonalDataCrypto(properties).currentFieldKeyId()).isEqualTo(2);
    }
}
