package id.go.prakerja.support.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** Signs the platform's access tokens (RS256). Only a service holding the private key has one. */
public class TokenIssuer {

    private final JwtEncoder encoder;
    private final SecurityProperties.Jwt settings;
    private final Clock clock;

    public TokenIssuer(SecurityProperties.Jwt settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.encoder = NimbusJwtEncoder.withKeyPair(Pem.publicKey(settings.publicKey()), Pem.privateKey(settings.privateKey())).build();
    }

    public AccessToken issue(String subject, String role) {
        return issue(subject, List.of(role));
    }

    /** A token whose {@code roles} claim lists every role given (an operator may hold several). */
    public AccessToken issue(String subject, Collection<String> roles) {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a token carries at least one role");
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plus(settings.accessTokenTtl());
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(settings.issuer())
                .audience(List.of(settings.audience()))
                .subject(subject)
                .issuedAt(now)
                .expiresAt(expiresAt)
                .claim("roles", List.copyOf(roles))
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims)).getTokenValue();
        return new AccessToken(token, "Bearer", settings.accessTokenTtl().toSeconds());
    }

    public record AccessToken(String accessToken, String tokenType, long expiresIn) {
    }
}
