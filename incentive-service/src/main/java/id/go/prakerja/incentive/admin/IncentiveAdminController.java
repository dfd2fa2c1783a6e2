package id.go.prakerja.incentive.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.incentive.tranche.HeldTranches;
import id.go.prakerja.incentive.approval.ChangeRequests;
import id.go.prakerja.support.security.OperatorIdentity;
import id.go.prakerja.support.security.RequiresRole;
import id.go.prakerja.support.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Incentive totals, tranche lists and the backlog for operators. */
@RestController
@Tag(name = "Incentives (operators)")
public class IncentiveAdminController {

    private final IncentiveReports reports;
    private final HeldTranches held;
    private final ChangeRequests changes;

    public IncentiveAdminController(IncentiveReports reports, HeldTranches held, ChangeRequests changes) {
        this.reports = reports;
        this.held = held;
        this.changes = changes;
    }

    /** @param note why the hold is lifted (optional) */
    public record Release(@Size(max = 300) String note) {
    }

    /** @param reason why the failed tranche should be paid again (optional) */
    public record Retry(@Size(max = 300) String reason) {
    }

    /** @param reason why the tranche will never be paid; kept beside it */
    public record Cancellation(@NotBlank @Size(min = 3, max = 300) String reason) {
    }

    @PostMapping("/admin/incentives/tranches/{instructionId}/release")
    @RequiresRole(Roles.PAYOUT_MAKER)
    @Operation(summary = "Ask to lift the guard's hold on a HELD tranche (PAYOUT_MAKER); once a different PAYOUT_CHECKER approves "
            + "the change request, the next payout run checks it again and requests it under the same id")
    public ResponseEntity<ChangeRequests.ChangeRequest> release(@PathVariable String instructionId,
            @Valid @RequestBody(required = false) Release release, Authentication operator) {
        return ResponseEntity.accepted().body(changes.requestRelease(instructionId, release == null ? null : release.note(),
                OperatorIdentity.of(operator)));
    }

    @PostMapping("/admin/incentives/tranches/{instructionId}/cancel")
    @RequiresRole({Roles.PAYOUT_MAKER, Roles.PAYOUT_CHECKER})
    @Operation(summary = "End a HELD, SCHEDULED or FAILED tranche unpaid, with a reason; never a requested or paid one")
    public ResponseEntity<Void> cancel(@PathVariable String instructionId, @Valid @RequestBody Cancellation cancellation,
            Authentication operator) {
        held.cancel(instructionId, cancellation.reason(), operator.getName());
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/admin/incentives/tranches/{instructionId}/retry")
    @RequiresRole(Roles.PAYOUT_MAKER)
    @Operation(summary = "Ask to send a FAILED tranche back to the schedule (PAYOUT_MAKER); once a different PAYOUT_CHECKER "
            + "approves the change request, it is requested again under the same instruction id")
    public ResponseEntity<ChangeRequests.ChangeRequest> retry(@PathVariable String instructionId,
            @Valid @RequestBody(required = false) Retry retry, Authentication operator) {
        return ResponseEntity.accepted().body(changes.requestRetry(instructionId, retry == null ? null : retry.reason(),
                OperatorIdentity.of(operator)));
    }

    @GetMapping("/admin/incentives/summary")
    @Operation(summary = "Tranche totals by status and reason, grouped by status (default), wave, partner or province")
    public IncentiveReports.Summary summary(@RequestParam(defaultValue = "status") String by) {
        return reports.summary(by);
    }

    @GetMapping("/admin/incentives/tranches")
    @Operation(summary = "Tranches filtered by status, reason, wave, partner and province, oldest due first")
    public List<IncentiveReports.TrancheRow> tranches(@RequestParam(required = false) String status,
            @RequestParam(required = false) String reason, @RequestParam(required = false) Integer wave,
            @RequestParam(required = false) String partner, @RequestParam(required = false) String province,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return reports.tranches(status, reason, wave, partner, province, limit, offset);
    }

    @GetMapping("/admin/incentives/backlog")
    @Operation(summary = "Everyone with a reconciled first training who is not fully paid: why they wait and since when, oldest first")
    public List<IncentiveReports.BacklogRow> backlog(@RequestParam(required = false) String reason,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return reports.backlog(reason, limit, offset);
    }

    @GetMapping("/admin/incentives/backlog/summary")
    @Operation(summary = "The backlog counted by reason")
    public List<IncentiveReports.BacklogCount> backlogSummary() {
        return reports.backlogCounts();
    }

    @GetMapping(value = "/admin/incentives/backlog.csv", produces = "text/csv")
    @Operation(summary = "The whole backlog as CSV, oldest first")
    public void backlogCsv(@RequestParam(required = false) String reason, HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"incentive-backlog.csv\"");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        reports.backlogCsv(reason, response.getWriter());
    }
}
