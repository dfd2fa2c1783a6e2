package id.go.prakerja.events;

/**
 * Invariant checks for event records. They throw {@link IllegalArgumentException}, which
 * {@link EventJson} reports as a {@link MalformedEventException} when a document breaks them.
 */
public final class Require {

    private Require() {
    }

    public static void that(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public static <T> T notNull(T value, String name) {
        that(value != null, name + " is required");
        return value;
    }

    public static String notBlank(String value, String name) {
        that(value != null && !value.isBlank(), name + " must not be blank");
        return value;
    }

    public static long positive(long value, String name) {
        that(value > 0, name + " must be > 0, was " + value);
        return value;
    }

    public static int between(int value, int min, int max, String name) {
        that(value >= min && value <= max, name + " must be in " + min + ".." + max + ", was " + value);
        return value;
    }

    public static String digits(String value, int count, String name) {
        that(value != null && value.length() == count && value.chars().allMatch(c -> c >= '0' && c <= '9'),
                name + " must be " + count + " digits");
        return value;
    }
}
