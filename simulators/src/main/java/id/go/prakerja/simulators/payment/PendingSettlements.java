package id.go.prakerja.simulators.payment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Transfers the partner answered "pending" and settles later: after {@code settleAfterMillis}, or at
 * once when a test asks. A settled transfer is paid, or for the share {@code failPercent} failed
 * ({@code 06}, nothing credited), and either way the platform is notified as the callback mode says.
 *
 * <p>Which transfers fail is chosen per reference, deterministically, so that a test can predict it;
 * a reset drops the settlements scheduled before it, whose transfers no longer exist.
 */
final class PendingSettlements {

    private static final Logger log = LoggerFactory.getLogger(PendingSettlements.class);

    private final PartnerProfile profile;
    private final Ledger ledger;
    private final PartnerBehaviour behaviour;
    private final Notifications notifications;
    private final ScheduledExecutorService scheduler;
    /** Bumped by reset so settlements scheduled before it are dropped. */
    private final AtomicLong epoch = new AtomicLong();

    PendingSettlements(PartnerProfile profile, Ledger ledger, PartnerBehaviour behaviour, Notifications notifications,
                       ScheduledExecutorService scheduler) {
        this.profile = profile;
        this.ledger = ledger;
        this.behaviour = behaviour;
        this.notifications = notifications;
        this.scheduler = scheduler;
    }

    /** Settles a transfer just accepted as pending after the partner's usual delay. */
    void schedule(String reference) {
        long scheduledIn = epoch.get();
        scheduler.schedule(() -> settle(reference, scheduledIn), behaviour.settleAfterMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Settles the pending transfers of a ledger loaded at start after the usual delay counted from
     * their creation: at once for those that waited longer than that while the partner was down.
     */
    void resume(Collection<PaymentRecord> loaded) {
        long scheduledIn = epoch.get();
        Instant now = Instant.now();
        for (PaymentRecord record : loaded) {
            if (record.status() != PaymentStatus.PENDING) {
                continue;
            }
            String reference = record.partnerReferenceNo();
            long due = record.createdAt().plusMillis(behaviour.settleAfterMillis()).toEpochMilli() - now.toEpochMilli();
            scheduler.schedule(() -> settle(reference, scheduledIn), Math.max(0, due), TimeUnit.MILLISECONDS);
        }
    }

    /** Settles every pending transfer now, instead of waiting for the partner. */
    void settleAll() {
        List<String> pending = ledger.pending();
        pending.forEach(ref -> settle(ref, epoch.get()));
    }

    /** Drops every settlement scheduled so far (a reset). */
    void forgetScheduled() {
        epoch.incrementAndGet();
    }

    private void settle(String reference, long scheduledIn) {
        PaymentRecord settled;
        synchronized (ledger) {
            if (epoch.get() != scheduledIn) {
                return; // a reset happened since: that transfer no longer exists
            }
            PaymentRecord record = ledger.find(reference).orElse(null);
            if (record == null || record.status() != PaymentStatus.PENDING) {
                return;
            }
            // a different hash than the pending choice, so that failing is independent of pending
            boolean fails = Math.floorMod((reference + "#fail").hashCode(), 100) < behaviour.failPercent();
            settled = fails ? record.failed(Instant.now(), PartnerProfile.code(403, profile.transferServiceCode(), "02"))
                    : record.settled(Instant.now());
            ledger.update(settled);
        }
        log.debug("{} settled pending transfer {}: {}", profile.party(), reference, settled.status());
        notifications.settled(settled);
    }
}
