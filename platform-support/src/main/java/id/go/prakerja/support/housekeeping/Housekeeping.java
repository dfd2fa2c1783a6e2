package id.go.prakerja.support.housekeeping;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import id.go.prakerja.support.config.PlatformProperties;
import id.go.prakerja.support.config.PlatformSchedulers;
import id.go.prakerja.support.lease.Leases;
import id.go.prakerja.support.security.PartnerSignatureFilter;

/**
 * Removes what no longer serves: published outbox rows and processed-event records past
 * their retention, expired webhook receipts. One replica at a time (a lease), in batches that
 * each commit on their own, so a purge never holds long locks nor one huge transaction, and a
 * run stops after {@code max-run-time} to go on at the next.
 */
public class Housekeeping {

    static final String LEASE = "platform-housekeeping";
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final JdbcTemplate jdbc;
    private final Leases leases;
    private final PartnerSignatureFilter partnerFilter;
    private final PlatformProperties properties;
    private final Clock clock;

    public Housekeeping(JdbcTemplate jdbc, Leases leases, PartnerSignatureFilter partnerFilter,
            PlatformProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.leases = leases;
        this.partnerFilter = partnerFilter;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${prakerja.housekeeping.interval}", initialDelayString = "PT2M",
            scheduler = PlatformSchedulers.WORKERS)
    public void run() {
        purge();
    }

    /** One run; returns the rows removed, or -1 if another replica holds the lease. */
    public long purge() {
        var settings = properties.housekeeping();
        if (!leases.tryAcquire(LEASE, settings.maxRunTime().plusMinutes(1))) {
            return -1;
        }
        try {
            Instant now = clock.instant();
            long deadline = System.nanoTime() + settings.maxRunTime().toNanos();
            long outbox = inBatches("""
                    delete from outbox_message where id in (
                        select id from outbox_message where published_at < ? order by published_at limit ?)
                    """, now.minus(properties.outbox().retention()), deadline);
            long inbox = inBatches("""
                    delete from inbox_message where ctid = any(array(
                        select ctid from inbox_message where processed_at < ? limit ?))
                    """, now.minus(properties.inbox().retention()), deadline);
            long receipts = partnerFilter.purgeReceipts();
            if (outbox + inbox + receipts > 0) {
                log.info("housekeeping: removed {} published outbox rows, {} processed-event records, {} webhook receipts",
                        outbox, inbox, receipts);
            }
            return outbox + inbox + receipts;
        } finally {
            leases.release(LEASE);
        }
    }

    private long inBatches(String delete, Instant cutoff, long deadlineNanos) {
        int batch = properties.housekeeping().batchSize();
        long total = 0;
        int removed;
        do {
            removed = jdbc.update(delete, Timestamp.from(cutoff), batch);
            total += removed;
        } while (removed == batch && System.nanoTime() < deadlineNanos);
        return total;
    }
}
