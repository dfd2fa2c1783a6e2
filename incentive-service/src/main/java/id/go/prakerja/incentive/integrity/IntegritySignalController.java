package id.go.prakerja.incentive.integrity;

import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.incentive.approval.ChangeRequests;
import id.go.prakerja.support.security.OperatorIdentity;
import id.go.prakerja.support.security.RequiresRole;
import id.go.prakerja.support.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Integrity signals for operators: list and read them, and ask to clear or confirm each participant
 * involved. Both are change requests a different PAYOUT_CHECKER approves
 * ({@code POST /admin/incentives/change-requests/{id}/approve}), like every change that moves money.
 */
@RestController
@Tag(name = "Integrity signals (operators)")
public class IntegritySignalController {

    private final IntegritySignals signals;
    private final ChangeRequests changes;

    public IntegritySignalController(IntegritySignals signals, ChangeRequests changes) {
        this.signals = signals;
        this.changes = changes;
    }

    /** @param note why the participant may be paid (optional) */
    public record Clearance(@Size(max = 300) String note) {
    }

    /** @param reason why the participant is not entitled; kept with the decision */
    public record Confirmation(@NotBlank @Size(min = 3, max = 300) String reason) {
    }

    @GetMapping("/admin/integrity/signals")
    @Operation(summary = "Integrity signals, oldest first: OPEN (someone involved is undecided) or DECIDED; "
            + "each with everyone involved, their link and what was decided (no account number, no NIK)")
    public List<IntegritySignals.Signal> list(@RequestParam(required = false) IntegritySignals.Status status,
            @RequestParam(required = false) UUID participantId,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return signals.list(status, participantId, limit, offset);
    }

    @GetMapping("/admin/integrity/signals/{signalId}")
    @Operation(summary = "One integrity signal with its evidence")
    public IntegritySignals.Signal get(@PathVariable long signalId) {
        return signals.find(signalId);
    }

    @PostMapping("/admin/integrity/signals/{signalId}/participants/{participantId}/clear")
    @RequiresRole(Roles.PAYOUT_MAKER)
    @Operation(summary = "Ask to clear one participant of a signal (PAYOUT_MAKER); once a different PAYOUT_CHECKER approves "
            + "the change request, their held tranches go back to the schedule and the next run pays them")
    public ResponseEntity<ChangeRequests.ChangeRequest> clear(@PathVariable long signalId, @PathVariable UUID participantId,
            @Valid @RequestBody(required = false) Clearance clearance, Authentication operator) {
        return ResponseEntity.accepted().body(changes.requestIntegrityDecision(signalId, participantId,
                SharedPayoutAccount.Decision.CLEARED, clearance == null ? null : clearance.note(), OperatorIdentity.of(operator)));
    }

    @PostMapping("/admin/integrity/signals/{signalId}/participants/{participantId}/confirm")
    @RequiresRole(Roles.PAYOUT_MAKER)
    @Operation(summary = "Ask to confirm a signal against one participant (PAYOUT_MAKER); once a different PAYOUT_CHECKER "
            + "approves, their tranches stay held and registration revokes them (IntegritySignalConfirmed)")
    public ResponseEntity<ChangeRequests.ChangeRequest> confirm(@PathVariable long signalId, @PathVariable UUID participantId,
            @Valid @RequestBody Confirmation confirmation, Authentication operator) {
        return ResponseEntity.accepted().body(changes.requestIntegrityDecision(signalId, participantId,
                SharedPayoutAccount.Decision.CONFIRMED, confirmation.reason(), OperatorIdentity.of(operator)));
    }
}
