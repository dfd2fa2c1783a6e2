package id.go.prakerja.verification.contact;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.registration.ParticipantProfileUpdated;
import id.go.prakerja.events.verification.VerificationLayer;
import id.go.prakerja.verification.verificationcase.VerificationCaseRepository;

/**
 * A participant changed their e-mail address or phone number at registration: the case takes the
 * new one, and while verification is open, the layer that confirmed the old one starts again.
 * Runs in the consumer's transaction.
 */
@Service
public class ContactChanges {

    private static final Logger log = LoggerFactory.getLogger(ContactChanges.class);
    private static final Map<String, VerificationLayer> CONTACT_FIELDS = Map.of("email", VerificationLayer.EMAIL,
            "phone", VerificationLayer.PHONE);

    private final VerificationCaseRepository cases;

    public ContactChanges(VerificationCaseRepository cases) {
        this.cases = cases;
    }

    public void apply(EventEnvelope<ParticipantProfileUpdated> event) {
        Map<String, String> changed = event.payload().changedFields();
        if (CONTACT_FIELDS.keySet().stream().noneMatch(changed::containsKey)) {
            return;
        }
        cases.findForUpdate(event.participantId()).ifPresentOrElse(c -> CONTACT_FIELDS.forEach((field, layer) -> {
            if (changed.containsKey(field)) {
                boolean reopened = c.contactChanged(layer, changed.get(field), event.occurredAt());
                log.info("{} of {} changed{}", field, event.participantId(), reopened ? "; " + layer + " layer starts again" : "");
            }
        }), () -> log.warn("profile update {} for {} who has no case; ignored", event.eventId(), event.participantId()));
    }
}
