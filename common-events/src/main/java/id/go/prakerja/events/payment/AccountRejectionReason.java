package id.go.prakerja.events.payment;

/** Why a partner did not accept a payout account. */
public enum AccountRejectionReason {
    /** The account exists but its owner has not completed the partner's KYC ("upgraded"). */
    NOT_KYC,
    NAME_MISMATCH,
    NIK_MISMATCH,
    /** The e-wallet's phone is not the participant's registered phone. */
    PHONE_MISMATCH,
    INACTIVE,
    NOT_FOUND
}
