package id.go.prakerja.training.completion;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.training.TrainingCompletionReconciled;
import id.go.prakerja.support.outbox.Outbox;

/**
 * A completion is reconciled when certificate, rating and review are all there. Called by whoever
 * added the last of them, in its transaction and under the purchase's row lock, so that whichever
 * arrives last (in any order, any number of times) reconciles, and only once: the purchase leaves
 * COMPLETED for RECONCILED in the same transaction as its event.
 */
@Component
public class Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    private final JdbcTemplate jdbc;
    private final Outbox outbox;

    public Reconciliation(JdbcTemplate jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** @return whether this call reconciled the purchase */
    public boolean reconcileIfComplete(UUID purchaseId, Instant now) {
        Map<String, Object> p = jdbc.queryForMap("""
                select pu.participant_id, pu.training_id, pu.platform_code, pu.status, pu.certificate_number, pu.rating,
                       pu.review_text, pu.completed_at, pu.first_training, pa.revoked_at
                  from purchase pu join participant pa on pa.id = pu.participant_id where pu.id = ?""", purchaseId);
        if (!"COMPLETED".equals(p.get("status")) || p.get("certificate_number") == null || p.get("rating") == null
                || p.get("review_text") == null || p.get("revoked_at") != null) {
            return false;
        }
        int changed = jdbc.update("update purchase set status = 'RECONCILED', reconciled_at = ? where id = ? and status = 'COMPLETED'",
                Timestamp.from(now), purchaseId);
        if (changed == 0) {
            return false;
        }
        UUID participant = (UUID) p.get("participant_id");
        outbox.publish(EventEnvelope.of(new TrainingCompletionReconciled(purchaseId, (String) p.get("training_id"),
                (String) p.get("platform_code"), (String) p.get("certificate_number"), ((Number) p.get("rating")).intValue(),
                ((Timestamp) p.get("completed_at")).toInstant(), (Boolean) p.get("first_training")), participant, purchaseId,
                null, now));
        log.info("purchase {} of participant {} reconciled (first training: {})", purchaseId, participant, p.get("first_training"));
        return true;
    }
}
