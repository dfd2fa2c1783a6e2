package id.go.prakerja.console;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pushInterval how often the page's open streams are told that numbers moved
 * @param operatorLoginPath where the page posts an operator's user name and password (the local
 *        operator login, through the gateway); empty where operators sign in with OIDC
 * @param operatorOidc the organisation's OIDC provider the page signs operators in with
 *        (authorization code flow with PKCE); its tokens are checked as every service checks them
 *        ({@code prakerja.security.operator-oidc.*})
 */
@ConfigurationProperties("prakerja.console")
public record ConsoleProperties(@DefaultValue("2s") Duration pushInterval, String operatorLoginPath,
        @DefaultValue Oidc operatorOidc) {

    public record Oidc(String authorizationEndpoint, String tokenEndpoint, String clientId, @DefaultValue("openid") String scope) {
    }
}
