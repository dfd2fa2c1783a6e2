package id.go.prakerja.verification.verificationcase;

import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.support.security.CurrentParticipant;
import id.go.prakerja.support.web.ProblemException;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Verification")
public class VerificationController {

    private final VerificationCaseRepository cases;
    private final PersonalDataCrypto crypto;

    public VerificationController(VerificationCaseRepository cases, PersonalDataCrypto crypto) {
        this.cases = cases;
        this.crypto = crypto;
    }

    /** The calling participant's own case. */
    @GetMapping("/api/v1/verification/me")
    public VerificationCaseView mine(Authentication authentication) {
        return view(CurrentParticipant.id(authentication));
    }

    @GetMapping("/admin/verification/cases/{participantId}")
    public VerificationCaseView one(@PathVariable UUID participantId) {
        return view(participantId);
    }

    @GetMapping("/admin/verification/cases")
    public Page<VerificationCaseView> list(@RequestParam(defaultValue = "IN_PROGRESS") VerificationCase.Status status,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return cases.findByStatus(status, PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), 200),
                Sort.by("openedAt"))).map(c -> VerificationCaseView.of(c, masked(c)));
    }

    private VerificationCaseView view(UUID participantId) {
        VerificationCase c = cases.findById(participantId)
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "CASE_NOT_FOUND"));
        return VerificationCaseView.of(c, masked(c));
    }

    private String masked(VerificationCase c) {
        return PersonalDataCrypto.mask(crypto.decryptAtRest(c.nikSealed()));
    }
}
