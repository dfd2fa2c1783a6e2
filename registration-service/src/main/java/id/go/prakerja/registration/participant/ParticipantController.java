package id.go.prakerja.registration.participant;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.events.registration.Education;
import id.go.prakerja.events.registration.JobStatus;
import id.go.prakerja.events.registration.Sex;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.support.security.CurrentParticipant;
import id.go.prakerja.support.web.ProblemException;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/v1/participants")
@Tag(name = "Participants")
public class ParticipantController {

    private final ParticipantRegistration registration;
    private final ParticipantRepository participants;
    private final PersonalDataCrypto crypto;
    private final ProfileUpdate profileUpdate;

    public ParticipantController(ParticipantRegistration registration, ParticipantRepository participants,
            PersonalDataCrypto crypto, ProfileUpdate profileUpdate) {
        this.registration = registration;
        this.participants = participants;
        this.crypto = crypto;
        this.profileUpdate = profileUpdate;
    }

    @PostMapping
    public ResponseEntity<Registered> register(@Valid @RequestBody RegistrationRequest request) {
        Participant participant = registration.register(request);
        return ResponseEntity.created(URI.create("/api/v1/participants/me"))
                .body(new Registered(participant.id(), participant.status(), participant.registeredAt()));
    }

    @GetMapping("/me")
    public Profile me(Authentication authentication) {
        UUID id = CurrentParticipant.id(authentication);
        return profile(participants.findById(id)
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "PARTICIPANT_NOT_FOUND")));
    }

    /** Changes the caller's own email, phone, address, education or job status; identity fields stay as registered. */
    @PatchMapping("/me")
    public Profile update(@Valid @RequestBody ProfileUpdate.Changes changes, Authentication authentication) {
        return profile(profileUpdate.apply(CurrentParticipant.id(authentication), changes));
    }

    private Profile profile(Participant p) {
        return new Profile(p.id(), PersonalDataCrypto.mask(crypto.decryptAtRest(p.nikSealed(), SealedParticipantData.nik(p.id()))),
                PersonalDataCrypto.mask(crypto.decryptAtRest(p.kkSealed(), SealedParticipantData.kk(p.id()))), p.fullName(), p.birthPlace(),
                p.birthDate(), p.sex(), p.email(), p.phone(), p.address(), p.provinceCode(), p.regencyCode(),
                p.education(), p.jobStatus(), p.status(), p.registeredAt());
    }

    public record Registered(UUID participantId, Participant.Status status, Instant registeredAt) {
    }

    public record Profile(UUID participantId, String nik, String kkNumber, String fullName, String birthPlace,
            LocalDate birthDate, Sex sex, String email, String phone, String address, String provinceCode,
            String regencyCode, Education education, JobStatus jobStatus, Participant.Status status,
            Instant registeredAt) {
    }
}
