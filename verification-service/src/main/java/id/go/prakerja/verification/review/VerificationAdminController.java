package id.go.prakerja.verification.review;

import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.support.web.ProblemException;
import id.go.prakerja.verification.kyc.KycEvidence;
import id.go.prakerja.verification.verificationcase.CaseViews;
import id.go.prakerja.verification.verificationcase.Cases;
import id.go.prakerja.verification.verificationcase.VerificationCase;
import id.go.prakerja.verification.verificationcase.VerificationCaseRepository;
import id.go.prakerja.verification.verificationcase.VerificationCaseView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Operators: cases, the review queue and its decisions, the evidence, and the counts. */
@RestController
@Tag(name = "Verification (operators)")
public class VerificationAdminController {

    private final Cases cases;
    private final VerificationCaseRepository repository;
    private final ReviewDecisions reviews;
    private final VerificationCounts counts;
    private final KycEvidence evidence;
    private final CaseHistory history;
    private final CaseViews views;

    public VerificationAdminController(Cases cases, VerificationCaseRepository repository, ReviewDecisions reviews,
            VerificationCounts counts, KycEvidence evidence, CaseHistory history, CaseViews views) {
        this.cases = cases;
        this.repository = repository;
        this.reviews = reviews;
        this.counts = counts;
        this.evidence = evidence;
        this.history = history;
        this.views = views;
    }

    public record Approval(@Size(max = 500) String note) {
    }

    public record Rejection(
            @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{2,59}") String reasonCode,
            @Size(max = 500) String note) {
    }

    public record CaseDetail(VerificationCaseView verificationCase, List<CaseHistory.Attempt> history) {
    }

    @GetMapping("/admin/verification/cases")
    @Operation(summary = "Cases by status, oldest first")
    public Page<VerificationCaseView> list(@RequestParam(defaultValue = "IN_PROGRESS") VerificationCase.Status status,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page, @RequestParam(defaultValue = "50") int size) {
        return repository.findByStatus(status, pageOf(page, size, "openedAt")).map(views::of);
    }

    @GetMapping("/admin/verification/review-queue")
    @Operation(summary = "Cases waiting for an operator, longest waiting first")
    public Page<VerificationCaseView> reviewQueue(@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "50") int size) {
        return repository.findByStatus(VerificationCase.Status.IN_REVIEW, pageOf(page, size, "reviewSince")).map(views::of);
    }

    @GetMapping("/admin/verification/cases/{participantId}")
    @Operation(summary = "One case with every decided attempt and decision")
    public CaseDetail one(@PathVariable UUID participantId) {
        return new CaseDetail(views.of(cases.find(participantId)), history.of(participantId));
    }

    @PostMapping("/admin/verification/cases/{participantId}/approve")
    @Operation(summary = "Pass the layer in review; the case goes on to the next layer")
    public VerificationCaseView approve(@PathVariable UUID participantId, @Valid @RequestBody(required = false) Approval approval,
            Authentication operator) {
        return views.of(reviews.approve(participantId, operator.getName(), approval == null ? null : approval.note()));
    }

    @PostMapping("/admin/verification/cases/{participantId}/reject")
    @Operation(summary = "Reject the participant, with a reason code")
    public VerificationCaseView reject(@PathVariable UUID participantId, @Valid @RequestBody Rejection rejection,
            Authentication operator) {
        return views.of(reviews.reject(participantId, rejection.reasonCode(), operator.getName(), rejection.note()));
    }

    @GetMapping("/admin/verification/cases/{participantId}/kyc/{image}")
    @Operation(summary = "The KTP photo (ktp-photo) or selfie (selfie) of the newest KYC attempt")
    public ResponseEntity<byte[]> image(@PathVariable UUID participantId, @PathVariable String image) {
        var latest = evidence.latest(participantId)
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "EVIDENCE_NOT_FOUND"));
        return switch (image) {
            case "ktp-photo" -> ResponseEntity.ok().contentType(MediaType.parseMediaType(latest.ktpType()))
                    .header("Cache-Control", "no-store").body(latest.ktpPhoto());
            case "selfie" -> ResponseEntity.ok().contentType(MediaType.parseMediaType(latest.selfieType()))
                    .header("Cache-Control", "no-store").body(latest.selfie());
            default -> throw new ProblemException(HttpStatus.NOT_FOUND, "EVIDENCE_NOT_FOUND");
        };
    }

    @GetMapping("/admin/verification/counts")
    @Operation(summary = "Cases by status, each layer by status, and decided attempts by reason")
    public VerificationCounts.Counts counts() {
        return counts.now();
    }

    private static PageRequest pageOf(int page, int size, String sort) {
        return PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), 200), Sort.by(sort));
    }
}
