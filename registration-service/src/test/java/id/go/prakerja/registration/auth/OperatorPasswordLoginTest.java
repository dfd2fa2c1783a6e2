package id.go.prakerja.registration.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import id.go.prakerja.support.security.SecurityProperties;
import id.go.prakerja.support.security.TokenIssuer;

/**
 * The password login for operators is created only on a developer's stack (local, test or
 * compose profile with accounts configured). Elsewhere the controller is absent, so
 * {@code POST /api/v1/auth/operator-token} has no handler and answers 404.
 */
class OperatorPasswordLoginTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withUserConfiguration(Login.class)
            .withPropertyValues("prakerja.security.jwt.issuer=prakerja",
                    "prakerja.security.jwt.public-key=classpath:local-secrets/jwt-public.pem",
                    "prakerja.security.jwt.private-key=classpath:local-secrets/jwt-private.pem",
                    "prakerja.security.webhook.timestamp-window=5m");

    private static final String[] ACCOUNT = {"prakerja.security.local-operators[0].username=operator",
            "prakerja.security.local-operators[0].password=secret"};

    @Test
    void the_operator_password_login_does_not_exist_in_production_even_with_accounts_configured() {
        runner.withPropertyValues("spring.profiles.active=kubernetes,production").withPropertyValues(ACCOUNT)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(OperatorPasswordLogin.class));
    }

    @Test
    void the_operator_password_login_does_not_exist_without_local_operators() {
        runner.withPropertyValues("spring.profiles.active=test")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(OperatorPasswordLogin.class));
    }

    @Test
    void the_operator_password_login_exists_on_a_local_stack_with_accounts() {
        for (String profile : new String[] {"local", "test", "compose"}) {
            runner.withPropertyValues("spring.profiles.active=" + profile).withPropertyValues(ACCOUNT)
                    .run(context -> assertThat(context).hasSingleBean(OperatorPasswordLogin.class));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SecurityProperties.class)
    @Import(OperatorPasswordLogin.class)
    static class Login {
        @Bean
        TokenIssuer tokenIssuer(SecurityProperties properties) {
            return new TokenIssuer(properties.jwt(), Clock.systemUTC());
        }
    }
}
