package id.go.prakerja.support.otp;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

import org.springframework.http.HttpStatus;

import id.go.prakerja.support.web.ProblemException;

/**
 * The rules every one-time code follows, for login (registration) and the e-mail and phone
 * layers (verification): six random digits, a wait between two codes, and a maximum per hour.
 */
public final class OneTimeCodes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OneTimeCodes() {
    }

    public static String newCode() {
        return "%06d".formatted(RANDOM.nextInt(1_000_000));
    }

    /** Where the hourly limit starts counting: codes created after this instant count. */
    public static Instant hourBefore(Instant now) {
        return now.minus(Duration.ofHours(1));
    }

    /**
     * Refuses another code with 429 {@code OTP_TOO_SOON} (argument: seconds to wait) while the last
     * one is younger than {@code resendAfter}, or {@code OTP_TOO_MANY} once {@code maxPerHour} were
     * sent in the last hour.
     *
     * @param lastSentAt when the last code that counts was created; null if there is none
     */
    public static void requireMaySend(Instant lastSentAt, long sentInLastHour, Instant now, Duration resendAfter,
            int maxPerHour) {
        if (lastSentAt != null) {
            Duration since = Duration.between(lastSentAt, now);
            if (since.compareTo(resendAfter) < 0) {
                throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "OTP_TOO_SOON",
                        resendAfter.minus(since).toSeconds() + 1);
            }
        }
        if (sentInLastHour >= maxPerHour) {
            throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "OTP_TOO_MANY");
        }
    }
}
