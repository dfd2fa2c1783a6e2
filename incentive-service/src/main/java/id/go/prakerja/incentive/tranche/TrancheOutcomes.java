package id.go.prakerja.incentive.tranche;

import java.sql.Timestamp;
import java.util.Locale;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.payment.DisbursementFailed;
import id.go.prakerja.events.payment.DisbursementOutcomeUnknown;
import id.go.prakerja.events.payment.DisbursementSucceeded;
import id.go.prakerja.incentive.notification.Notices;

/**
 * Applies the gateway's outcome of a disbursement. Paid is final, and it is the truth about money
 * the partner moved: a success reported for a tranche cancelled meanwhile (an earlier attempt found
 * credited after all) records it as paid, with an alert, so every credited rupiah is a PAID tranche. A failure for an account reason
 * leaves the tranche waiting for a newly verified account, after which it is requested again under
 * the same instruction id. A failure gives its amount back to the budget (a success announced after
 * a failure takes it again). Runs in the consumer's transaction.
 */
@Service
public class TrancheOutcomes {

    private static final Logger log = LoggerFactory.getLogger(TrancheOutcomes.class);

    private final JdbcTemplate jdbc;
    private final Notices notices;
    private final MessageSource messages;

    public TrancheOutcomes(JdbcTemplate jdbc, Notices notices, MessageSource messages) {
        this.jdbc = jdbc;
        this.notices = notices;
        this.messages = messages;
    }

    record Paid(UUID participantId, String kind, int sequence, long amount, String partner, int requestCount, String was) {
    }

    public void succeeded(EventEnvelope<DisbursementSucceeded> event) {
        DisbursementSucceeded s = event.payload();
        var paid = jdbc.query("""
                update tranche t set status = 'PAID', paid_at = ?, partner_reference = ?, in_doubt_since = null,
                       in_doubt_detail = null
                  from (select instruction_id, status from tranche where instruction_id = ? for update) was
                 where t.instruction_id = was.instruction_id and t.status in ('REQUESTED', 'FAILED', 'CANCELLED')
                returning t.participant_id, t.kind, t.sequence, t.amount, t.partner, t.request_count, was.status""",
                (rs, i) -> new Paid(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getLong(4),
                        rs.getString(5), rs.getInt(6), rs.getString(7)),
                Timestamp.from(s.settledAt()), s.partnerReference(), s.instructionId());
        if (paid.isEmpty()) {
            log.info("success of {} changes nothing (unknown instruction or already paid)", s.instructionId());
            return;
        }
        Paid p = paid.getFirst();
        if ("FAILED".equals(p.was()) || "CANCELLED".equals(p.was())) {
            jdbc.update("update budget_commitment set committed = committed + ? where id = 1", p.amount());
        }
        if ("CANCELLED".equals(p.was())) {
            // the partner's ledger is the truth about money it moved (an earlier attempt credited after all, found by
            // the gateway's inquiry or settlement report): the books say paid, and operators are told
            log.error("ALERT {} was CANCELLED here but the gateway reports it paid ({}): recorded as PAID; review the"
                    + " cancellation and recover the money if it should not have been paid", s.instructionId(),
                    s.partnerReference());
        }
        log.info("{} paid by {} ({})", s.instructionId(), p.partner(), s.partnerReference());
        notices.tranchePaid(p.participantId(), s.instructionId(), p.kind(), p.sequence(), p.amount(), p.partner(),
                s.partnerReference());
    }

    public void failed(EventEnvelope<DisbursementFailed> event) {
        DisbursementFailed f = event.payload();
        var failed = jdbc.query("""
                update tranche set status = 'FAILED', failed_at = ?, failure_reason = ?, retry_after_account = ?,
                       in_doubt_since = null, in_doubt_detail = null
                 where instruction_id = ? and status = 'REQUESTED'
                returning participant_id, kind, sequence, amount, partner, request_count, 'REQUESTED'""",
                (rs, i) -> new Paid(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getLong(4),
                        rs.getString(5), rs.getInt(6), rs.getString(7)),
                Timestamp.from(f.failedAt()), f.reasonCode(), f.retryableAfterAccountChange(), f.instructionId());
        if (failed.isEmpty()) {
            log.info("failure of {} changes nothing (unknown instruction, or not waiting for an outcome)", f.instructionId());
            return;
        }
        Paid p = failed.getFirst();
        jdbc.update("update budget_commitment set committed = committed - ? where id = 1", p.amount());
        log.info("{} failed at {}: {} ({})", f.instructionId(), p.partner(), f.reasonCode(),
                f.retryableAfterAccountChange() ? "waits for a new verified account" : "an operator decides");
        notices.trancheFailed(p.participantId(), f.instructionId(), p.requestCount(), p.kind(), p.sequence(),
                p.amount(), todo(f.reasonCode(), f.retryableAfterAccountChange(), Locale.forLanguageTag("id")),
                todo(f.reasonCode(), f.retryableAfterAccountChange(), Locale.ENGLISH));
    }

    /**
     * The gateway holds the payment in doubt: refused after an earlier attempt was ambiguous, it
     * cannot count as failed (nor be requested again) until every reference it used is shown
     * uncredited. The tranche stays REQUESTED, with why and since when for the participant and the
     * backlog. An unknown outcome that is not in doubt changes nothing here (the backlog reports a
     * request without an outcome after the overdue setting).
     */
    public void unknown(EventEnvelope<DisbursementOutcomeUnknown> event) {
        DisbursementOutcomeUnknown u = event.payload();
        if (!u.inDoubt()) {
            return;
        }
        String detail = u.detail() == null ? null : u.detail().length() <= 300 ? u.detail() : u.detail().substring(0, 300);
        int changed = jdbc.update("""
                update tranche set in_doubt_since = coalesce(in_doubt_since, ?), in_doubt_detail = ?
                 where instruction_id = ? and status = 'REQUESTED'""", Timestamp.from(u.since()), detail, u.instructionId());
        if (changed == 1) {
            log.warn("{} in doubt at {}: {}", u.instructionId(), u.partner(), u.detail());
        }
    }

    /**
     * What the participant should do about a failed payment, in their language. Only a failure the
     * gateway announced as curable by an account change asks for one (the tranche is requested
     * again once a newly linked account is verified); any other failure is for an operator.
     */
    public String todo(String reasonCode, boolean afterAccountChange, Locale locale) {
        if (!afterAccountChange) {
            return messages.getMessage("payment.failed.WAIT", null, reasonCode, locale);
        }
        String fallback = messages.getMessage("payment.failed.RELINK", null, reasonCode, locale);
        return messages.getMessage("payment.failed." + reasonCode, null, fallback, locale);
    }
}
