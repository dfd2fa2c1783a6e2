package id.go.prakerja.payment.reconciliation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.events.payment.SettlementReconciled;
import id.go.prakerja.events.payment.SettlementReconciled.Amount;
import id.go.prakerja.payment.disbursement.Payment;
import id.go.prakerja.payment.disbursement.PaymentLedger;
import id.go.prakerja.payment.disbursement.PaymentStatus;
import id.go.prakerja.payment.partner.PartnerGuard;
import id.go.prakerja.payment.partner.PaymentPartner;
import id.go.prakerja.payment.partner.PaymentPartners;
import id.go.prakerja.payment.snap.SnapSignatures;
import id.go.prakerja.support.outbox.Outbox;

/**
 * Matches a partner's settlement report for a day against our payments of that day (Jakarta
 * time), page by page: paid there but not here, here but not there, amount or account differs,
 * status differs. Each mismatch is kept with the action an operator should take; a payment we
 * held as UNKNOWN, pending or in flight that the report shows paid is settled from the report
 * (and announced), since the partner's ledger is the truth about money it moved. Every run is
 * announced as {@link SettlementReconciled} (counts and rupiah paid here and in the report, and
 * of each kind of mismatch) through the outbox, with the run it describes.
 */
@Component
public class SettlementReconciliation {

    private static final Logger log = LoggerFactory.getLogger(SettlementReconciliation.class);
    private static final int PAGE = 1_000;

    private final PaymentPartners partners;
    private final PaymentLedger ledger;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final Clock clock;

    public SettlementReconciliation(PaymentPartners partners, PaymentLedger ledger, JdbcTemplate jdbc,
            TransactionTemplate transactions, Outbox outbox, Clock clock) {
        this.partners = partners;
        this.outbox = outbox;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    public enum Kind {
        PAID_THERE_NOT_HERE("investigate: the partner paid a reference we have no payment for; ask the partner to reverse it"),
        HERE_NOT_THERE("ask the partner: we hold this payment as paid but it is not in their report"),
        AMOUNT_DIFFERS("ask the partner to correct the amount, or recover the difference"),
        ACCOUNT_DIFFERS("ask the partner which account was credited; recover if it is not the participant's"),
        STATUS_DIFFERS("resolve by status inquiry (POST /admin/payments/{id}/inquiry) and ask the partner"),
        SETTLED_FROM_REPORT("none: the payment was unknown or pending here and is now settled from the report");

        final String action;

        Kind(String action) {
            this.action = action;
        }
    }

    public record Mismatch(String partnerReferenceNo, String instructionId, Kind kind, String ours, String theirs,
            String action) {
    }

    public record Run(PayoutPartner partner, LocalDate day, int reportLines, int ourPayments, int matched,
            List<Mismatch> mismatches, int settled) {
    }

    /** Counts and rupiah of a run, as announced in {@link SettlementReconciled}. */
    private static final class Totals {
        Amount paidHere = Amount.NONE;
        Amount paidThere = Amount.NONE;
        Amount matched = Amount.NONE;
        final Map<Kind, Amount> byKind = new EnumMap<>(Kind.class);

        void add(Kind kind, long rupiah) {
            byKind.merge(kind, Amount.NONE.plus(rupiah), (a, b) -> new Amount(a.count() + b.count(), a.rupiah() + b.rupiah()));
        }

        Amount of(Kind kind) {
            return byKind.getOrDefault(kind, Amount.NONE);
        }
    }

    public Run reconcile(PayoutPartner partner, LocalDate day) {
        PartnerGuard guard = partners.guard(partner);
        if (guard == null) {
            throw new IllegalStateException(partner + " is not configured");
        }
        Map<String, PaymentPartner.SettlementLine> report = new HashMap<>();
        int page = 0;
        while (true) {
            int p = page;
            PaymentPartner.SettlementPage got = guard.call(() -> guard.partner().settlement(day, p, PAGE));
            got.items().forEach(line -> report.put(line.partnerReferenceNo(), line));
            page++;
            if (got.items().isEmpty() || (long) page * PAGE >= got.totalItems()) {
                break;
            }
        }
        Instant from = day.atStartOfDay(SnapSignatures.WIB).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(SnapSignatures.WIB).toInstant();
        List<Payment> ours = jdbc.query("select * from payment where partner = ? and created_at >= ? and created_at < ?",
                PaymentLedger.ROWS, partner.name(), Timestamp.from(from), Timestamp.from(to));
        List<Mismatch> mismatches = new ArrayList<>();
        Totals totals = new Totals();
        for (PaymentPartner.SettlementLine line : report.values()) {
            if (line.paid()) {
                totals.paidThere = totals.paidThere.plus(line.amount());
            }
        }
        int matched = 0;
        int settled = 0;
        Map<String, Payment> byReference = new HashMap<>();
        for (Payment p : ours) {
            byReference.put(p.partnerReferenceNo(), p);
        }
        for (Payment p : ours) {
            PaymentPartner.SettlementLine line = report.get(p.partnerReferenceNo());
            String destination = guard.partner().destination(p.accountNumber());
            if (line == null) {
                if (p.status() == PaymentStatus.SUCCEEDED) {
                    totals.paidHere = totals.paidHere.plus(p.amount());
                    totals.add(Kind.HERE_NOT_THERE, p.amount());
                    mismatches.add(mismatch(p.partnerReferenceNo(), p.instructionId(), Kind.HERE_NOT_THERE,
                            "SUCCEEDED Rp" + p.amount(), "absent"));
                } else {
                    matched++; // neither side holds it as paid
                    totals.matched = totals.matched.plus(p.amount());
                }
                continue;
            }
            boolean ok = true;
            if (line.amount() != p.amount()) {
                totals.add(Kind.AMOUNT_DIFFERS, p.amount());
                mismatches.add(mismatch(p.partnerReferenceNo(), p.instructionId(), Kind.AMOUNT_DIFFERS,
                        "Rp" + p.amount(), "Rp" + line.amount()));
                ok = false;
            }
            if (line.destination() != null && !line.destination().equals(destination)) {
                totals.add(Kind.ACCOUNT_DIFFERS, p.amount());
                mismatches.add(mismatch(p.partnerReferenceNo(), p.instructionId(), Kind.ACCOUNT_DIFFERS,
                        mask(destination), mask(line.destination())));
                ok = false;
            }
            boolean paidHere = p.status() == PaymentStatus.SUCCEEDED;
            if (paidHere) {
                totals.paidHere = totals.paidHere.plus(p.amount());
            }
            if (line.paid() && !paidHere && p.status() != PaymentStatus.FAILED && ok) {
                if (ledger.settleAsPaid(p.instructionId(), line.referenceNo(),
                        "settlement report of " + day + ": paid", "REPORT/" + line.rawStatus())) {
                    settled++;
                    totals.paidHere = totals.paidHere.plus(p.amount());
                    totals.add(Kind.SETTLED_FROM_REPORT, p.amount());
                    mismatches.add(mismatch(p.partnerReferenceNo(), p.instructionId(), Kind.SETTLED_FROM_REPORT,
                            p.status().name(), "paid"));
                }
            } else if (line.paid() != paidHere) {
                totals.add(Kind.STATUS_DIFFERS, p.amount());
                mismatches.add(mismatch(p.partnerReferenceNo(), p.instructionId(), Kind.STATUS_DIFFERS, p.status().name(),
                        line.paid() ? "paid" : "failed"));
                ok = false;
            }
            if (ok) {
                matched++;
                totals.matched = totals.matched.plus(p.amount());
            }
        }
        for (PaymentPartner.SettlementLine line : report.values()) {
            if (!byReference.containsKey(line.partnerReferenceNo()) && line.paid()) {
                // a payment of another day? then it is not this day's mismatch
                var elsewhere = ledger.findByReference(line.partnerReferenceNo());
                if (elsewhere.isEmpty()) {
                    totals.add(Kind.PAID_THERE_NOT_HERE, line.amount());
                    mismatches.add(mismatch(line.partnerReferenceNo(), null, Kind.PAID_THERE_NOT_HERE, "absent",
                            "paid Rp" + line.amount()));
                }
            }
        }
        Run run = new Run(partner, day, report.size(), ours.size(), matched, mismatches, settled);
        store(run, totals);
        log.info("reconciliation of {} on {}: {} report lines, {} payments, {} matched, {} mismatches, {} settled from the report",
                partner, day, run.reportLines(), run.ourPayments(), matched, mismatches.size(), settled);
        return run;
    }

    /** Keeps the run and its mismatches and announces it ({@link SettlementReconciled}), in one transaction. */
    private void store(Run run, Totals totals) {
        Instant now = clock.instant();
        transactions.executeWithoutResult(tx -> {
            outbox.publish(EventEnvelope.of(new SettlementReconciled(run.partner(), run.day(), run.reportLines(),
                    run.ourPayments(), totals.paidHere, totals.paidThere, totals.matched, totals.of(Kind.PAID_THERE_NOT_HERE),
                    totals.of(Kind.HERE_NOT_THERE), totals.of(Kind.AMOUNT_DIFFERS), totals.of(Kind.ACCOUNT_DIFFERS),
                    totals.of(Kind.STATUS_DIFFERS), totals.of(Kind.SETTLED_FROM_REPORT), now),
                    SettlementReconciled.key(run.partner(), run.day()), UUID.randomUUID(), null, now));
            jdbc.update("delete from reconciliation_mismatch where partner = ? and day = ?", run.partner().name(), run.day());
            jdbc.update("""
                    insert into reconciliation_run (partner, day, ran_at, report_lines, our_payments, matched, mismatches, settled)
                    values (?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (partner, day) do update set ran_at = excluded.ran_at, report_lines = excluded.report_lines,
                        our_payments = excluded.our_payments, matched = excluded.matched, mismatches = excluded.mismatches,
                        settled = excluded.settled""",
                    run.partner().name(), run.day(), Timestamp.from(now), run.reportLines(), run.ourPayments(), run.matched(),
                    run.mismatches().size(), run.settled());
            jdbc.batchUpdate("""
                    insert into reconciliation_mismatch (partner, day, partner_reference_no, instruction_id, kind, ours, theirs, action, found_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", run.mismatches(), 500, (ps, m) -> {
                ps.setString(1, run.partner().name());
                ps.setObject(2, run.day());
                ps.setString(3, m.partnerReferenceNo());
                ps.setString(4, m.instructionId());
                ps.setString(5, m.kind().name());
                ps.setString(6, m.ours());
                ps.setString(7, m.theirs());
                ps.setString(8, m.action());
                ps.setTimestamp(9, Timestamp.from(now));
            });
        });
    }

    private static Mismatch mismatch(String reference, String instructionId, Kind kind, String ours, String theirs) {
        return new Mismatch(reference, instructionId, kind, ours, theirs, kind.action);
    }

    private static String mask(String destination) {
        return destination == null || destination.length() <= 4 ? "****"
                : "*".repeat(destination.length() - 4) + destination.substring(destination.length() - 4);
    }
}
