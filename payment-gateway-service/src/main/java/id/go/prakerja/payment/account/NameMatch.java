package id.go.prakerja.payment.account;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compares the participant's name with the holder's name a partner gives, the way a person at a
 * bank counter would: case, spacing and punctuation do not count; titles and degrees (H., Hj.,
 * Ir., Dr., S.Kom, S.E., …) are dropped; "Muhammad", "Muhamad", "Mohammad", "Moch." and "M." are one
 * name; old and new spellings (oe/u, dj/j, tj/c, j/y, ch/kh), doubled letters and a final y/i are
 * the same; an initial matches a name with that letter. The score (0 to 100) is the share of both
 * names' words that found a partner in the other, each weighted by how well it matched; the
 * comparison is kept so an operator can see why. Names written joined or apart ("Abdul Rahman",
 * "Abdurrahman") are also compared as one word.
 */
public final class NameMatch {

    /** Titles and degrees, written without dots or spaces, that say nothing about who someone is. */
    private static final Set<String> TITLES = Set.of(
            "H", "HJ", "HAJI", "HAJJAH", "IR", "DR", "DRS", "DRA", "PROF", "KH", "RA", "RM", "RR", "TB", "BPK", "BAPAK",
            "IBU", "SDR", "SDRI", "TN", "NY", "NN", "ST", "SE", "SH", "SKOM", "SPD", "SPDI", "SAG", "SSOS", "SIP",
            "SKM", "SKED", "SPSI", "SSI", "SHUT", "SP", "SFARM", "STP", "SIKOM", "SKEP", "SST", "SHI", "SPT", "STR",
            "AMD", "AMKEP", "AMKEB", "AMA", "BSC", "BA", "MM", "MT", "MSI", "MPD", "MKES", "MKOM", "MH", "MA", "ME",
            "MBA", "MAG", "MSC", "PHD", "MHUM", "MAK", "MKN", "SPOG", "SPA", "SPB", "SPPD");
    private static final Set<String> MUHAMMAD = Set.of(
            "MUHAMMAD", "MUHAMAD", "MUHAMMED", "MUHAMED", "MOHAMMAD", "MOHAMAD", "MOHAMMED", "MOHAMED", "MOCHAMMAD",
            "MOCHAMAD", "MOCH", "MOH", "MOHD", "MUHD", "MUH", "MUCHAMMAD", "MUCHAMAD", "MUCH", "MHD", "MUHAMMADH");

    private NameMatch() {
    }

    /**
     * @param score      0 (nothing alike) to 100 (the same name)
     * @param ours       the participant's name as compared (normalised words)
     * @param theirs     the partner's holder name as compared
     * @param comparison word by word: which word matched which, and how well
     */
    public record Result(int score, List<String> ours, List<String> theirs, String comparison) {

        /** The comparison with every name word masked ({@link #maskWords}): what may be kept and shown to operators. */
        public String maskedComparison() {
            return maskWords(comparison);
        }

        /** Never the names: a result that reaches a log or an error shows the score only. */
        @Override
        public String toString() {
            return "NameMatch.Result[score=" + score + "]";
        }
    }

    /** A name word in a comparison: upper-case letters and digits with at least one letter (scores stay). */
    private static final Pattern NAME_WORD = Pattern.compile("\\b(?=[A-Z0-9]*[A-Z])[A-Z0-9]+\\b");

    /**
     * A {@link Result#comparison()} with each name word masked as {@link #mask} masks a name
     * ({@code BUDI=BUDI(100)} becomes {@code B**I=B**I(100)}): how the words matched stays
     * readable, whose name it was does not. Lower-case notes ("joined", "a name is empty") and
     * scores are kept.
     */
    public static String maskWords(String comparison) {
        if (comparison == null) {
            return null;
        }
        return NAME_WORD.matcher(comparison).replaceAll(m -> maskWord(m.group()));
    }

    public static Result compare(String ourName, String theirName) {
        List<String> ours = words(ourName);
        List<String> theirs = words(theirName);
        if (ours.isEmpty() || theirs.isEmpty()) {
            return new Result(0, ours, theirs, "a name is empty");
        }
        boolean[] used = new boolean[theirs.size()];
        double matched = 0;
        StringBuilder how = new StringBuilder();
        for (String word : ours) {
            int best = -1;
            double bestScore = 0;
            for (int j = 0; j < theirs.size(); j++) {
                if (!used[j]) {
                    double s = wordSimilarity(word, theirs.get(j));
                    if (s > bestScore) {
                        bestScore = s;
                        best = j;
                    }
                }
            }
            if (best >= 0 && bestScore >= 0.75) {
                used[best] = true;
                matched += bestScore;
                how.append(word).append('=').append(theirs.get(best)).append('(').append(Math.round(bestScore * 100)).append(") ");
            } else {
                how.append(word).append("=? ");
            }
        }
        for (int j = 0; j < theirs.size(); j++) {
            if (!used[j]) {
                how.append("?=").append(theirs.get(j)).append(' ');
            }
        }
        int score = (int) Math.round(100 * 2 * matched / (ours.size() + theirs.size()));
        // names written joined or apart ("Abdul Rahman", "Abdurrahman") compare as one word
        double joined = wordSimilarity(canonical(String.join("", ours)), canonical(String.join("", theirs)));
        if (joined >= 0.9 && Math.round(joined * 100) > score) {
            score = (int) Math.round(joined * 100);
            how.append(" | joined ").append(String.join("", ours)).append('=').append(String.join("", theirs))
                    .append('(').append(score).append(')');
        }
        return new Result(Math.min(100, score), ours, theirs, how.toString().trim());
    }

    /** Upper case, accents and punctuation gone, titles dropped, spellings and Muhammad made canonical. */
    static List<String> words(String name) {
        if (name == null) {
            return List.of();
        }
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toUpperCase(Locale.ROOT);
        // "S.Kom" and "S. Kom" are one degree; a dot between letters joins them, other punctuation separates words
        plain = plain.replaceAll("(?<=\\b[A-Z])\\.(?=[A-Z]{1,4}\\b)", "").replace("'", "").replace("`", "");
        List<String> words = new ArrayList<>();
        for (String raw : plain.split("[^A-Z0-9]+")) {
            if (raw.isEmpty() || TITLES.contains(raw)) {
                continue;
            }
            words.add(canonical(raw));
        }
        // a name that was all titles stays itself
        return words.isEmpty() && !plain.isBlank() ? List.of(plain.replaceAll("[^A-Z]", "")) : words;
    }

    static String canonical(String word) {
        if (MUHAMMAD.contains(word)) {
            return "MUHAMMAD";
        }
        String w = word.replace("OE", "U").replace("DJ", "J").replace("TJ", "C").replace("CH", "KH")
                .replace("SJ", "SY").replace("NJ", "NY").replace("J", "Y").replace("Z", "S").replace("PH", "F");
        StringBuilder collapsed = new StringBuilder(w.length());
        for (int i = 0; i < w.length(); i++) {
            if (i == 0 || w.charAt(i) != w.charAt(i - 1)) {
                collapsed.append(w.charAt(i));
            }
        }
        String c = collapsed.toString();
        if (c.length() > 2 && c.endsWith("Y")) {
            c = c.substring(0, c.length() - 1) + "I";
        }
        return c;
    }

    /** 1 for the same word; 0.9 for an initial of it ("M" and "MUHAMMAD"); otherwise by edit distance. */
    static double wordSimilarity(String a, String b) {
        if (a.equals(b)) {
            return 1;
        }
        if ((a.length() == 1 && b.startsWith(a)) || (b.length() == 1 && a.startsWith(b))) {
            return 0.9;
        }
        if (a.length() == 1 || b.length() == 1) {
            return 0;
        }
        int distance = levenshtein(a, b);
        return Math.max(0, 1 - (double) distance / Math.max(a.length(), b.length()));
    }

    private static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The holder's name for the participant to see, each word's first and last letter only: {@code B**I S*****O}. */
    public static String mask(String name) {
        if (name == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String word : name.trim().toUpperCase(Locale.ROOT).split("\\s+")) {
            out.add(maskWord(word));
        }
        return String.join(" ", out);
    }

    private static String maskWord(String word) {
        if (word.length() <= 2) {
            return word.charAt(0) + "*".repeat(word.length() - 1);
        }
        return word.charAt(0) + "*".repeat(word.length() - 2) + word.charAt(word.length() - 1);
    }
}
