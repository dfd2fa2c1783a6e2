package id.go.prakerja.verification.verificationcase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import id.go.prakerja.events.verification.VerificationLayer;
import id.go.prakerja.support.security.CurrentParticipant;
import id.go.prakerja.verification.contact.ContactConfirmation;
import id.go.prakerja.verification.dukcapil.NikRecheck;
import id.go.prakerja.verification.kyc.KycSubmission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** A participant's own verification: the case, and one action per layer. */
@RestController
@Tag(name = "Verification")
public class VerificationController {

    private final Cases cases;
    private final ContactConfirmation contacts;
    private final NikRecheck nikRecheck;
    private final KycSubmission kyc;
    private final CaseViews views;

    public VerificationController(Cases cases, ContactConfirmation contacts, NikRecheck nikRecheck, KycSubmission kyc,
            CaseViews views) {
        this.cases = cases;
        this.contacts = contacts;
        this.nikRecheck = nikRecheck;
        this.kyc = kyc;
        this.views = views;
    }

    public record CodeEntry(@NotBlank @Pattern(regexp = "\\s*\\d{6}\\s*") String code) {
    }

    @GetMapping("/api/v1/verification/me")
    @Operation(summary = "My case: each layer's status, attempts and reason, and whose move it is")
    public VerificationCaseView mine(Authentication authentication) {
        return views.of(cases.find(CurrentParticipant.id(authentication)));
    }

    @PostMapping("/api/v1/verification/me/email/code")
    @Operation(summary = "Send a 6-digit code to my e-mail address")
    public ResponseEntity<ContactConfirmation.CodeSent> sendEmailCode(Authentication authentication) {
        return ResponseEntity.accepted().body(contacts.sendCode(CurrentParticipant.id(authentication), VerificationLayer.EMAIL));
    }

    @PostMapping("/api/v1/verification/me/email")
    @Operation(summary = "Confirm my e-mail address with the code")
    public VerificationCaseView confirmEmail(Authentication authentication, @Valid @RequestBody CodeEntry entry) {
        return views.of(contacts.confirm(CurrentParticipant.id(authentication), VerificationLayer.EMAIL, entry.code()));
    }

    @PostMapping("/api/v1/verification/me/phone/code")
    @Operation(summary = "Send a 6-digit code by SMS to my phone")
    public ResponseEntity<ContactConfirmation.CodeSent> sendPhoneCode(Authentication authentication) {
        return ResponseEntity.accepted().body(contacts.sendCode(CurrentParticipant.id(authentication), VerificationLayer.PHONE));
    }

    @PostMapping("/api/v1/verification/me/phone")
    @Operation(summary = "Confirm my phone number with the code")
    public VerificationCaseView confirmPhone(Authentication authentication, @Valid @RequestBody CodeEntry entry) {
        return views.of(contacts.confirm(CurrentParticipant.id(authentication), VerificationLayer.PHONE, entry.code()));
    }

    @PostMapping("/api/v1/verification/me/nik/recheck")
    @Operation(summary = "Ask Dukcapil again after a failed NIK check (within the attempts left)")
    public ResponseEntity<VerificationCaseView> recheckNik(Authentication authentication) {
        return ResponseEntity.accepted().body(views.of(nikRecheck.request(CurrentParticipant.id(authentication))));
    }

    @PostMapping(path = "/api/v1/verification/me/kyc", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload my KTP photo and a selfie (JPEG or PNG) for the face match")
    public ResponseEntity<VerificationCaseView> submitKyc(Authentication authentication,
            @RequestPart(name = "ktpPhoto", required = false) MultipartFile ktpPhoto,
            @RequestPart(name = "selfie", required = false) MultipartFile selfie) {
        UUID participant = CurrentParticipant.id(authentication);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(views.of(kyc.submit(participant, bytes(ktpPhoto), bytes(selfie))));
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file == null ? null : file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
