package id.go.prakerja.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import id.go.prakerja.testsupport.SettableClock;

class RememberingJwtDecoderTest {

    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    /** A verifier that accepts tokens named "good-N", expiring N seconds after NOW, and refuses any other. */
    static final class CountingVerifier implements JwtDecoder {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Jwt decode(String token) {
            calls.incrementAndGet();
            if (!token.startsWith("good-")) {
                throw new BadJwtException("signature does not verify");
            }
            long seconds = Long.parseLong(token.substring("good-".length()));
            return Jwt.withTokenValue(token).header("alg", "RS256").subject("someone")
                    .issuedAt(NOW.minusSeconds(1)).expiresAt(NOW.plusSeconds(seconds)).build();
        }
    }

    @Test
    void a_verified_token_is_checked_once_until_it_expires() {
        CountingVerifier verifier = new CountingVerifier();
        SettableClock clock = new SettableClock(NOW);
        JwtDecoder decoder = new RememberingJwtDecoder(verifier, 100, Duration.ofMinutes(1), clock);
        for (int i = 0; i < 5; i++) {
            assertThat(decoder.decode("good-30").getSubject()).isEqualTo("someone");
        }
        assertThat(verifier.calls).hasValue(1);

        // past its own expiry the verifier decides again
        clock.set(NOW.plusSeconds(31));
        decoder.decode("good-30");
        assertThat(verifier.calls).hasValue(2);
    }

    @Test
    void a_refused_token_is_refused_every_time() {
        CountingVerifier verifier = new CountingVerifier();
        JwtDecoder decoder = new RememberingJwtDecoder(verifier, 100, Duration.ofMinutes(1), Clock.fixed(NOW, ZoneOffset.UTC));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        }
        assertThat(verifier.calls).hasValue(3);
    }

    @Test
    void nothing_is_kept_when_the_setting_is_zero() {
        CountingVerifier verifier = new CountingVerifier();
        assertThat(RememberingJwtDecoder.around(verifier, 0, Duration.ofMinutes(1))).isSameAs(verifier);
        assertThat(RememberingJwtDecoder.around(verifier, 100, Duration.ZERO)).isSameAs(verifier);
    }
}
