package id.go.prakerja.registration.participant;

import java.util.Optional;
import java.util.regex.Pattern;

/** Indonesian mobile numbers, normalised to E.164 ({@code +628...}) so one person has one spelling. */
public final class PhoneNumber {

    private static final Pattern MOBILE = Pattern.compile("\\+628[1-9][0-9]{6,10}");

    private PhoneNumber() {
    }

    /** {@code 0812...}, {@code 62812...}, {@code +62 812-...} all give {@code +62812...}; anything else is empty. */
    public static Optional<String> normalise(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String digits = text.replaceAll("[\\s\\-().]", "");
        String e164;
        if (digits.startsWith("+62")) {
            e164 = digits;
        } else if (digits.startsWith("62")) {
            e164 = "+" + digits;
        } else if (digits.startsWith("0")) {
            e164 = "+62" + digits.substring(1);
        } else {
            return Optional.empty();
        }
        return MOBILE.matcher(e164).matches() ? Optional.of(e164) : Optional.empty();
    }
}
