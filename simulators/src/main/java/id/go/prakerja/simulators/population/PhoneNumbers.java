package id.go.prakerja.simulators.population;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Indonesian mobile numbers. Parties disagree on the format: the SMS gateway wants E.164
 * ({@code +628…}), OVO only takes the national form ({@code 08…}), others take anything.
 */
public final class PhoneNumbers {

    /** E.164 Indonesian mobile: +62, then 8, then 8 to 11 more digits (10 to 13 digits nationally). */
    public static final Pattern E164_MOBILE = Pattern.compile("\\+628\\d{8,11}");
    public static final Pattern NATIONAL_MOBILE = Pattern.compile("08\\d{8,11}");

    private PhoneNumbers() {
    }

    public static boolean isE164Mobile(String phone) {
        return phone != null && E164_MOBILE.matcher(phone).matches();
    }

    public static boolean isNationalMobile(String phone) {
        return phone != null && NATIONAL_MOBILE.matcher(phone).matches();
    }

    /** {@code +628…}, {@code 628…} or {@code 08…} (spaces and dashes ignored) to {@code 08…}. */
    public static Optional<String> toNational(String phone) {
        if (phone == null) {
            return Optional.empty();
        }
        String p = phone.replaceAll("[\\s-]", "");
        if (p.startsWith("+62")) {
            p = "0" + p.substring(3);
        } else if (p.startsWith("62")) {
            p = "0" + p.substring(2);
        }
        return isNationalMobile(p) ? Optional.of(p) : Optional.empty();
    }

    /** Any accepted form to E.164 {@code +628…}. */
    public static Optional<String> toE164(String phone) {
        return toNational(phone).map(n -> "+62" + n.substring(1));
    }
}
