package id.go.prakerja.support.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.support.web.DateInRange;
import id.go.prakerja.support.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * The audit trail of this service for operators, newest first, or as CSV. Also under
 * {@code /admin/audit/<service-key>} (and {@code …/audit.csv}), the prefix the platform's entry
 * point and Ingress route to each service.
 */
@RestController
@Tag(name = "Audit trail (operators)")
public class AuditController {

    /** The most entries one page holds. */
    public static final int MAX_PAGE_SIZE = 500;
    /** The most rows one CSV export holds; narrow the time range for more. */
    public static final int MAX_CSV_ROWS = 100_000;

    private final AuditTrail trail;

    public AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping({"/admin/audit", "/admin/audit/${prakerja.service-key}"})
    @Operation(summary = "State-changing operator calls: who, roles, when, what, before/after, reason, outcome; newest first")
    public AuditTrail.Page list(@RequestParam(required = false) @Size(max = 200) String operator,
            @RequestParam(required = false) @Size(max = 200) String target,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @DateInRange Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @DateInRange Instant to,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
        return trail.find(query(operator, target, from, to), page, size);
    }

    @GetMapping(value = {"/admin/audit.csv", "/admin/audit/${prakerja.service-key}/audit.csv"}, produces = "text/csv")
    @Operation(summary = "The audit trail as CSV, oldest first (at most 100,000 rows)")
    public void csv(@RequestParam(required = false) @Size(max = 200) String operator,
            @RequestParam(required = false) @Size(max = 200) String target,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @DateInRange Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @DateInRange Instant to,
            HttpServletResponse response) throws IOException {
        AuditTrail.Query query = query(operator, target, from, to);
        response.setContentType("text/csv;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit.csv\"");
        trail.csv(query, MAX_CSV_ROWS, response.getWriter());
    }

    private static AuditTrail.Query query(String operator, String target, Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "AUDIT_RANGE_INVALID", from, to);
        }
        return new AuditTrail.Query(operator, target, from, to);
    }
}
