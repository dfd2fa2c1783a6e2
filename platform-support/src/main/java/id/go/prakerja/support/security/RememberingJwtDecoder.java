package id.go.prakerja.support.security;

import java.time.Clock;
import java.time.Duration;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Remembers the tokens it verified, so a client's every request does not pay again for the RSA
 * signature check (a profile of a cached catalogue search showed it as the largest single cost).
 * A token is remembered only once its signature, issuer, audience and times were accepted, for at
 * most {@code keptFor} and never past its own expiry; a refused token is never remembered, so it is
 * refused again each time. Bounded in entries (least recently used go first).
 */
final class RememberingJwtDecoder implements JwtDecoder {

    private final JwtDecoder verifier;
    private final Cache<String, Jwt> verified;
    private final Clock clock;

    RememberingJwtDecoder(JwtDecoder verifier, long maxTokens, Duration keptFor, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(maxTokens).expireAfterWrite(keptFor).build();
    }

    /** The verifier itself when nothing is to be kept. */
    static JwtDecoder around(JwtDecoder verifier, long maxTokens, Duration keptFor) {
        return maxTokens <= 0 || keptFor.isZero() || keptFor.isNegative() ? verifier
                : new RememberingJwtDecoder(verifier, maxTokens, keptFor, Clock.systemUTC());
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null && known.getExpiresAt() != null && clock.instant().isBefore(known.getExpiresAt())) {
            return known;
        }
        Jwt jwt = verifier.decode(token);
        if (jwt.getExpiresAt() != null) {
            verified.put(token, jwt);
        }
        return jwt;
    }
}
