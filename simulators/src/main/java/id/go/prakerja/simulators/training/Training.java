package id.go.prakerja.simulators.training;

/**
 * A training offered on a platform.
 *
 * @param price whole rupiah, 100,000 to 1,000,000
 * @param mode  ONLINE or OFFLINE
 */
public record Training(String trainingId, String platformCode, String title, long price, int durationHours,
                       String category, String provider, String description, String mode) {
}
