package id.go.prakerja.incentive.account;

import java.util.Optional;
import java.util.regex.Pattern;

import id.go.prakerja.events.incentive.PayoutPartner;

/**
 * What a participant may give as a payout account: a BNI account number (10 to 16 digits), or
 * for an e-wallet (LinkAja, OVO, GoPay) an Indonesian mobile number, normalised to E.164
 * ({@code +628...}) like the phone registration keeps, so the partner compares like with like.
 */
public final class AccountNumbers {

    private static final Pattern BANK_ACCOUNT = Pattern.compile("[0-9]{10,16}");
    private static final Pattern MOBILE = Pattern.compile("\\+628[1-9][0-9]{6,10}");

    private AccountNumbers() {
    }

    public static boolean isEWallet(PayoutPartner partner) {
        return partner != PayoutPartner.BNI;
    }

    /** The account as stored and sent to the partner, or empty when it is not a valid one for this partner. */
    public static Optional<String> normalise(PayoutPartner partner, String text) {
        if (partner == null || text == null) {
            return Optional.empty();
        }
        String compact = text.replaceAll("[\\s\\-().]", "");
        if (!isEWallet(partner)) {
            return BANK_ACCOUNT.matcher(compact).matches() ? Optional.of(compact) : Optional.empty();
        }
        String e164;
        if (compact.startsWith("+62")) {
            e164 = compact;
        } else if (compact.startsWith("62")) {
            e164 = "+" + compact;
        } else if (compact.startsWith("0")) {
            e164 = "+62" + compact.substring(1);
        } else {
            return Optional.empty();
        }
        return MOBILE.matcher(e164).matches() ? Optional.of(e164) : Optional.empty();
    }

    /** Only the last four characters shown: {@code ******7890}. */
    public static String mask(String account) {
        if (account == null || account.length() <= 4) {
            return "****";
        }
        return "*".repeat(account.length() - 4) + account.substring(account.length() - 4);
    }
}
