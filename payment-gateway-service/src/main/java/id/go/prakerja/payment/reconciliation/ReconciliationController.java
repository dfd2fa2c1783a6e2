package id.go.prakerja.payment.reconciliation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.partner.PartnerGuard;
import id.go.prakerja.payment.snap.SnapClient;
import id.go.prakerja.payment.snap.SnapSignatures;
import id.go.prakerja.support.web.DateInRange;
import id.go.prakerja.support.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Settlement reconciliation per day and partner, for operators; JSON or CSV. */
@RestController
@Tag(name = "Reconciliation (operators)")
public class ReconciliationController {

    private final SettlementReconciliation reconciliation;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ReconciliationController(SettlementReconciliation reconciliation, JdbcTemplate jdbc, Clock clock) {
        this.reconciliation = reconciliation;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Report(String partner, String day, Map<String, Object> run, List<SettlementReconciliation.Mismatch> mismatches) {
    }

    @PostMapping("/admin/reconciliation/{partner}/{day}")
    @Operation(summary = "Fetch the partner's settlement report of a day (yyyy-MM-dd, Jakarta time) and match it")
    public Report run(@PathVariable PayoutPartner partner, @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @DateInRange LocalDate day) {
        // a day still to come has no settlement yet: its run would record every payment of it as missing
        LocalDate today = LocalDate.ofInstant(clock.instant(), SnapSignatures.WIB);
        if (day.isAfter(today)) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "RECONCILIATION_DAY_AHEAD", day.toString(), today.toString());
        }
        try {
            reconciliation.reconcile(partner, day);
        } catch (SnapClient.NotSent | SnapClient.Unanswered | PartnerGuard.Refused | IllegalStateException e) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "PARTNER_UNAVAILABLE", partner.name());
        }
        return report(partner, day);
    }

    @GetMapping("/admin/reconciliation/{partner}/{day}")
    @Operation(summary = "The last reconciliation of a day and partner, with its mismatches and what to do about each")
    public Report report(@PathVariable PayoutPartner partner, @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @DateInRange LocalDate day) {
        List<Map<String, Object>> runs = jdbc.queryForList(
                "select ran_at, report_lines, our_payments, matched, mismatches, settled from reconciliation_run where partner = ? and day = ?",
                partner.name(), day);
        if (runs.isEmpty()) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "RECONCILIATION_NOT_RUN", partner.name(), day.toString());
        }
        return new Report(partner.name(), day.toString(), runs.get(0), mismatches(partner, day));
    }

    @GetMapping(path = "/admin/reconciliation/{partner}/{day}/mismatches.csv", produces = "text/csv")
    @Operation(summary = "The mismatches of a day and partner as CSV")
    public ResponseEntity<String> csv(@PathVariable PayoutPartner partner,
            @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @DateInRange LocalDate day) {
        StringBuilder csv = new StringBuilder("partner,day,partnerReferenceNo,instructionId,kind,ours,theirs,action\n");
        for (SettlementReconciliation.Mismatch m : mismatches(partner, day)) {
            csv.append(String.join(",", cell(partner.name()), cell(day.toString()), cell(m.partnerReferenceNo()),
                    cell(m.instructionId()), cell(m.kind().name()), cell(m.ours()), cell(m.theirs()), cell(m.action()))).append('\n');
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8")).body(csv.toString());
    }

    @GetMapping("/admin/reconciliation")
    @Operation(summary = "Every reconciliation run, newest day first")
    public List<Map<String, Object>> runs() {
        return jdbc.queryForList("select partner, day, ran_at, report_lines, our_payments, matched, mismatches, settled "
                + "from reconciliation_run order by day desc, partner limit 500");
    }

    private List<SettlementReconciliation.Mismatch> mismatches(PayoutPartner partner, LocalDate day) {
        return jdbc.query("select partner_reference_no, instruction_id, kind, ours, theirs, action from reconciliation_mismatch "
                + "where partner = ? and day = ? order by id", (rs, n) -> new SettlementReconciliation.Mismatch(rs.getString(1),
                rs.getString(2), SettlementReconciliation.Kind.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                rs.getString(6)), partner.name(), day);
    }

    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v; // a spreadsheet must not run it as a formula
        }
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
