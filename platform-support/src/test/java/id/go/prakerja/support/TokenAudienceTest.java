package id.go.prakerja.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import id.go.prakerja.support.security.Roles;
import id.go.prakerja.support.security.SecurityProperties;
import id.go.prakerja.support.security.TokenIssuer;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.PlatformIntegrationTest;

/**
 * Each realm's tokens open the platform only when addressed to it: the operators' realm with
 * its configured audience, the platform's own tokens with {@code prakerja-api}.
 */
@PlatformIntegrationTest
class TokenAudienceTest {

    @LocalServerPort
    int port;

    @Autowired
    TokenIssuer platformTokens;

    private HttpApi api(String token) {
        return HttpApi.at("http://localhost:" + port).withToken(token);
    }

    @Test
    void an_operator_realm_token_without_the_platform_audience_gets_401_on_admin() {
        var idp = OperatorIdentityProvider.get();
        assertThat(api(idp.operatorToken()).get("/admin/probe").status()).isEqualTo(401);
        assertThat(api(idp.operatorToken("account", "another-application")).get("/admin/probe").status()).isEqualTo(401);
    }

    @Test
    void an_operator_realm_token_addressed_to_the_platform_opens_admin() {
        var idp = OperatorIdentityProvider.get();
        var response = api(idp.operatorToken("account", OperatorIdentityProvider.AUDIENCE)).get("/admin/probe");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("pmo-operator");
    }

    @Test
    void a_participant_token_without_the_platform_audience_gets_401() {
        assertThat(api(platformSigned(null)).get("/api/probe").status()).isEqualTo(401);
        assertThat(api(platformSigned("prakerja-console")).get("/api/probe").status()).isEqualTo(401);
        assertThat(api(platformSigned("prakerja-api")).get("/api/probe").status()).isEqualTo(200);
    }

    @Test
    void participant_tokens_issued_by_the_platform_carry_its_audience_and_are_accepted() {
        var token = platformTokens.issue("6c1f1d2e-0000-4000-8000-000000000001", Roles.PARTICIPANT);
        assertThat(api(token.accessToken()).get("/api/probe").status()).isEqualTo(200);
    }

    @Test
    void an_operators_realm_without_an_audience_is_refused_at_start_up() {
        assertThatThrownBy(() -> new SecurityProperties.OperatorOidc("https://sso.example/realms/operators", "roles", null))
                .hasMessageContaining("prakerja.security.operator-oidc.audience");
        assertThat(new SecurityProperties.OperatorOidc(null, "roles", null)).isNotNull();
    }

    /** A token signed with the platform's own (local) key, as only a holder of that key could make. */
    private static String platformSigned(String audience) {
        NimbusJwtEncoder encoder;
        try (var publicPem = new ClassPathResource("local-secrets/jwt-public.pem").getInputStream();
                var privatePem = new ClassPathResource("local-secrets/jwt-private.pem").getInputStream()) {
            encoder = NimbusJwtEncoder.withKeyPair(RsaKeyConverters.x509().convert(publicPem),
                    RsaKeyConverters.pkcs8().convert(privatePem)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().issuer("prakerja").subject("6c1f1d2e-0000-4000-8000-000000000002")
                .issuedAt(now).expiresAt(now.plusSeconds(300)).claim("roles", List.of(Roles.PARTICIPANT));
        if (audience != null) {
            claims.audience(List.of(audience));
        }
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims.build()))
                .getTokenValue();
    }
}
