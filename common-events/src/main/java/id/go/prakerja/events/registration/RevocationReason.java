package id.go.prakerja.events.registration;

public enum RevocationReason {
    FIRST_PURCHASE_DEADLINE_MISSED, OPERATOR, FRAUD, PARTICIPANT_REQUEST
}
