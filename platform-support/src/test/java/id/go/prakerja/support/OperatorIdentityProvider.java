package id.go.prakerja.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the organisation's identity provider: OIDC discovery and a JWK set on a
 * local port, and tokens signed with its own key. Every test context of this module trusts it
 * as the operators' realm (one configuration, so contexts stay shared).
 */
final class OperatorIdentityProvider {

    static final String AUDIENCE = "prakerja-console";
    private static final String KEY_ID = "operators-1";
    private static volatile OperatorIdentityProvider instance;

    private final String issuer;
    private final JwtEncoder encoder;

    private OperatorIdentityProvider() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            RSAPublicKey publicKey = (RSAPublicKey) keys.getPublic();
            RSAKey signingKey = new RSAKey.Builder(publicKey).privateKey((RSAPrivateKey) keys.getPrivate()).keyID(KEY_ID).build();
            this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(signingKey)));
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/operators";
            String jwks = new JWKSet(signingKey.toPublicJWK()).toString();
            String discovery = """
                    {"issuer":"%s","jwks_uri":"%s/protocol/openid-connect/certs","subject_types_supported":["public"],
                     "id_token_signing_alg_values_supported":["RS256"]}""".formatted(issuer, issuer);
            server.createContext("/realms/operators/.well-known/openid-configuration", exchange -> answer(exchange, discovery));
            server.createContext("/realms/operators/protocol/openid-connect/certs", exchange -> answer(exchange, jwks));
            server.setExecutor(null);
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "operator-idp-stop"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static OperatorIdentityProvider get() {
        if (instance == null) {
            synchronized (OperatorIdentityProvider.class) {
                if (instance == null) {
                    instance = new OperatorIdentityProvider();
                }
            }
        }
        return instance;
    }

    String issuer() {
        return issuer;
    }

    /** A token of the operators' realm with the OPERATOR role and the given audiences (none: no aud claim). */
    String operatorToken(String... audiences) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().issuer(issuer).subject("pmo-operator")
                .issuedAt(now).expiresAt(now.plusSeconds(300)).claim("roles", List.of("OPERATOR"));
        if (audiences.length > 0) {
            claims.audience(List.of(audiences));
        }
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId(KEY_ID).build(),
                claims.build())).getTokenValue();
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Registered in META-INF/spring.factories of this module's tests. */
    static final class CustomizerFactory implements ContextCustomizerFactory {

        @Override
        public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> attributes) {
            return new Customizer();
        }
    }

    private static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("operator-identity-provider", Map.of(
                    "prakerja.security.operator-oidc.issuer-uri", get().issuer(),
                    "prakerja.security.operator-oidc.audience", AUDIENCE)));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }
}
