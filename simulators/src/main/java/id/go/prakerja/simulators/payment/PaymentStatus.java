package id.go.prakerja.simulators.payment;

/** SNAP's {@code latestTransactionStatus} values the simulator uses. */
public enum PaymentStatus {
    SUCCESS("00", "Success"),
    PENDING("03", "Pending"),
    FAILED("06", "Failed");

    private final String snapCode;
    private final String description;

    PaymentStatus(String snapCode, String description) {
        this.snapCode = snapCode;
        this.description = description;
    }

    public String snapCode() {
        return snapCode;
    }

    public String description() {
        return description;
    }
}
