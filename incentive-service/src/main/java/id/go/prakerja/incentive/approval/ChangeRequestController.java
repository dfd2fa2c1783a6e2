package id.go.prakerja.incentive.approval;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.support.security.OperatorIdentity;
import id.go.prakerja.support.security.RequiresRole;
import id.go.prakerja.support.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/** Changes that move money, waiting for a second operator: list, approve, reject. */
@RestController
@Tag(name = "Change requests (four eyes)")
public class ChangeRequestController {

    private final ChangeRequests requests;

    public ChangeRequestController(ChangeRequests requests) {
        this.requests = requests;
    }

    /** @param note why (optional for an approval, kept with the decision) */
    public record Decision(@Size(max = 300) String note) {
    }

    @GetMapping("/admin/incentives/change-requests")
    @Operation(summary = "Change requests, newest first; status PENDING for those waiting for a second operator")
    public List<ChangeRequests.ChangeRequest> list(@RequestParam(required = false) ChangeRequests.Status status,
            @RequestParam(required = false) @Size(max = 80) String target,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return requests.list(status, target, limit, offset);
    }

    @GetMapping("/admin/incentives/change-requests/{id}")
    @Operation(summary = "One change request: who asked, when, what, why, and who decided")
    public ChangeRequests.ChangeRequest get(@PathVariable long id) {
        return requests.find(id);
    }

    @PostMapping("/admin/incentives/change-requests/{id}/approve")
    @RequiresRole({Roles.PAYOUT_CHECKER, Roles.PAYOUT_MAKER})
    @Operation(summary = "Approve and apply a pending change (PAYOUT_CHECKER, never the operator who asked for it)")
    public ChangeRequests.ChangeRequest approve(@PathVariable long id, @Valid @RequestBody(required = false) Decision decision,
            Authentication operator) {
        return requests.approve(id, decision == null ? null : decision.note(), OperatorIdentity.of(operator));
    }

    @PostMapping("/admin/incentives/change-requests/{id}/reject")
    @RequiresRole({Roles.PAYOUT_CHECKER, Roles.PAYOUT_MAKER})
    @Operation(summary = "Turn down a pending change (PAYOUT_CHECKER), or withdraw one's own request")
    public ChangeRequests.ChangeRequest reject(@PathVariable long id, @Valid @RequestBody(required = false) Decision decision,
            Authentication operator) {
        return requests.reject(id, decision == null ? null : decision.note(), OperatorIdentity.of(operator));
    }
}
