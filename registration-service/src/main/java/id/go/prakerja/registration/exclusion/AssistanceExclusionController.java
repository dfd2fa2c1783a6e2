package id.go.prakerja.registration.exclusion;

import java.io.Reader;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.support.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** Operators: the list of social-assistance recipients who may not take part from a given wave on. */
@RestController
@RequestMapping("/admin/participants/social-assistance-exclusions")
@Tag(name = "Social-assistance exclusions (operators)")
public class AssistanceExclusionController {

    private final AssistanceExclusions exclusions;

    public AssistanceExclusionController(AssistanceExclusions exclusions) {
        this.exclusions = exclusions;
    }

    public record Removal(@NotBlank String nik) {
    }

    @PostMapping(consumes = {"text/csv", "text/plain"})
    @Operation(summary = "Upload recipients: one NIK per line, or CSV with the NIK first; from wave fromWave on")
    public ResponseEntity<AssistanceExclusions.Upload> upload(
            @RequestParam @NotBlank @Pattern(regexp = "[A-Z0-9_]{2,40}") String source,
            @RequestParam @Min(1) @Max(999) int fromWave, Reader body, Authentication operator) {
        return ResponseEntity.status(HttpStatus.CREATED).body(exclusions.upload(source, fromWave, body, operator.getName()));
    }

    @GetMapping
    @Operation(summary = "How many are listed, by source and by the first wave they are excluded from")
    public AssistanceExclusions.Summary summary() {
        return exclusions.summary();
    }

    @PostMapping("/removals")
    @Operation(summary = "Take one NIK off the list")
    public Map<String, Boolean> remove(@Valid @RequestBody Removal removal, Authentication operator) {
        if (id.go.prakerja.registration.participant.Nik.check(removal.nik()) != null) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "VALIDATION",
                    java.util.List.of(new ProblemException.FieldProblem("nik", "NIK_FORMAT")));
        }
        return Map.of("removed", exclusions.remove(removal.nik(), operator.getName()));
    }
}
