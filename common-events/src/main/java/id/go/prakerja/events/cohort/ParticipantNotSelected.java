package id.go.prakerja.events.cohort;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;

/** "Belum berhasil": not selected in this wave; the participant may join the next one. */
public record ParticipantNotSelected(int waveNumber) implements DomainEvent {

    public ParticipantNotSelected {
        Require.that(waveNumber >= 1, "waveNumber must be >= 1, was " + waveNumber);
    }
}
