package id.go.prakerja.verification.verificationcase;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.verification.SealedApplicantData;
import jakarta.persistence.EntityManager;

/**
 * Opens a participant's case from their registration. Runs inside the consumer's
 * transaction; a second registration event for a participant who already has a case
 * (a replay, a duplicate from the producer) leaves the case as it is.
 */
@Service
public class CaseOpening {

    private static final Logger log = LoggerFactory.getLogger(CaseOpening.class);

    private final VerificationCaseRepository cases;
    private final PersonalDataCrypto crypto;
    private final EntityManager entities;

    public CaseOpening(VerificationCaseRepository cases, PersonalDataCrypto crypto, EntityManager entities) {
        this.cases = cases;
        this.crypto = crypto;
        this.entities = entities;
    }

    public void open(EventEnvelope<ParticipantRegistered> event) {
        if (cases.existsById(event.participantId())) {
            log.info("verification case of {} already open; event {} changes nothing", event.participantId(), event.eventId());
            return;
        }
        cases.save(opened(event));
        log.info("verification case of {} opened (province {})", event.participantId(), event.payload().province());
    }

    /**
     * The registrations of one batch at once, with the effect of {@link #open} one after another:
     * the first registration of a participant without a case opens it, any other changes nothing.
     * One query finds the cases already open; every new case is sealed before any is written, so
     * an event that cannot be opened fails the batch before anything is kept.
     */
    public void openAll(List<EventEnvelope<ParticipantRegistered>> events) {
        Map<UUID, EventEnvelope<ParticipantRegistered>> first = new LinkedHashMap<>();
        events.forEach(event -> first.putIfAbsent(event.participantId(), event));
        Set<UUID> open = new HashSet<>(cases.findOpen(first.keySet()));
        List<VerificationCase> opened = new ArrayList<>(first.size());
        for (EventEnvelope<ParticipantRegistered> event : events) {
            if (first.get(event.participantId()) != event || open.contains(event.participantId())) {
                log.info("verification case of {} already open; event {} changes nothing", event.participantId(), event.eventId());
            } else {
                opened.add(opened(event));
            }
        }
        // persisted as new (their ids were just found free): no look-up of each before its insert
        for (VerificationCase c : opened) {
            entities.persist(c);
            log.info("verification case of {} opened (province {})", c.participantId(), first.get(c.participantId()).payload()
                    .province());
        }
    }

    private VerificationCase opened(EventEnvelope<ParticipantRegistered> event) {
        ParticipantRegistered registered = event.payload();
        UUID participant = event.participantId();
        // re-sealed with this service's own at-rest key: the transport key protects the wire only
        var applicant = new VerificationCase.Applicant(
                crypto.encryptAtRest(crypto.decryptFromTransport(registered.nik(), SealedApplicantData.nikOnTheWire(participant)),
                        SealedApplicantData.nik(participant)), registered.nikHash(),
                crypto.encryptAtRest(crypto.decryptFromTransport(registered.kkNumber(),
                        SealedApplicantData.kkOnTheWire(participant)), SealedApplicantData.kk(participant)),
                registered.fullName(),
                registered.birthPlace(), registered.birthDate(), registered.email(), registered.phone(),
                registered.province());
        return VerificationCase.open(participant, applicant, event.occurredAt(), event.eventId());
    }
}
