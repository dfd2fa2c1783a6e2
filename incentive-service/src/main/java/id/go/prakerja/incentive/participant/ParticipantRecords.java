package id.go.prakerja.incentive.participant;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.cohort.ParticipantSelected;
import id.go.prakerja.events.registration.ParticipantProfileUpdated;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.events.registration.ParticipantRevoked;
import id.go.prakerja.support.crypto.PersonalDataCrypto;

/**
 * This service's copy of what it needs about a participant, kept from other services' events.
 * Events of different topics may arrive in any order, so each one creates the row if it is
 * missing and fills in only its own columns. Runs inside the consumer's transaction.
 */
@Service
public class ParticipantRecords {

    private static final Logger log = LoggerFactory.getLogger(ParticipantRecords.class);

    private final JdbcTemplate jdbc;
    private final PersonalDataCrypto crypto;

    public ParticipantRecords(JdbcTemplate jdbc, PersonalDataCrypto crypto) {
        this.jdbc = jdbc;
        this.crypto = crypto;
    }

    /** What a payout-account link needs: the NIK opened from its seal, the name and the phone. */
    public record Identity(UUID participantId, String nik, String fullName, String phone, boolean revoked) {
        @Override
        public String toString() {
            return "Identity[" + participantId + "]";
        }
    }

    public void ensureExists(UUID participantId) {
        jdbc.update("insert into participant (participant_id) values (?) on conflict do nothing", participantId);
    }

    public void registered(EventEnvelope<ParticipantRegistered> event) {
        UUID id = event.participantId();
        ParticipantRegistered p = event.payload();
        String nik = crypto.decryptFromTransport(p.nik(), SealedParticipantData.nikFromRegistration(id));
        ensureExists(id);
        jdbc.update("""
                update participant set nik_sealed = ?, full_name = ?, phone = ?, email = ?, province = ?
                 where participant_id = ?""",
                crypto.encryptAtRest(nik, SealedParticipantData.nik(id)), p.fullName(), p.phone(), p.email(),
                p.province(), id);
        log.info("participant {} known (province {})", id, p.province());
    }

    /**
     * The registrations of one batch at once, with the effect of {@link #registered} one after
     * another (a participant registered twice keeps the later details): every NIK is opened and
     * sealed for rest first, so one that cannot be opened fails the batch before anything is
     * written, then one statement writes all rows.
     */
    public void registeredAll(List<EventEnvelope<ParticipantRegistered>> events) {
        Map<UUID, EventEnvelope<ParticipantRegistered>> latest = new TreeMap<>(); // rows locked in one order
        events.forEach(event -> latest.put(event.participantId(), event));
        List<String> sealed = new ArrayList<>(latest.size());
        for (var event : latest.values()) {
            UUID id = event.participantId();
            String nik = crypto.decryptFromTransport(event.payload().nik(), SealedParticipantData.nikFromRegistration(id));
            sealed.add(crypto.encryptAtRest(nik, SealedParticipantData.nik(id)));
        }
        List<ParticipantRegistered> payloads = latest.values().stream().map(EventEnvelope::payload).toList();
        jdbc.update(con -> {
            PreparedStatement upsert = con.prepareStatement("""
                    insert into participant (participant_id, nik_sealed, full_name, phone, email, province)
                    select * from unnest(?::uuid[], ?::text[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[])
                    on conflict (participant_id) do update set nik_sealed = excluded.nik_sealed,
                        full_name = excluded.full_name, phone = excluded.phone, email = excluded.email,
                        province = excluded.province""");
            upsert.setArray(1, con.createArrayOf("uuid", latest.keySet().toArray()));
            upsert.setArray(2, con.createArrayOf("text", sealed.toArray()));
            upsert.setArray(3, con.createArrayOf("varchar", payloads.stream().map(ParticipantRegistered::fullName).toArray()));
            upsert.setArray(4, con.createArrayOf("varchar", payloads.stream().map(ParticipantRegistered::phone).toArray()));
            upsert.setArray(5, con.createArrayOf("varchar", payloads.stream().map(ParticipantRegistered::email).toArray()));
            upsert.setArray(6, con.createArrayOf("varchar", payloads.stream().map(ParticipantRegistered::province).toArray()));
            return upsert;
        });
        latest.values().forEach(event -> log.info("participant {} known (province {})", event.participantId(),
                event.payload().province()));
    }

    public void profileUpdated(EventEnvelope<ParticipantProfileUpdated> event) {
        UUID id = event.participantId();
        Map<String, String> changed = event.payload().changedFields();
        ensureExists(id);
        Map<String, String> columns = Map.of("fullName", "full_name", "phone", "phone", "email", "email",
                "province", "province");
        columns.forEach((field, column) -> {
            if (changed.containsKey(field)) {
                jdbc.update("update participant set " + column + " = ? where participant_id = ?", changed.get(field), id);
            }
        });
        if (changed.containsKey("nik")) {
            String nik = crypto.decryptFromTransport(changed.get("nik"), SealedParticipantData.nikFromRegistration(id));
            jdbc.update("update participant set nik_sealed = ? where participant_id = ?",
                    crypto.encryptAtRest(nik, SealedParticipantData.nik(id)), id);
        }
    }

    public void selected(EventEnvelope<ParticipantSelected> event) {
        ensureExists(event.participantId());
        jdbc.update("update participant set wave_number = ? where participant_id = ?", event.payload().waveNumber(),
                event.participantId());
    }

    /** Revoked: nothing further is requested; the scheduler and the entitlement check this. */
    public void revoked(EventEnvelope<ParticipantRevoked> event) {
        ensureExists(event.participantId());
        // tranches first, then the participant: the payout runner locks in that order too, so the
        // two wait for each other instead of deadlocking; a tranche it requested meanwhile may finish
        int cancelled = jdbc.update("""
                update tranche set status = 'CANCELLED' where participant_id = ? and status in ('SCHEDULED', 'FAILED', 'HELD')""",
                event.participantId());
        int changed = jdbc.update("""
                update participant set revoked_at = ?, revocation_reason = ? where participant_id = ? and revoked_at is null""",
                Timestamp.from(event.payload().revokedAt()), event.payload().reason().name(), event.participantId());
        if (changed > 0) {
            log.info("participant {} revoked ({}); {} tranche(s) not yet requested are cancelled", event.participantId(),
                    event.payload().reason(), cancelled);
        }
    }

    /** The participant's identity under a row lock, so that link requests of one participant take turns. */
    public Optional<Identity> lockIdentity(UUID participantId) {
        return jdbc.query("""
                select nik_sealed, full_name, phone, revoked_at from participant where participant_id = ? for update""",
                (rs, i) -> {
                    String sealed = rs.getString(1);
                    return new Identity(participantId,
                            sealed == null ? null : crypto.decryptAtRest(sealed, SealedParticipantData.nik(participantId)),
                            rs.getString(2), rs.getString(3), rs.getTimestamp(4) != null);
                }, participantId).stream().findFirst();
    }
}
