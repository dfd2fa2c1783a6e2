package id.go.prakerja.training.notification;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How amounts and dates read in a notice: Rp1.000.000, 27 November 2026 (Jakarta time). */
public final class NoticeTexts {

    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("id"));
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm 'WIB'",
            Locale.forLanguageTag("id"));

    private NoticeTexts() {
    }

    /** Characters of an e-mail subject (column {@code notification.subject}). */
    public static final int MAX_SUBJECT = 200;

    /**
     * A subject that fits its column: one longer than {@value #MAX_SUBJECT} characters (a training's
     * title may have 300) is cut at a character and ends with an ellipsis.
     */
    public static String subject(String text) {
        if (text == null || text.codePointCount(0, text.length()) <= MAX_SUBJECT) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_SUBJECT - 1)).stripTrailing() + "\u2026";
    }

    public static String rupiah(long amount) {
        return "Rp" + NumberFormat.getIntegerInstance(Locale.forLanguageTag("id")).format(amount);
    }

    public static String day(Instant at) {
        return DAY.format(at.atZone(JAKARTA));
    }

    public static String dayTime(Instant at) {
        return DAY_TIME.format(at.atZone(JAKARTA));
    }
}
