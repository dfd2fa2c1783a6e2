package id.go.prakerja.support.crypto;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where a sealed value belongs: bound into the ciphertext as associated data, so a value opens
 * only where it was sealed. A NIK copied to another participant's row, or into the KK column,
 * or an event field copied into another event, no longer opens.
 *
 * @param place a table at rest, an event type on the wire
 * @param field the column or the event field
 * @param row the row's primary key (parts joined with {@code /}, as PostgreSQL prints them),
 *        or the participant an event speaks for
 */
public record SealContext(String place, String field, String row) {

    public SealContext {
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(row, "row");
    }

    /** A field of an event, bound to the participant the event speaks for (its key). */
    public static SealContext ofEvent(Class<? extends Record> event, String field, java.util.UUID participantId) {
        return of(event.getSimpleName(), field, participantId);
    }

    /** {@code of("kyc_evidence", "selfie", participantId, attempt)}: row {@code <uuid>/<attempt>}. */
    public static SealContext of(String place, String field, Object... rowKey) {
        if (rowKey.length == 0) {
            throw new IllegalArgumentException("a sealed value is bound to a row");
        }
        return new SealContext(place, field,
                Arrays.stream(rowKey).map(part -> String.valueOf(Objects.requireNonNull(part, "row key part")))
                        .collect(Collectors.joining("/")));
    }
}
