package id.go.prakerja.simulators.sms;

import java.time.Instant;

/** A message the simulated handset received. */
public record SmsMessage(String messageId, String to, String text, Instant receivedAt) {
}
