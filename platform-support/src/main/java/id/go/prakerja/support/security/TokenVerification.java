package id.go.prakerja.support.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Trusts two issuers: the platform itself (participants, and operators in the local
 * profile), verified with its public key; and, when configured, the organisation's OIDC
 * provider for operators, discovered from its issuer URI on first use. A token of either is
 * accepted only when its {@code aud} names the audience configured for that issuer.
 */
final class TokenVerification implements AuthenticationManagerResolver<String> {

    private final Map<String, AuthenticationManager> managers = new ConcurrentHashMap<>();
    private final SecurityProperties properties;

    TokenVerification(SecurityProperties properties) {
        this.properties = properties;
    }

    private JwtDecoder platformDecoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(Pem.publicKey(properties.jwt().publicKey())).build();
        decoder.setJwtValidator(issuerAndAudience(properties.jwt().issuer(), properties.jwt().audience()));
        return decoder;
    }

    private static JwtDecoder operatorDecoder(String issuer, String audience) {
        // discovery on first use: the provider may start after this service
        NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(issuer);
        decoder.setJwtValidator(issuerAndAudience(issuer, audience));
        return decoder;
    }

    /** Signature, expiry, issuer, and {@code aud} containing the expected audience. */
    static OAuth2TokenValidator<Jwt> issuerAndAudience(String issuer, String audience) {
        return JwtValidators.createDefaultWithValidators(new JwtIssuerValidator(issuer), new JwtAudienceValidator(audience));
    }

    @Override
    public AuthenticationManager resolve(String issuer) {
        if (properties.jwt().issuer().equals(issuer)) {
            return managers.computeIfAbsent(issuer, i -> manager(remembering(platformDecoder()), "roles"));
        }
        var oidc = properties.operatorOidc();
        if (oidc != null && oidc.configured() && oidc.issuerUri().equals(issuer)) {
            return managers.computeIfAbsent(issuer,
                    i -> manager(remembering(operatorDecoder(i, oidc.audience())), oidc.rolesClaim()));
        }
        return null; // untrusted issuer: 401
    }

    private JwtDecoder remembering(JwtDecoder verifier) {
        return RememberingJwtDecoder.around(verifier, properties.jwt().verifiedTokensKept(), properties.jwt().verifiedTokensKeptFor());
    }

    private static AuthenticationManager manager(JwtDecoder decoder, String rolesClaim) {
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(new RolesConverter(rolesClaim));
        return provider::authenticate;
    }

    /** Maps the roles claim (e.g. ["PARTICIPANT"]) to ROLE_ authorities; the subject is the principal name. */
    static final class RolesConverter implements Converter<Jwt, AbstractAuthenticationToken> {
        private final String claim;

        RolesConverter(String claim) {
            this.claim = claim;
        }

        @Override
        public AbstractAuthenticationToken convert(Jwt jwt) {
            Object value = jwt.getClaims().get(claim);
            Collection<?> roles = value instanceof Collection<?> c ? c : List.of();
            List<GrantedAuthority> authorities = roles.stream()
                    .map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r))
                    .toList();
            return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
        }
    }
}
