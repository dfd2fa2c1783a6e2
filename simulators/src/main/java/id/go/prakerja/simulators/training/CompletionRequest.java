package id.go.prakerja.simulators.training;

/**
 * Asks the simulator to report, as the platform would, that a participant completed a training.
 *
 * @param certificateNumber null: one is made up
 * @param secret            the platform's webhook secret; null: {@link TrainingPlatform#defaultWebhookSecret()}
 */
public record CompletionRequest(String platformCode, String participantId, String purchaseId, String trainingId,
                                String certificateNumber, String webhookUrl, String secret) {
}
