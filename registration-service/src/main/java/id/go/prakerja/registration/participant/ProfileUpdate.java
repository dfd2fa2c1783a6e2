package id.go.prakerja.registration.participant;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.registration.Education;
import id.go.prakerja.events.registration.JobStatus;
import id.go.prakerja.events.registration.ParticipantProfileUpdated;
import id.go.prakerja.support.outbox.Outbox;
import id.go.prakerja.support.web.ProblemException;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/** A participant changing their own contact and situation; announced so verification can re-check what changed. */
@Service
public class ProfileUpdate {

    private final ParticipantRepository participants;
    private final Outbox outbox;
    private final Clock clock;

    public ProfileUpdate(ParticipantRepository participants, Outbox outbox, Clock clock) {
        this.participants = participants;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Every field optional: what is absent stays as it is. */
    public record Changes(@Email @Size(max = 254) String email, String phone, @Size(min = 1, max = 500) String address,
            Education education, JobStatus jobStatus) {
    }

    @Transactional
    public Participant apply(UUID participantId, Changes changes) {
        Participant participant = participants.findById(participantId)
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "PARTICIPANT_NOT_FOUND"));
        String phone = null;
        if (changes.phone() != null) {
            phone = PhoneNumber.normalise(changes.phone()).orElseThrow(() -> new ProblemException(HttpStatus.BAD_REQUEST,
                    "VALIDATION", List.of(new ProblemException.FieldProblem("phone", "PHONE_FORMAT"))));
            if (!phone.equals(participant.phone()) && participants.existsByPhone(phone)) {
                throw new ProblemException(HttpStatus.CONFLICT, "PHONE_ALREADY_REGISTERED");
            }
        }
        String email = changes.email() == null ? null : changes.email().trim().toLowerCase(Locale.ROOT);
        if (email != null && !email.equals(participant.email()) && participants.existsByEmail(email)) {
            throw new ProblemException(HttpStatus.CONFLICT, "EMAIL_ALREADY_REGISTERED");
        }
        Map<String, String> changed = participant.update(email, phone,
                changes.address() == null ? null : changes.address().trim(), changes.education(), changes.jobStatus());
        try {
            participants.flush(); // here, not at commit, so a taken e-mail or phone is answered with its own code
        } catch (DataIntegrityViolationException e) {
            throw ParticipantRegistration.duplicate(e);
        }
        if (!changed.isEmpty()) {
            Instant now = clock.instant();
            outbox.publish(EventEnvelope.of(new ParticipantProfileUpdated(changed, now), participantId, UUID.randomUUID(),
                    null, now));
        }
        return participant;
    }
}
