package id.go.prakerja.verification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import id.go.prakerja.events.verification.VerificationLayer;

/**
 * The programme's verification settings ({@code prakerja.verification.*}).
 *
 * @param maxAttempts how many decided attempts each layer allows before the case goes to review
 * @param code        one-time codes of the e-mail and phone layers
 * @param nik         the Dukcapil check
 * @param kyc         KTP photo + selfie
 * @param checks      the worker that asks Dukcapil and the face-match provider
 */
@ConfigurationProperties("prakerja.verification")
public record VerificationProperties(@DefaultValue MaxAttempts maxAttempts, @DefaultValue Code code,
        @DefaultValue Nik nik, @DefaultValue Kyc kyc, @DefaultValue Checks checks) {

    public record MaxAttempts(@DefaultValue("3") int email, @DefaultValue("3") int nik, @DefaultValue("3") int phone,
            @DefaultValue("3") int kyc) {

        public int of(VerificationLayer layer) {
            return switch (layer) {
                case EMAIL -> email;
                case NIK -> nik;
                case PHONE -> phone;
                case KYC -> kyc;
            };
        }
    }

    /**
     * @param ttl             how long a code is valid
     * @param maxEntries      wrong entries that use a code up (and count one failed attempt of the layer)
     * @param resendAfter     the wait before another code may be sent
     * @param maxSendsPerHour codes per layer and hour
     */
    public record Code(@DefaultValue("10m") Duration ttl, @DefaultValue("5") int maxEntries,
            @DefaultValue("60s") Duration resendAfter, @DefaultValue("5") int maxSendsPerHour) {
    }

    /** @param matchThreshold the lowest per-field match percentage Dukcapil may answer for a pass (0-100) */
    public record Nik(@DefaultValue("90") int matchThreshold) {
    }

    /**
     * @param maxImageSize the largest KTP photo or selfie accepted
     * @param passScore    face-match score from which the layer passes
     * @param reviewScore  score from which an operator decides; below it the attempt fails
     */
    public record Kyc(@DefaultValue("2MB") DataSize maxImageSize, @DefaultValue("80") int passScore,
            @DefaultValue("60") int reviewScore) {
    }

    /**
     * @param pollInterval how often due checks are looked for
     * @param batchSize    cases claimed per poll
     * @param concurrency  partner calls in flight at once
     * @param lease        how long a claimed check is reserved for the instance that claimed it
     * @param firstWait    the wait after a partner was unavailable, doubled each time ...
     * @param maxWait      ... up to this
     */
    public record Checks(@DefaultValue("500ms") Duration pollInterval, @DefaultValue("50") int batchSize,
            @DefaultValue("4") int concurrency, @DefaultValue("2m") Duration lease,
            @DefaultValue("5s") Duration firstWait, @DefaultValue("5m") Duration maxWait) {

        /** The wait before the next try after {@code waits} unavailable answers in a row (1 for the first). */
        public Duration waitAfter(int waits) {
            long factor = 1L << Math.min(Math.max(waits - 1, 0), 20);
            Duration wait = firstWait.multipliedBy(factor);
            return wait.compareTo(maxWait) > 0 ? maxWait : wait;
        }
    }
}
