package id.go.prakerja.incentive.payout;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
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
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Payout runs for operators: list, preview against the budget, approve (maker, then a different checker), progress. */
@RestController
@Tag(name = "Payout runs (operators)")
public class PayoutRunController {

    private final PayoutRuns runs;
    private final ApprovalSetting approval;
    private final ChangeRequests changes;

    public PayoutRunController(PayoutRuns runs, ApprovalSetting approval, ChangeRequests changes) {
        this.changes = changes;
        this.runs = runs;
        this.approval = approval;
    }

    /**
     * @param approvalRequired  whether new runs wait for two operators' approval
     * @param budget            the programme's incentive budget in rupiah, which previews and approvals are held to
     * @param maxPerParticipant what the guard lets one participant be requested in total, rupiah
     */
    public record Settings(Boolean approvalRequired, Long budget, Long maxPerParticipant) {
    }

    /** A change asked for: each setting given becomes a change request a second operator approves. */
    public record SettingsChange(Boolean approvalRequired, @PositiveOrZero Long budget, @Positive Long maxPerParticipant,
            @NotBlank @Size(max = 300) String reason) {
    }

    public record Requested(List<ChangeRequests.ChangeRequest> requests) {
    }

    @GetMapping("/admin/incentives/payout-runs/settings")
    @Operation(summary = "Whether new payout runs wait for two operators' approval, the incentive budget, the guard's maximum")
    public Settings settings() {
        return new Settings(approval.approvalRequired(), approval.budget(), approval.maxPerParticipant());
    }

    @PutMapping("/admin/incentives/payout-runs/settings")
    @RequiresRole(Roles.PAYOUT_MAKER)
    @Operation(summary = "Ask for new settings (PAYOUT_MAKER, with a reason); each applies once a different PAYOUT_CHECKER "
            + "approves its change request")
    public ResponseEntity<Requested> change(@Valid @RequestBody SettingsChange change, Authentication operator) {
        return ResponseEntity.accepted().body(new Requested(changes.requestSettings(change.approvalRequired(), change.budget(),
                change.maxPerParticipant(), change.reason(), OperatorIdentity.of(operator))));
    }

    @GetMapping("/admin/incentives/payout-runs")
    @Operation(summary = "Payout runs, latest payout date first")
    public List<PayoutRuns.RunView> list(@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return runs.list(limit);
    }

    @GetMapping("/admin/incentives/payout-runs/{id}")
    @Operation(summary = "A run's progress: requested, paid, failed, unknown and money per partner")
    public PayoutRuns.Progress progress(@PathVariable long id) {
        return runs.progress(id);
    }

    @GetMapping("/admin/incentives/payout-runs/{id}/preview")
    @Operation(summary = "What the run would request now: count and total per partner against the remaining budget")
    public PayoutRuns.Preview preview(@PathVariable long id) {
        return runs.preview(id);
    }

    @PostMapping("/admin/incentives/payout-runs/{id}/approvals")
    @RequiresRole({Roles.PAYOUT_MAKER, Roles.PAYOUT_CHECKER})
    @Operation(summary = "Approve a run: first a PAYOUT_MAKER approves the preview (pinning what it shows), then a different "
            + "PAYOUT_CHECKER; the run then requests at most the pinned tranches")
    public PayoutRuns.RunView approve(@PathVariable long id, Authentication operator) {
        return runs.approve(id, OperatorIdentity.of(operator));
    }
}
