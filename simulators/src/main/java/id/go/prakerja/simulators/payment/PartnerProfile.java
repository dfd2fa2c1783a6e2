package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.Party;

/**
 * What makes one payment partner different from another. All four speak Bank Indonesia's SNAP,
 * but each in its own accent, and the platform's adapters must cope with every one of them:
 *
 * <ul>
 *   <li><b>BNI</b> (bank): account inquiry internal (service 15), intrabank transfer (17) to a BNI
 *       account number, transfer status (36); bank accounts are always KYC'd; answers synchronously.</li>
 *   <li><b>LinkAja</b>: e-wallet, {@code /emoney/account-inquiry} (37), {@code /emoney/topup} (38),
 *       {@code /emoney/topup-status} (39); about one top-up in five answers "pending"
 *       ({@code 2023800}) and settles a few seconds later (callback if a URL is set); slowest.</li>
 *   <li><b>OVO</b>: e-wallet, codes 37/38/39; only accepts the national phone format {@code 08…}.</li>
 *   <li><b>GoPay</b>: e-wallet, codes 37/38/39; fastest; confirms every top-up with a callback in its
 *       own (non-SNAP) shape, and delivers each callback twice (at-least-once).</li>
 * </ul>
 *
 * @param contractedRatePerSecond the rate the partner's contract allows; the simulator enforces it
 *                                (429 beyond it) only when asked to ({@code enforceRate})
 */
public record PartnerProfile(
        Party party,
        Kind kind,
        String partnerName,
        String inquiryServiceCode,
        String transferServiceCode,
        String statusServiceCode,
        String inquiryPath,
        String transferPath,
        String statusPath,
        String referencePrefix,
        long latencyMillis,
        int pendingPercent,
        long settleAfterMillis,
        boolean nationalPhoneFormatOnly,
        boolean callbackOnEveryTransfer,
        int callbackCopies,
        CallbackShape callbackShape,
        String upgradedAccountType,
        String basicAccountType,
        long perTransferLimit,
        long basicAccountLimit,
        int contractedRatePerSecond) {

    public static final String TOKEN_SERVICE_CODE = "73";
    public static final String TOKEN_PATH = "/snap/v1.0/access-token/b2b";
    public static final String BANK_INQUIRY_PATH = "/snap/v1.0/account-inquiry-internal";
    public static final String BANK_TRANSFER_PATH = "/snap/v1.0/transfer-intrabank";
    public static final String BANK_STATUS_PATH = "/snap/v1.0/transfer/status";
    public static final String EMONEY_INQUIRY_PATH = "/snap/v1.0/emoney/account-inquiry";
    public static final String EMONEY_TOPUP_PATH = "/snap/v1.0/emoney/topup";
    public static final String EMONEY_STATUS_PATH = "/snap/v1.0/emoney/topup-status";
    /** Not a SNAP service: the partner's daily settlement file, served as a signed call. */
    public static final String SETTLEMENT_PATH = "/snap/v1.0/settlement/report";
    public static final String SETTLEMENT_SERVICE_CODE = "90";
    public static final String BNI_BANK_CODE = "009";

    public enum Kind {
        /** Pays into an account number. */
        BANK,
        /** Tops up a wallet identified by a phone number. */
        EWALLET
    }

    public enum CallbackShape {
        /** SNAP transfer notification: originalPartnerReferenceNo, latestTransactionStatus, … */
        SNAP,
        /** GoPay's own: transactionId, partnerReferenceNo, status "SETTLEMENT"/"PENDING"/"FAILURE", … */
        GOPAY
    }

    public static PartnerProfile of(Party party) {
        return switch (party) {
            case BNI -> new PartnerProfile(party, Kind.BANK, "PT BANK NEGARA INDONESIA (PERSERO) TBK",
                    "15", "17", "36", BANK_INQUIRY_PATH, BANK_TRANSFER_PATH, BANK_STATUS_PATH, "BNI",
                    80, 0, 0, false, false, 1, CallbackShape.SNAP, "TAPLUS", "TAPLUS",
                    100_000_000, Long.MAX_VALUE, 1_000);
            case LINKAJA -> new PartnerProfile(party, Kind.EWALLET, "LINKAJA",
                    "37", "38", "39", EMONEY_INQUIRY_PATH, EMONEY_TOPUP_PATH, EMONEY_STATUS_PATH, "LA",
                    150, 20, 3_000, false, false, 1, CallbackShape.SNAP, "FULL_SERVICE", "BASIC",
                    10_000_000, 2_000_000, 500);
            case OVO -> new PartnerProfile(party, Kind.EWALLET, "OVO",
                    "37", "38", "39", EMONEY_INQUIRY_PATH, EMONEY_TOPUP_PATH, EMONEY_STATUS_PATH, "OVO",
                    60, 0, 2_000, true, false, 1, CallbackShape.SNAP, "PREMIER", "CLUB",
                    10_000_000, 2_000_000, 800);
            case GOPAY -> new PartnerProfile(party, Kind.EWALLET, "GOPAY",
                    "37", "38", "39", EMONEY_INQUIRY_PATH, EMONEY_TOPUP_PATH, EMONEY_STATUS_PATH, "GP",
                    40, 0, 1_000, false, true, 2, CallbackShape.GOPAY, "GOPAY_PLUS", "GOPAY",
                    10_000_000, 2_000_000, 1_200);
            default -> throw new IllegalArgumentException(party + " is not a payment partner");
        };
    }

    public boolean isBank() {
        return kind == Kind.BANK;
    }

    /** The 7-digit SNAP response code: HTTP status, service code, case. */
    public static String code(int httpStatus, String serviceCode, String caseCode) {
        return httpStatus + serviceCode + caseCode;
    }
}
