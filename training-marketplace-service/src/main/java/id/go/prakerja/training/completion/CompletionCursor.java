package id.go.prakerja.training.completion;

import java.util.Optional;

/**
 * Where the marketplace stands in a platform's list of completions: the position of the last one
 * read, as the platform wrote it (decimal digits, at most 18, so it fits a {@code bigint}; {@code 0}
 * before the first). A cursor a platform gives never goes back: a page whose next cursor is before
 * the one asked for, or that lists completions without moving on, cannot be taken (its completions
 * would be read again, or the pull would never end).
 */
public record CompletionCursor(long position) {

    public static final CompletionCursor START = new CompletionCursor(0);
    private static final int MAX_DIGITS = 18;

    public CompletionCursor {
        if (position < 0) {
            throw new IllegalArgumentException("a cursor is not negative");
        }
    }

    /** A cursor as a platform wrote it; empty when it is not one (blank, signed, not digits, too long). */
    public static Optional<CompletionCursor> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_DIGITS) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
        }
        return Optional.of(new CompletionCursor(Long.parseLong(text)));
    }

    /**
     * Whether a page answered to this cursor can be taken: its next cursor is not before this one, and
     * a page with completions moves on.
     */
    public boolean accepts(CompletionCursor next, int items) {
        return next.position >= position && (items == 0 || next.position > position);
    }

    @Override
    public String toString() {
        return Long.toString(position);
    }
}
