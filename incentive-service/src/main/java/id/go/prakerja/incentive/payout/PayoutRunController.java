package id.go.prakerja.incentive.payout;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

/** Payout runs for operators: list, preview against the budget, approve (two operators), progress. */
@RestController
@Tag(name = "Payout runs (operators)")
public class PayoutRunController {

    private final PayoutRuns runs;
    private final ApprovalSetting approval;

    public PayoutRunController(PayoutRuns runs, ApprovalSetting approval) {
        this.runs = runs;
        this.approval = approval;
    }

    /**
     * @param approvalRequired whether new runs wait for two operators' approval
     * @param budget           the programme's incentive budget in rupiah, which previews and approvals are held to
     */
    public record Settings(Boolean approvalRequired, @PositiveOrZero Long budget) {
    }

    @GetMapping("/admin/incentives/payout-runs/settings")
    @Operation(summary = "Whether new payout runs wait for two operators' approval, and the incentive budget")
    public Settings settings() {
        return new Settings(approval.approvalRequired(), approval.budget());
    }

    @PutMapping("/admin/incentives/payout-runs/settings")
    @Operation(summary = "Require (or stop requiring) two operators' approval for new payout runs; set the budget")
    public Settings change(@Valid @RequestBody Settings change, Authentication operator) {
        if (change.approvalRequired() != null) {
            approval.set(change.approvalRequired(), operator.getName());
        }
        if (change.budget() != null) {
            approval.setBudget(change.budget(), operator.getName());
        }
        return settings();
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
    @Operation(summary = "Approve a run; it starts once two different operators approved it")
    public PayoutRuns.RunView approve(@PathVariable long id, Authentication operator) {
        return runs.approve(id, operator.getName());
    }
}
