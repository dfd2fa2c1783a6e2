package id.go.prakerja.registration.participant;

import static id.go.prakerja.support.crypto.SealedTable.key;
import static id.go.prakerja.support.crypto.SealedTable.text;

import java.util.List;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.support.crypto.SealContext;
import id.go.prakerja.support.crypto.SealedTable;

/**
 * Where this service keeps NIK and KK sealed, and the contexts they are bound to: a participant's
 * NIK opens only as that participant's NIK. The bean lets the re-encryption job walk the table.
 */
@Configuration(proxyBeanMethods = false)
public class SealedParticipantData {

    public static final SealedTable PARTICIPANT = new SealedTable("participant", List.of(key("id", "uuid")),
            List.of(text("nik_sealed"), text("kk_sealed")));

    public static SealContext nik(UUID participantId) {
        return PARTICIPANT.context("nik_sealed", participantId);
    }

    public static SealContext kk(UUID participantId) {
        return PARTICIPANT.context("kk_sealed", participantId);
    }

    /** NIK in {@link ParticipantRegistered}, bound to the participant the event speaks for. */
    public static SealContext nikOnTheWire(UUID participantId) {
        return SealContext.ofEvent(ParticipantRegistered.class, "nik", participantId);
    }

    public static SealContext kkOnTheWire(UUID participantId) {
        return SealContext.ofEvent(ParticipantRegistered.class, "kkNumber", participantId);
    }

    @Bean
    SealedTable participantSealedColumns() {
        return PARTICIPANT;
    }
}
