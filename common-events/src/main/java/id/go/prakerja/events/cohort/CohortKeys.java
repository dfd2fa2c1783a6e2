package id.go.prakerja.events.cohort;

import id.go.prakerja.events.Require;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Envelope keys for events that concern a whole wave rather than one participant.
 *
 * <p>{@link WaveOpened} and {@link WaveClosed} travel with {@code participantId = waveKey(waveNumber)}:
 * the Kafka key must be stable so all events of one wave stay ordered on one partition, and
 * deriving it from the wave number lets every producer and consumer compute it without a lookup.
 */
public final class CohortKeys {

    private CohortKeys() {
    }

    /** A name-based (type 3) UUID of {@code "wave-" + waveNumber}; the same wave always gets the same key. */
    public static UUID waveKey(int waveNumber) {
        Require.that(waveNumber >= 1, "waveNumber must be >= 1, was " + waveNumber);
        return UUID.nameUUIDFromBytes(("wave-" + waveNumber).getBytes(StandardCharsets.UTF_8));
    }
}
