package id.go.prakerja.simulators.payment;

import java.time.Instant;

/**
 * One delivery attempt of a settlement notification to the platform.
 *
 * @param httpStatus the platform's answer, or -1 when it could not be reached
 */
public record CallbackAttempt(String url, String partnerReferenceNo, int attempt, int httpStatus,
                              String body, Instant sentAt) {
}
