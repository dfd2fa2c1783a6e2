package id.go.prakerja.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;

import id.go.prakerja.support.config.PlatformDefaults;

class PlatformDefaultsTest {

    private StandardEnvironment environment(String... profiles) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.setActiveProfiles(profiles);
        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void outside_the_local_and_test_profiles_no_key_or_secret_has_a_default() {
        StandardEnvironment production = environment("production");
        assertThat(production.getProperty("prakerja.security.jwt.public-key")).isNull();
        assertThat(production.getProperty("prakerja.security.jwt.private-key")).isNull();
        assertThat(production.getProperty("prakerja.crypto.field-key")).isNull();
        assertThat(production.getProperty("prakerja.crypto.transport-key")).isNull();
        assertThat(production.getProperty("prakerja.security.partners.BNI.secret")).isNull();
        assertThat(production.getProperty("prakerja.outbox.batch-size")).as("ordinary defaults still apply").isEqualTo("500");
    }

    @Test
    void the_local_profile_gets_local_keys_beneath_anything_the_service_sets() {
        StandardEnvironment local = environment("local");
        assertThat(local.getProperty("prakerja.security.jwt.public-key")).isEqualTo("classpath:local-secrets/jwt-public.pem");
        assertThat(local.getProperty("prakerja.crypto.field-key")).isNotBlank();
    }
}
