package id.go.prakerja.payment.account;

import java.util.Optional;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.events.payment.AccountRejectionReason;
import id.go.prakerja.payment.partner.AccountLookup;

/**
 * Whether a payout account may receive the participant's incentive, from the partner's account
 * inquiry (plain Java). In the order a participant would fix things: the account must exist, be
 * active, be KYC'd ("upgraded"), belong to the participant's NIK, be on the participant's phone
 * (e-wallets) and carry the participant's name.
 *
 * @param reason        empty when the account is accepted
 * @param holderMasked  for a name or phone mismatch: what the partner holds, masked
 */
public record AccountDecision(Optional<AccountRejectionReason> reason, String holderMasked, NameMatch.Result name,
        String detail) {

    public boolean accepted() {
        return reason.isEmpty();
    }

    public static AccountDecision decide(PayoutPartner partner, AccountLookup account, String nik, String fullName,
            String registeredPhone, int nameThreshold) {
        if (!account.found()) {
            return reject(AccountRejectionReason.NOT_FOUND, null, null, "no such account at " + partner);
        }
        if (!account.active()) {
            return reject(AccountRejectionReason.INACTIVE, null, null, "account not active");
        }
        if (!account.kycUpgraded()) {
            return reject(AccountRejectionReason.NOT_KYC, null, null, "account not upgraded (KYC)");
        }
        if (!nikMatches(account, nik)) {
            return reject(AccountRejectionReason.NIK_MISMATCH, null, null, "NIK differs from the account owner's");
        }
        boolean ewallet = partner != PayoutPartner.BNI;
        if (ewallet && account.phone() != null && !national(account.phone()).equals(national(registeredPhone))) {
            return reject(AccountRejectionReason.PHONE_MISMATCH, maskPhone(national(account.phone())), null,
                    "e-wallet phone differs from the registered phone");
        }
        NameMatch.Result name = NameMatch.compare(fullName, account.holderName());
        if (name.score() < nameThreshold) {
            return reject(AccountRejectionReason.NAME_MISMATCH, NameMatch.mask(account.holderName()), name,
                    "name score " + name.score() + " below " + nameThreshold);
        }
        return new AccountDecision(Optional.empty(), null, name, "name score " + name.score());
    }

    /** The partner's own answer if it gave one; otherwise the visible digits of the NIK it shows must agree. */
    static boolean nikMatches(AccountLookup account, String nik) {
        if (account.nikMatch() != null) {
            return account.nikMatch();
        }
        String masked = account.maskedNik();
        if (masked == null || masked.length() != nik.length()) {
            return false; // a KYC'd account whose NIK the partner will not vouch for
        }
        for (int i = 0; i < masked.length(); i++) {
            char c = masked.charAt(i);
            if (c != '*' && c != nik.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static String national(String phone) {
        String digits = phone == null ? "" : phone.replaceAll("[^0-9]", "");
        return digits.startsWith("62") ? "0" + digits.substring(2) : digits;
    }

    static String maskPhone(String phone) {
        if (phone.length() <= 8) {
            return "*".repeat(phone.length());
        }
        return phone.substring(0, 4) + "*".repeat(phone.length() - 8) + phone.substring(phone.length() - 4);
    }

    private static AccountDecision reject(AccountRejectionReason reason, String holderMasked, NameMatch.Result name, String detail) {
        return new AccountDecision(Optional.of(reason), holderMasked, name, detail);
    }
}
