package id.go.prakerja.events.training;

/** Why a voucher ended unredeemed ({@link VoucherLapsed}). */
public enum VoucherLapseReason {
    /** Not redeemed within its validity (the purchase's status becomes EXPIRED). */
    EXPIRED,
    /** The programme ended before it was redeemed (EXPIRED). */
    PROGRAMME_END,
    /** Participation was revoked before it was redeemed (VOIDED). */
    REVOKED
}
