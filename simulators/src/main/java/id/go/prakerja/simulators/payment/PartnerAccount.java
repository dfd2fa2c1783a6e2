package id.go.prakerja.simulators.payment;

/**
 * An account a payment partner holds: a BNI account number, or an e-wallet registered on a phone.
 *
 * @param accountNumber BNI account number (10 digits), null for e-wallets
 * @param phone         e-wallet phone in national format {@code 08…}, null for BNI
 * @param nik           the owner's NIK as KYC'd by the partner; null for never-upgraded wallets
 * @param kycUpgraded   true when the owner proved their identity ("upgraded"/"premier"/"plus")
 * @param active        false for dormant or blocked accounts, which cannot receive money
 */
public record PartnerAccount(String accountNumber, String phone, String ownerName, String nik,
                             boolean kycUpgraded, boolean active) {

    /** How the partner looks the account up: the account number or the phone. */
    public String key() {
        return accountNumber != null ? accountNumber : phone;
    }
}
