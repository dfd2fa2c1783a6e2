package id.go.prakerja.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import id.go.prakerja.console.ConsoleProperties;

class ConsolePageSettingsTest {

    @Test
    void locally_the_page_offers_the_password_login_and_no_provider() {
        var settings = new ConsolePage(new ConsoleProperties(Duration.ofSeconds(2), "/api/v1/auth/operator-token",
                new ConsoleProperties.Oidc(null, null, null, "openid"))).settings();
        assertThat(settings).containsEntry("operatorLoginPath", "/api/v1/auth/operator-token").doesNotContainKey("oidc");
    }

    @Test
    void in_production_the_page_signs_in_with_the_organisations_provider_only() {
        var settings = new ConsolePage(new ConsoleProperties(Duration.ofSeconds(2), "",
                new ConsoleProperties.Oidc("https://sso.example/auth", "https://sso.example/token", "prakerja-console", "openid")))
                .settings();
        assertThat(settings.get("operatorLoginPath")).isNull();
        assertThat(settings.get("oidc")).isEqualTo(Map.of("authorizationEndpoint", "https://sso.example/auth",
                "tokenEndpoint", "https://sso.example/token", "clientId", "prakerja-console", "scope", "openid"));
    }
}
