package id.go.prakerja.training.completion;

import java.time.Instant;
import java.util.List;

/**
 * Where a training platform's completions are read from when its webhooks may have been lost: the
 * completions it knows of, oldest first, after a cursor it gave.
 */
public interface CompletionSource {

    /** A completion as the platform lists it: the same facts its completion webhook carries. */
    record ListedCompletion(String eventId, String voucherCode, String certificateNumber, Instant completedAt) {
    }

    /**
     * One page of a platform's completions.
     *
     * @param nextCursor where the next page starts; the cursor to keep once this page is applied
     * @param more       whether the platform has more after this page
     */
    record Page(List<ListedCompletion> items, CompletionCursor nextCursor, boolean more) {
    }

    /** The platform could not be read (down, slow, refused the request, answered what cannot be read). */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The platform's completions after {@code cursor}, at most {@code limit} of them. */
    Page completionsAfter(String platform, CompletionCursor cursor, int limit);
}
