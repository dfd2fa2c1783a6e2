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
 * The password login for operators is created only under the local and test profiles with
 * accounts configured. Elsewhere, the compose stack included, the controller is absent, so
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
        for (String profile : new String[] {"local", "test"}) {
            runner.withPropertyValues("spring.profiles.active=" + profile).withPropertyValues(ACCOUNT)
                    .run(context -> assertThat(context).hasSingleBean(OperatorPasswordLogin.class));
        }
    }

    @Test
    void the_compose_stack_has_no_operator_password_login_even_with_accounts_configured() {
        // as docker-compose.yml runs the services (SPRING_PROFILES_ACTIVE=compose), with accounts given as the
        // environment would give them: operators there sign in with an OIDC provider
        for (String profiles : new String[] {"compose", "compose,demo"}) {
            runner.withPropertyValues("spring.profiles.active=" + profiles).withPropertyValues(ACCOUNT)
                    .run(context -> assertThat(context).as(profiles).hasNotFailed()
                            .doesNotHaveBean(OperatorPasswordLogin.class));
        }
    }

    @Test
    void an_operators_token_carries_the_roles_configured_for_the_account_and_operator_by_default() {
        runner.withPropertyValues("spring.profiles.active=local").withPropertyValues(ACCOUNT)
                .withPropertyValues("prakerja.security.local-operators[1].username=checker",
                        "prakerja.security.local-operators[1].password=other",
                        "prakerja.security.local-operators[1].roles=OPERATOR,PAYOUT_CHECKER")
                .run(context -> {
                    var login = context.getBean(OperatorPasswordLogin.class);
                    assertThat(roles(login.operatorToken(new OperatorPasswordLogin.Credentials("operator", "secret"))))
                            .contains("\"roles\":[\"OPERATOR\"]");
                    assertThat(roles(login.operatorToken(new OperatorPasswordLogin.Credentials("checker", "other"))))
                            .contains("\"roles\":[\"OPERATOR\",\"PAYOUT_CHECKER\"]");
                });
    }

    @Test
    void a_local_operator_with_a_role_the_platform_does_not_know_is_refused_at_start_up() {
        runner.withPropertyValues("spring.profiles.active=local").withPropertyValues(ACCOUNT)
                .withPropertyValues("prakerja.security.local-operators[0].roles=ADMIN")
                .run(context -> assertThat(context).hasFailed());
    }

    /** The token's claims, as JSON text. */
    private static String roles(TokenIssuer.AccessToken token) {
        return new String(java.util.Base64.getUrlDecoder().decode(token.accessToken().split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
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
