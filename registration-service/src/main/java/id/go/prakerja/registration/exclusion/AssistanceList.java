package id.go.prakerja.registration.exclusion;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import id.go.prakerja.registration.participant.Nik;

/**
 * Reads a social-assistance recipient list as the ministries hand it over: one NIK per line, or
 * CSV/TSV/semicolon rows whose first column is the NIK, optionally with a header row, quotes,
 * blank lines and {@code #} comments. Every line that is not a valid NIK is reported by number,
 * never by content (it may be someone's NIK with a typo).
 */
public final class AssistanceList {

    private static final Pattern SEPARATOR = Pattern.compile("[,;\\t|]");

    /** A line that could not be read as a NIK. */
    public record Invalid(long line, String code) {
    }

    private final Set<String> niks = new LinkedHashSet<>();
    private final List<Invalid> invalid = new ArrayList<>();
    private long duplicates;
    private long lines;

    /** Takes the next line of the list. */
    public void accept(String raw) {
        lines++;
        String line = raw.strip();
        if (lines == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
            line = line.substring(1).strip(); // a byte-order mark from a spreadsheet export
        }
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        String first = SEPARATOR.split(line, 2)[0].strip();
        if (first.length() >= 2 && first.startsWith("\"") && first.endsWith("\"")) {
            first = first.substring(1, first.length() - 1).strip();
        }
        if (lines == 1 && !first.isEmpty() && first.chars().noneMatch(Character::isDigit)) {
            return; // a header row
        }
        Nik.Problem problem = Nik.check(first);
        if (problem != null) {
            invalid.add(new Invalid(lines, problem.name()));
        } else if (!niks.add(first)) {
            duplicates++;
        }
    }

    /** The distinct valid NIKs read so far, in list order. */
    public Set<String> niks() {
        return niks;
    }

    public List<Invalid> invalid() {
        return invalid;
    }

    /** Valid NIKs that appeared more than once. */
    public long duplicates() {
        return duplicates;
    }

    public long lines() {
        return lines;
    }
}
