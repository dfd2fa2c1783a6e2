package id.go.prakerja.support;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.support.audit.AuditTrail;
import id.go.prakerja.support.security.RequiresRole;
import id.go.prakerja.support.security.Roles;
import id.go.prakerja.support.web.ProblemException;

/** Admin actions as a service has them, for {@link AuditTrailTest}: one that says before/after, one for a money role. */
@RestController
class AuditProbe {

    private final AuditTrail audit;
    private volatile long limit = 100;

    AuditProbe(AuditTrail audit) {
        this.audit = audit;
    }

    @PutMapping("/admin/probe/limits/{name}")
    Map<String, Object> setLimit(@PathVariable String name, @RequestBody Map<String, Object> body) {
        long next = ((Number) body.get("value")).longValue();
        if (next < 0) {
            throw new ProblemException(HttpStatus.CONFLICT, "LIMIT_NEGATIVE");
        }
        audit.action("LIMIT_CHANGED").change("limit", limit, next).reason((String) body.get("reason"))
                .participant(body.containsKey("participant") ? UUID.fromString((String) body.get("participant")) : null);
        limit = next;
        return Map.of("limit", limit);
    }

    @PostMapping("/admin/probe/payouts/{id}/approve")
    @RequiresRole(Roles.PAYOUT_CHECKER)
    Map<String, Object> approve(@PathVariable String id) {
        return Map.of("approved", id);
    }
}
