package id.go.prakerja.payment.reconciliation;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.partner.PaymentPartners;
import id.go.prakerja.payment.snap.SnapSignatures;
import id.go.prakerja.support.config.PlatformSchedulers;
import id.go.prakerja.support.lease.Leases;

/**
 * Reconciles yesterday (Jakarta time) for every configured partner once a day
 * ({@code prakerja.payment.reconciliation.cron}, 02:00 WIB by default), one replica at a time. A
 * partner whose report cannot be had is logged and left for an operator to run again
 * ({@code POST /admin/reconciliation/{partner}/{day}}).
 */
@Component
public class DailyReconciliation {

    private static final Logger log = LoggerFactory.getLogger(DailyReconciliation.class);
    private static final String LEASE = "payment.daily-reconciliation";

    private final SettlementReconciliation reconciliation;
    private final PaymentPartners partners;
    private final Leases leases;
    private final Clock clock;

    public DailyReconciliation(SettlementReconciliation reconciliation, PaymentPartners partners, Leases leases, Clock clock) {
        this.reconciliation = reconciliation;
        this.partners = partners;
        this.leases = leases;
        this.clock = clock;
    }

    @Scheduled(cron = "${prakerja.payment.reconciliation.cron:0 0 2 * * *}", zone = "Asia/Jakarta",
            scheduler = PlatformSchedulers.WORKERS)
    public void reconcileYesterday() {
        if (!leases.tryAcquire(LEASE, Duration.ofMinutes(30))) {
            return;
        }
        try {
            reconcile(LocalDate.now(clock.withZone(SnapSignatures.WIB)).minusDays(1));
        } finally {
            leases.release(LEASE);
        }
    }

    /** Reconciles one day for every configured partner; returns the partners that could not be reconciled. */
    public List<PayoutPartner> reconcile(LocalDate day) {
        List<PayoutPartner> failed = new ArrayList<>();
        for (PayoutPartner partner : partners.all().keySet()) {
            try {
                reconciliation.reconcile(partner, day);
            } catch (RuntimeException e) {
                failed.add(partner);
                log.error("settlement reconciliation of {} on {} failed ({}); run it again from /admin/reconciliation",
                        partner, day, e.getMessage());
            }
        }
        return failed;
    }
}
