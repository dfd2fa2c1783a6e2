package id.go.prakerja.simulators.training;

/**
 * What happened when the completion webhook was POSTed.
 *
 * @param webhookStatus   the platform's HTTP status
 * @param webhookResponse its response body
 * @param body            the exact JSON that was sent and signed
 */
public record WebhookDelivery(int webhookStatus, String webhookResponse, String eventId, String body,
                              String timestamp, String signature) {
}
