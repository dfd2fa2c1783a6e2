package id.go.prakerja.registration.grievance;

import java.util.Optional;

/**
 * What a grievance's text, or an operator's answer, must be: present, between the limits in
 * length once trimmed, and free of NUL and other control characters (line breaks and tabs are
 * text). A control character would reach an SMS, an e-mail or an operator's screen unseen.
 */
public final class GrievanceText {

    private GrievanceText() {
    }

    /** @return the field code of the text's problem, empty when it is acceptable */
    public static Optional<String> problem(String text, int minLength, int maxLength) {
        if (text == null || text.isBlank()) {
            return Optional.of("NotBlank");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t'
                    || Character.getType(c) == Character.FORMAT && c != '\u200d'
                    || Character.isSurrogate(c) && !validSurrogate(text, i)) {
                return Optional.of("TEXT_CONTROL_CHARACTER");
            }
        }
        int length = text.strip().codePointCount(0, text.strip().length());
        if (length < minLength || length > maxLength) {
            return Optional.of("TEXT_LENGTH");
        }
        return Optional.empty();
    }

    private static boolean validSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
