package id.go.prakerja.incentive.tranche;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;


/**
 * An operator sends a tranche the partner refused for a reason the participant cannot fix (not an
 * account reason) back to the schedule. It is requested again on the next payout date under the
 * same instruction id; only a FAILED tranche can be retried, so no retry, however often or
 * simultaneously pressed, creates a second instruction or touches a requested or paid one. Applied
 * only from a change request two different operators agreed on ({@code ChangeRequests}).
 */
@Service
public class OperatorRetry {

    private static final Logger log = LoggerFactory.getLogger(OperatorRetry.class);

    private final JdbcTemplate jdbc;

    public OperatorRetry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void retry(String instructionId, String operator) {
        int changed = jdbc.update("""
                update tranche set status = 'SCHEDULED'
                 where instruction_id = ? and status = 'FAILED'
                   and participant_id in (select participant_id from participant where revoked_at is null)""",
                instructionId);
        if (changed == 0) {
            throw HeldTranches.refusal(jdbc, instructionId, "TRANCHE_NOT_RETRYABLE");
        }
        log.info("{} sent back to the schedule by {}; requested again on the next payout date under the same id",
                instructionId, operator);
    }
}
