package id.go.prakerja.payment.partner;

/**
 * What a partner's account inquiry told.
 *
 * @param found       false when the partner has no such account (the rest is then null/false)
 * @param holderName  the holder as the partner writes it
 * @param phone       the e-wallet's phone ({@code 08…}), null for bank accounts
 * @param nikMatch    the partner's own NIK comparison, null when it does not expose one
 * @param maskedNik   the NIK as the partner shows it ({@code 3174********0001}), or null
 * @param kycUpgraded whether the owner proved their identity to the partner
 * @param active      whether the account can receive money
 * @param rawCode     the partner's response code, for the record
 */
public record AccountLookup(boolean found, String holderName, String phone, Boolean nikMatch, String maskedNik,
        boolean kycUpgraded, boolean active, String rawCode) {

    public static AccountLookup notFound(String rawCode) {
        return new AccountLookup(false, null, null, null, null, false, false, rawCode);
    }

    @Override
    public String toString() {
        return "AccountLookup[found=" + found + ", kycUpgraded=" + kycUpgraded + ", active=" + active + ", code=" + rawCode + "]";
    }
}
