package id.go.prakerja.incentive.tranche;

import java.sql.Timestamp;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import id.go.prakerja.support.audit.AuditTrail;
import id.go.prakerja.support.web.ProblemException;

/**
 * What an operator decides about a tranche the guard held. Releasing it sends it back to the
 * schedule: the next payout run asks the guard again (a cause still present holds it again), and
 * requests it under the same instruction id. Cancelling it ends it unpaid, with the operator's
 * reason kept beside it; a tranche already requested or paid can never be cancelled. Both record
 * who decided, when and why. A release needs two operators: it is applied from an approved change
 * request ({@code ChangeRequests}); a cancellation pays nothing and takes one operator with a payout role.
 */
@Service
public class HeldTranches {

    private static final Logger log = LoggerFactory.getLogger(HeldTranches.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AuditTrail audit;

    public HeldTranches(JdbcTemplate jdbc, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public void release(String instructionId, String note, String operator) {
        int changed = jdbc.update("""
                update tranche set status = 'SCHEDULED', resolved_by = ?, resolved_at = ?, resolution_note = ?
                 where instruction_id = ? and status = 'HELD' and held_reason is distinct from 'SHARED_PAYOUT_ACCOUNT'
                   and participant_id in (select participant_id from participant where revoked_at is null)""",
                operator, Timestamp.from(clock.instant()), note, instructionId);
        if (changed == 0) {
            throw refusal(instructionId, "TRANCHE_NOT_HELD");
        }
        log.warn("{} released from the guard's hold by {}; the next payout run checks it again", instructionId, operator);
    }

    @Transactional
    public void cancel(String instructionId, String reason, String operator) {
        var before = jdbc.query("select status, participant_id from tranche where instruction_id = ? for update",
                (rs, i) -> java.util.Map.entry(rs.getString(1), rs.getObject(2, java.util.UUID.class)), instructionId);
        if (!before.isEmpty()) {
            audit.participant(before.getFirst().getValue()).reason(reason).before("status", before.getFirst().getKey());
        }
        int changed = jdbc.update("""
                update tranche set status = 'CANCELLED', resolved_by = ?, resolved_at = ?, resolution_note = ?
                 where instruction_id = ? and status in ('HELD', 'SCHEDULED', 'FAILED')""",
                operator, Timestamp.from(clock.instant()), reason, instructionId);
        if (changed == 0) {
            throw refusal(instructionId, "TRANCHE_NOT_CANCELLABLE");
        }
        audit.action("TRANCHE_CANCELLED").after("status", "CANCELLED");
        log.warn("{} cancelled by {}: {}", instructionId, operator, reason);
    }

    private ProblemException refusal(String instructionId, String code) {
        return refusal(jdbc, instructionId, code);
    }

    /** 404 for an unknown tranche, else 409 with {@code code} naming its status: an operator's action that does not apply. */
    public static ProblemException refusal(JdbcTemplate jdbc, String instructionId, String code) {
        var status = jdbc.queryForList("select status from tranche where instruction_id = ?", String.class, instructionId);
        if (status.isEmpty()) {
            return new ProblemException(HttpStatus.NOT_FOUND, "TRANCHE_NOT_FOUND", instructionId);
        }
        return new ProblemException(HttpStatus.CONFLICT, code, instructionId, status.getFirst());
    }
}
