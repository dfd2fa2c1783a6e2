package id.go.prakerja.console.funnel;

/**
 * The programme's funnel in order, each step with the read-model column that holds when a
 * participant reached it.
 */
public enum FunnelStep {
    REGISTERED("registered_at"),
    EMAIL_VERIFIED("email_passed_at"),
    NIK_VERIFIED("nik_passed_at"),
    PHONE_VERIFIED("phone_passed_at"),
    KYC_VERIFIED("kyc_passed_at"),
    VERIFIED("verified_at"),
    JOINED_WAVE("joined_wave_at"),
    SELECTED("selected_at"),
    FIRST_PURCHASE("first_purchase_at"),
    FIRST_TRAINING_COMPLETED("first_completed_at"),
    RECONCILED("reconciled_at"),
    ACCOUNT_LINKED("account_linked_at"),
    ACCOUNT_VERIFIED("account_verified_at"),
    TRANCHE_1_PAID("tranche_1_paid_at"),
    TRANCHE_2_PAID("tranche_2_paid_at"),
    TRANCHE_3_PAID("tranche_3_paid_at"),
    TRANCHE_4_PAID("tranche_4_paid_at"),
    SURVEY_1_PAID("survey_1_paid_at"),
    SURVEY_2_PAID("survey_2_paid_at"),
    SURVEY_3_PAID("survey_3_paid_at");

    private final String column;

    FunnelStep(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }
}
