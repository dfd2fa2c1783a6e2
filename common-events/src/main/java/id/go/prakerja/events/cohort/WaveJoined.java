package id.go.prakerja.events.cohort;

import java.time.Instant;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

/**
 * A verified participant applied to a wave (gelombang) and waits for its selection. Keyed by the
 * participant; published once per application (joining the same wave twice is joining once).
 */
public record WaveJoined(int waveNumber, String province, Instant joinedAt) implements DomainEvent {

    public WaveJoined {
        Require.that(waveNumber >= 1, "waveNumber must be >= 1, was " + waveNumber);
        Require.digits(province, 2, "province");
        Require.notNull(joinedAt, "joinedAt");
    }
}
