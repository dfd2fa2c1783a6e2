package id.go.prakerja.simulators.training;

import java.util.Locale;
import java.util.Optional;

/** The eight digital platforms of 2020, with roughly their share of the ~1,500 trainings. */
public enum TrainingPlatform {
    TOKOPEDIA("Tokopedia", 300),
    BUKALAPAK("Bukalapak", 150),
    SKILL_ACADEMY("Skill Academy by Ruangguru", 350),
    PINTARIA("Pintaria", 180),
    SEKOLAHMU("Sekolahmu", 220),
    PIJAR_MAHIR("Pijar Mahir", 150),
    MAUBELAJARAPA("MauBelajarApa", 120),
    SISNAKER("Sisnaker Kemnaker", 30);

    private final String displayName;
    private final int catalogueSize;

    TrainingPlatform(String displayName, int catalogueSize) {
        this.displayName = displayName;
        this.catalogueSize = catalogueSize;
    }

    public String displayName() {
        return displayName;
    }

    public int catalogueSize() {
        return catalogueSize;
    }

    /** The default webhook secret, e.g. {@code skill-academy-local-webhook-secret}. */
    public String defaultWebhookSecret() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-') + "-local-webhook-secret";
    }

    public static Optional<TrainingPlatform> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(code.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
