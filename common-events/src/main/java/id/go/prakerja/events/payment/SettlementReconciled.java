package id.go.prakerja.events.payment;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.Require;
import id.go.prakerja.events.incentive.PayoutPartner;

/**
 * The gateway matched a partner's settlement report of one business day (Jakarta time) against
 * its own payments of that day. Announced after every run, the nightly one and each one an
 * operator asks for; a later run of the same partner and day replaces the earlier one (its
 * {@code reconciledAt} is later). Not about a participant: the envelope's participantId is
 * {@link #key(PayoutPartner, LocalDate)}, so the runs of one partner and day stay in order.
 *
 * @param paidHere          payments of that day the gateway holds as paid (after the run), count and rupiah
 * @param paidThere         lines of the report the partner shows as paid, count and rupiah
 * @param matched           payments both sides agree on (paid or not)
 * @param paidThereNotHere  paid in the report, no payment of ours under that reference
 * @param hereNotThere      paid here, absent from the report
 * @param amountDiffers     both sides hold the payment with different amounts (rupiah: ours)
 * @param accountDiffers    the partner credited another account than ours (rupiah: ours)
 * @param statusDiffers     paid on one side, not on the other (rupiah: ours)
 * @param settledFromReport unknown or pending here, paid in the report: settled from it during the run
 */
public record SettlementReconciled(PayoutPartner partner, LocalDate businessDay, int reportLines, int ourPayments,
        Amount paidHere, Amount paidThere, Amount matched, Amount paidThereNotHere, Amount hereNotThere,
        Amount amountDiffers, Amount accountDiffers, Amount statusDiffers, Amount settledFromReport, Instant reconciledAt)
        implements DomainEvent {

    public record Amount(long count, long rupiah) {

        public static final Amount NONE = new Amount(0, 0);

        public Amount {
            Require.that(count >= 0, "count must be >= 0, was " + count);
        }

        public Amount plus(long rupiah) {
            return new Amount(count + 1, this.rupiah + rupiah);
        }
    }

    public SettlementReconciled {
        Require.notNull(partner, "partner");
        Require.notNull(businessDay, "businessDay");
        Require.notNull(paidHere, "paidHere");
        Require.notNull(paidThere, "paidThere");
        Require.notNull(matched, "matched");
        Require.notNull(paidThereNotHere, "paidThereNotHere");
        Require.notNull(hereNotThere, "hereNotThere");
        Require.notNull(amountDiffers, "amountDiffers");
        Require.notNull(accountDiffers, "accountDiffers");
        Require.notNull(statusDiffers, "statusDiffers");
        Require.notNull(settledFromReport, "settledFromReport");
        Require.notNull(reconciledAt, "reconciledAt");
    }

    /** A name-based UUID of the partner and day: the Kafka key of every run of that report. */
    public static UUID key(PayoutPartner partner, LocalDate businessDay) {
        return UUID.nameUUIDFromBytes(("settlement-" + partner.name() + "-" + businessDay).getBytes(StandardCharsets.UTF_8));
    }

    /** Mismatches an operator must act on (settled-from-report needs no action). */
    public long mismatches() {
        return paidThereNotHere.count() + hereNotThere.count() + amountDiffers.count() + accountDiffers.count()
                + statusDiffers.count();
    }
}
