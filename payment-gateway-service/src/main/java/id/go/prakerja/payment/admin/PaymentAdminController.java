package id.go.prakerja.payment.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.disbursement.OutcomeWriter;
import id.go.prakerja.payment.disbursement.Payment;
import id.go.prakerja.payment.disbursement.PaymentLedger;
import id.go.prakerja.payment.disbursement.PaymentStatus;
import id.go.prakerja.payment.disbursement.PaymentWorkers;
import id.go.prakerja.payment.partner.PartnerAnswer;
import id.go.prakerja.payment.partner.PartnerGuard;
import id.go.prakerja.payment.partner.PaymentPartners;
import id.go.prakerja.support.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * What operators see and do about payments. Account numbers are masked: the masked columns are read,
 * the sealed ones never opened here. Operators ask the partner
 * about a payment here; they never order one: a retry or a cancel is an action on the tranche in
 * incentive-service, the one authority that orders money to move, which sends a new request under
 * the same instruction.
 */
@RestController
@Tag(name = "Payments (operators)")
public class PaymentAdminController {

    private static final int MAX_PAGE = 500;

    private final JdbcTemplate jdbc;
    private final PaymentLedger ledger;
    private final PaymentWorkers workers;
    private final PaymentPartners partners;
    private final OutcomeWriter writer;

    public PaymentAdminController(JdbcTemplate jdbc, PaymentLedger ledger, PaymentWorkers workers, PaymentPartners partners,
            OutcomeWriter writer) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.workers = workers;
        this.partners = partners;
        this.writer = writer;
    }

    public record PaymentView(String instructionId, String participantId, String partner, String kind, int sequence,
            long amount, String account, int attempt, String partnerReferenceNo, String status, String reasonCode,
            String partnerReference, String lastRawCode, int sends, int inquiries, String dueAt, String createdAt,
            String updatedAt, String finishedAt, boolean everAmbiguous, String blockedReason) {

        static PaymentView of(Payment p) {
            return new PaymentView(p.instructionId(), p.participantId().toString(), p.partner().name(), p.kind(),
                    p.sequence(), p.amount(), p.accountMasked(), p.attempt(), p.partnerReferenceNo(), p.status().name(),
                    p.reasonCode(), p.partnerReference(), p.lastRawCode(), p.sends(), p.inquiries(), str(p.dueAt()),
                    str(p.createdAt()), str(p.updatedAt()), str(p.finishedAt()), p.everAmbiguous(), p.blockedReason());
        }
    }

    public record Transition(String from, String to, String cause, String rawCode, String at) {
    }

    public record Conflict(String eventId, String detail, String receivedAt) {
    }

    /** An attempt that failed for an account reason, replaced by a new request naming another (or a fixed) account. */
    public record EarlierAttempt(int replacedByAttempt, String partner, String accountMasked, String partnerReferenceNo,
            String reasonCode, String requestEventId, String replacedByEventId, String replacedAt) {
    }

    /** Every attempt of the instruction with its own partner reference: what reconciliation matches. */
    public record AttemptView(int attempt, String partner, String accountMasked, long amount, String partnerReferenceNo,
            String firstSentAt, String lastSentAt, String settledAs) {

        static AttemptView of(PaymentLedger.Attempt a) {
            return new AttemptView(a.attempt(), a.partner().name(), a.accountMasked(), a.amount(),
                    a.partnerReferenceNo(), str(a.firstSentAt()), str(a.lastSentAt()), a.settledAs());
        }
    }

    public record History(PaymentView payment, List<Transition> transitions, List<Conflict> conflicts,
            List<EarlierAttempt> earlierAttempts, List<AttemptView> attempts) {
    }

    public record PaymentPage(int page, int size, long total, List<PaymentView> items) {
    }

    @GetMapping("/admin/payments")
    @Operation(summary = "Payments by status, partner and reason, oldest first")
    public PaymentPage list(@RequestParam(required = false) PaymentStatus status,
            @RequestParam(required = false) PayoutPartner partner, @RequestParam(required = false) String reason,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "PAGE_INVALID", MAX_PAGE);
        }
        StringBuilder where = new StringBuilder(" where true");
        List<Object> args = new ArrayList<>();
        if (status != null) {
            where.append(" and status = ?");
            args.add(status.name());
        }
        if (partner != null) {
            where.append(" and partner = ?");
            args.add(partner.name());
        }
        if (reason != null && !reason.isBlank()) {
            where.append(" and reason_code = ?");
            args.add(reason.trim());
        }
        Long total = jdbc.queryForObject("select count(*) from payment" + where, Long.class, args.toArray());
        List<Object> paged = new ArrayList<>(args);
        paged.add(size);
        paged.add((long) page * size);
        List<PaymentView> items = jdbc.query("select * from payment" + where + " order by created_at, instruction_id limit ? offset ?",
                PaymentLedger.ROWS, paged.toArray()).stream().map(PaymentView::of).toList();
        return new PaymentPage(page, size, total == null ? 0 : total, items);
    }

    @GetMapping("/admin/payments/counts")
    @Operation(summary = "Payments per partner and status, and per failure reason")
    public Map<String, Object> counts() {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("byPartnerAndStatus", jdbc.queryForList(
                "select partner, status, count(*) as count from payment group by partner, status order by partner, status"));
        counts.put("failedByReason", jdbc.queryForList(
                "select reason_code as reason, count(*) as count from payment where status = 'FAILED' group by reason_code order by 2 desc"));
        counts.put("conflictingRequests", jdbc.queryForObject("select count(*) from payment_conflict", Long.class));
        return counts;
    }

    @GetMapping("/admin/payments/{instructionId}")
    @Operation(summary = "One payment with its full history")
    public History one(@PathVariable String instructionId) {
        Payment p = ledger.find(instructionId).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "PAYMENT_NOT_FOUND"));
        List<Transition> transitions = jdbc.query(
                "select from_status, to_status, cause, raw_code, at from payment_transition where instruction_id = ? order by id",
                (rs, n) -> new Transition(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant().toString()), instructionId);
        List<Conflict> conflicts = jdbc.query(
                "select event_id, detail, received_at from payment_conflict where instruction_id = ? order by id",
                (rs, n) -> new Conflict(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant().toString()),
                instructionId);
        List<EarlierAttempt> earlier = jdbc.query("""
                select attempt, previous_partner, previous_account_masked, previous_reference_no, previous_reason_code,
                       previous_event_id, event_id, received_at
                  from payment_rerequest where instruction_id = ? order by attempt""",
                (rs, n) -> new EarlierAttempt(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant().toString()),
                instructionId);
        return new History(PaymentView.of(p), transitions, conflicts, earlier,
                ledger.attempts(instructionId).stream().map(AttemptView::of).toList());
    }

    @PostMapping("/admin/payments/{instructionId}/inquiry")
    @Operation(summary = "Ask the partner now what became of a payment in flight, pending or unknown, and apply the answer")
    public Map<String, Object> inquiry(@PathVariable String instructionId) {
        Payment p = ledger.find(instructionId).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "PAYMENT_NOT_FOUND"));
        var claimed = ledger.claimForInquiry(instructionId)
                .orElseThrow(() -> new ProblemException(HttpStatus.CONFLICT, "PAYMENT_NOT_WAITING", p.status().name()));
        PaymentWorkers.Inquiry inquiry = workers.inquireNow(claimed);
        PartnerAnswer answer = inquiry.answer();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("answer", answer.kind().name());
        result.put("rawCode", answer.rawCode());
        result.put("applied", inquiry.applied());
        result.put("payment", PaymentView.of(ledger.find(instructionId).orElseThrow()));
        return result;
    }

    @GetMapping("/admin/payments/partners/health")
    @Operation(summary = "Per partner: circuit state, contracted rate, latency, error rate, calls in flight and backlog")
    public List<Map<String, Object>> health() {
        Map<String, Map<String, Long>> backlog = new LinkedHashMap<>();
        jdbc.query("select partner, status, count(*) from payment where status not in ('SUCCEEDED', 'FAILED') group by partner, status",
                rs -> {
                    backlog.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getLong(3));
                });
        List<Map<String, Object>> out = new ArrayList<>();
        for (PayoutPartner id : PayoutPartner.values()) {
            PartnerGuard guard = partners.guard(id);
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("partner", id.name());
            if (guard == null) {
                h.put("configured", false);
            } else {
                PartnerGuard.Health health = guard.health();
                h.put("configured", true);
                h.put("circuitState", health.circuitState());
                h.put("contractedRatePerSecond", health.contractedRatePerSecond());
                h.put("latencyMillis", health.latencyMillis());
                h.put("errorRatePercent", health.errorRate());
                h.put("inFlight", health.inFlight());
                h.put("calls", health.calls());
                h.put("failures", health.failures());
            }
            h.put("backlog", backlog.getOrDefault(id.name(), Map.of()));
            out.add(h);
        }
        return out;
    }

    @GetMapping("/admin/payments/answers-backlog")
    @Operation(summary = "Partner answers received and not yet written")
    public Map<String, Integer> answersBacklog() {
        return Map.of("answers", writer.backlog());
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
