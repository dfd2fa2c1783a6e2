package id.go.prakerja.verification.verificationcase;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.verification.SealedApplicantData;

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

    public CaseOpening(VerificationCaseRepository cases, PersonalDataCrypto crypto) {
        this.cases = cases;
        this.crypto = crypto;
    }

    public void open(EventEnvelope<ParticipantRegistered> event) {
        if (cases.existsById(event.participantId())) {
            log.info("verification case of {} already open; event {} changes nothing", event.participantId(), event.eventId());
            return;
        }
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
        cases.save(VerificationCase.open(event.participantId(), applicant, event.occurredAt(), event.eventId()));
        log.info("verification case of {} opened (province {})", event.participantId(), registered.province());
    }
}
