package id.go.prakerja.support.security;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One row per signed partner request (table {@code webhook_receipt}), keyed on the configured
 * partner id and the verified signature bytes. The row is claimed before the handler runs and
 * either completed with the answer (so that a repeat gets the same answer without running again)
 * or deleted when the run failed (so that the partner's retry runs it).
 *
 * <p>Every statement commits on its own: a claim must be visible to a concurrent copy of the
 * request at once, and must not be rolled back with whatever the handler does.
 */
final class WebhookReceipts {

    /** What the caller of {@link #claim} must do with the request. */
    sealed interface Claim {
        /** This request owns the receipt: run the handler, then {@link #complete} or {@link #release}. */
        record Run() implements Claim {
        }

        /** Handled before: send this answer again, do not run. */
        record Answer(int status, String contentType, byte[] body) implements Claim {
        }

        /** Another copy is running right now. */
        record Busy() implements Claim {
        }
    }

    static final int PURGE_BATCH = 1000;
    static final int PURGE_BATCHES_PER_PASS = 100;

    private final JdbcTemplate jdbc;
    private final Duration lease;

    WebhookReceipts(JdbcTemplate jdbc, Duration lease) {
        this.jdbc = jdbc;
        this.lease = lease;
    }

    Claim claim(String partnerId, byte[] signature, Instant now) {
        Timestamp at = Timestamp.from(now);
        // a row deleted by a failed run between our insert and our read is simply claimed again
        for (int attempt = 0; attempt < 3; attempt++) {
            int inserted = jdbc.update("""
                    insert into webhook_receipt (partner_id, signature, state, received_at, claimed_at)
                    values (?, ?, 'IN_PROGRESS', ?, ?)
                    on conflict do nothing
                    """, partnerId, signature, at, at);
            if (inserted == 1) {
                return new Claim.Run();
            }
            List<Claim> existing = jdbc.query("""
                    select state, response_status, response_content_type, response_body
                    from webhook_receipt where partner_id = ? and signature = ?
                    """, (rs, i) -> "DONE".equals(rs.getString("state"))
                    ? new Claim.Answer(rs.getInt("response_status"), rs.getString("response_content_type"),
                            rs.getBytes("response_body"))
                    : new Claim.Busy(), partnerId, signature);
            if (existing.isEmpty()) {
                continue;
            }
            if (existing.getFirst() instanceof Claim.Busy && takeOverAbandoned(partnerId, signature, now)) {
                return new Claim.Run();
            }
            return existing.getFirst();
        }
        return new Claim.Busy();
    }

    /**
     * A run whose replica died never completes nor releases its row; after the lease another copy
     * may take it over, atomically, so that still only one runs.
     */
    private boolean takeOverAbandoned(String partnerId, byte[] signature, Instant now) {
        return jdbc.update("""
                update webhook_receipt set claimed_at = ?
                where partner_id = ? and signature = ? and state = 'IN_PROGRESS' and claimed_at < ?
                """, Timestamp.from(now), partnerId, signature, Timestamp.from(now.minus(lease))) == 1;
    }

    void complete(String partnerId, byte[] signature, int status, String contentType, byte[] body, Instant now) {
        jdbc.update("""
                update webhook_receipt
                set state = 'DONE', completed_at = ?, response_status = ?, response_content_type = ?, response_body = ?
                where partner_id = ? and signature = ?
                """, Timestamp.from(now), status, contentType, body, partnerId, signature);
    }

    void release(String partnerId, byte[] signature) {
        jdbc.update("delete from webhook_receipt where partner_id = ? and signature = ? and state = 'IN_PROGRESS'",
                partnerId, signature);
    }

    /**
     * Deletes receipts received before the cutoff, a batch at a time so that no statement holds
     * many locks or runs long; a pass stops after a bounded number of batches and the next pass
     * goes on.
     */
    int purgeReceivedBefore(Instant cutoff) {
        Timestamp before = Timestamp.from(cutoff);
        int total = 0;
        for (int batch = 0; batch < PURGE_BATCHES_PER_PASS; batch++) {
            int deleted = jdbc.update("""
                    delete from webhook_receipt where (partner_id, signature) in (
                        select partner_id, signature from webhook_receipt where received_at < ? limit ?)
                    """, before, PURGE_BATCH);
            total += deleted;
            if (deleted < PURGE_BATCH) {
                break;
            }
        }
        return total;
    }
}
