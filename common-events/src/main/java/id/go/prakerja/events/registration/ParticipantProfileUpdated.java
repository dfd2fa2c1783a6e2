package id.go.prakerja.events.registration;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A participant changed profile fields.
 *
 * @param changedFields field name (as in {@link ParticipantRegistered}) to its new value; a new
 *                      {@code nik} or {@code kkNumber} is field-encrypted like at registration
 */
public record ParticipantProfileUpdated(Map<String, String> changedFields, Instant updatedAt)
        implements DomainEvent {

    public ParticipantProfileUpdated {
        Require.notNull(changedFields, "changedFields");
        Require.that(!changedFields.isEmpty(), "changedFields must not be empty");
        changedFields.forEach((field, value) -> {
            Require.notBlank(field, "changed field name");
            Require.notNull(value, "new value of " + field);
        });
        changedFields = Collections.unmodifiableMap(new TreeMap<>(changedFields));
        Require.notNull(updatedAt, "updatedAt");
    }

    /** New values may be personal data; only the field names are logged. */
    @Override
    public String toString() {
        return "ParticipantProfileUpdated[changedFields=" + changedFields.keySet() + ", updatedAt=" + updatedAt + "]";
    }
}
