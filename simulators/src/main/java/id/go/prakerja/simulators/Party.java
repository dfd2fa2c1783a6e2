package id.go.prakerja.simulators;

/**
 * Every outside party the platform talks to. The enum order is the port order: with a base
 * port of 9000, {@code DUKCAPIL} listens on 9000 and {@code EMAIL} on 9008. New parties go at the end, so that
 * no existing port moves.
 */
public enum Party {
    DUKCAPIL,
    SMS,
    FACE_MATCH,
    BNI,
    LINKAJA,
    OVO,
    GOPAY,
    TRAINING_PLATFORMS,
    EMAIL;

    /** True for the four payment partners, which share one SNAP engine. */
    public boolean isPaymentPartner() {
        return this == BNI || this == LINKAJA || this == OVO || this == GOPAY;
    }

    /** Lower-case name used in default credentials and log lines, e.g. {@code linkaja}. */
    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
