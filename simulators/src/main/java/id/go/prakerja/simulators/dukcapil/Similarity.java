package id.go.prakerja.simulators.dukcapil;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How alike two names (or places) are, as a whole percentage, the way Dukcapil's verify-by-element
 * reports it: normalised Levenshtein distance on upper-cased text with punctuation, accents and
 * repeated spaces removed ("M. Yusuf" and "M YUSUF" are the same name).
 */
public final class Similarity {

    private Similarity() {
    }

    public static int percentage(String a, String b) {
        String x = normalize(a);
        String y = normalize(b);
        int longest = Math.max(x.length(), y.length());
        if (longest == 0) {
            return 100;
        }
        int distance = levenshtein(x, y);
        // floor, not round: a name that is almost at the threshold must not be rounded into a match
        return (int) Math.floor(100.0 * (longest - distance) / longest);
    }

    /** Places are compared without their administrative prefix ("KOTA BANDUNG" is "BANDUNG"). */
    public static int placePercentage(String a, String b) {
        return percentage(stripPlacePrefix(a), stripPlacePrefix(b));
    }

    static String normalize(String s) {
        if (s == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return decomposed.toUpperCase(Locale.ROOT)
                .replaceAll("[^A-Z0-9 ]", " ")
                .replaceAll("\\s+", " ")
                .trim();
    }

    private static String stripPlacePrefix(String place) {
        return normalize(place).replaceFirst("^(KOTA|KABUPATEN|KAB|KOTAMADYA) ", "");
    }

    static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
