package id.go.prakerja.payment.reconciliation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import id.go.prakerja.payment.disbursement.PaymentAccounts;
import id.go.prakerja.payment.disbursement.PaymentLedger;
import id.go.prakerja.payment.disbursement.PaymentStatus;
import id.go.prakerja.payment.disbursement.PaymentTransitions;
import id.go.prakerja.payment.partner.PartnerAnswer;
import id.go.prakerja.payment.partner.PartnerGuard;
import id.go.prakerja.payment.partner.PaymentPartner;
import id.go.prakerja.payment.partner.PaymentPartners;
import id.go.prakerja.payment.snap.SnapSignatures;
import id.go.prakerja.support.outbox.Outbox;

/**
 * Matches a partner's settlement report for a day against every attempt we sent that partner that
 * day (Jakarta time), under every reference an instruction ever used, page by page: paid there but
 * not here, here but not there, amount or account differs, status differs, and paid under an
 * earlier reference (which settles the tranche as paid and blocks any further attempt). Each mismatch is kept with the action an operator should take; a payment we
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
    private final PaymentAccounts accounts;

    public SettlementReconciliation(PaymentPartners partners, PaymentLedger ledger, JdbcTemplate jdbc,
            TransactionTemplate transactions, Outbox outbox, Clock clock, PaymentAccounts accounts) {
        this.partners = partners;
        this.accounts = accounts;
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
        PAID_UNDER_EARLIER_REFERENCE("none to pay: the tranche is settled as paid and blocked; if its later attempt was"
                + " credited too, recover one credit from the participant's account"),
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
        // every attempt sent to this partner that day, whenever its payment was created or re-armed, and every
        // attempt the report names (a transfer sent just before midnight and settled after it)
        Map<String, PaymentLedger.Attempt> ours = new LinkedHashMap<>();
        jdbc.query(PaymentLedger.ATTEMPTS + " where a.partner = ? and a.first_sent_at < ? and a.last_sent_at >= ?",
                PaymentLedger::attempt, partner.name(), Timestamp.from(to), Timestamp.from(from))
                .forEach(a -> ours.put(a.partnerReferenceNo(), a));
        List<String> named = report.keySet().stream().filter(r -> !ours.containsKey(r)).toList();
        if (!named.isEmpty()) {
            jdbc.query(PaymentLedger.ATTEMPTS + " where a.partner = ? and a.partner_reference_no = any(?)",
                    PaymentLedger::attempt, partner.name(), named.toArray(String[]::new))
                    .forEach(a -> ours.put(a.partnerReferenceNo(), a));
        }
        Map<String, Payment> payments = new HashMap<>();
        Set<String> instructions = new HashSet<>();
        ours.values().forEach(a -> instructions.add(a.instructionId()));
        if (!instructions.isEmpty()) {
            jdbc.query("select * from payment where instruction_id = any(?)", PaymentLedger.ROWS,
                    (Object) instructions.toArray(String[]::new)).forEach(p -> payments.put(p.instructionId(), p));
        }
        List<Mismatch> mismatches = new ArrayList<>();
        Totals totals = new Totals();
        for (PaymentPartner.SettlementLine line : report.values()) {
            if (line.paid()) {
                totals.paidThere = totals.paidThere.plus(line.amount());
            }
        }
        int matched = 0;
        int settled = 0;
        Set<String> creditedInstructions = new HashSet<>();
        for (PaymentLedger.Attempt a : ours.values()) {
            Payment p = payments.get(a.instructionId());
            PaymentPartner.SettlementLine line = report.get(a.partnerReferenceNo());
            if (line != null && line.paid()) {
                creditedInstructions.add(a.instructionId());
            }
            if (p == null) {
                continue;
            }
            if (!a.partnerReferenceNo().equals(p.partnerReferenceNo())) {
                if (line == null || !line.paid()) {
                    matched++; // an earlier attempt, not credited here either
                    totals.matched = totals.matched.plus(a.amount());
                    continue;
                }
                // an attempt that failed or was replaced was credited after all: the tranche is paid, nothing more may go
                totals.add(Kind.PAID_UNDER_EARLIER_REFERENCE, line.amount());
                mismatches.add(mismatch(a.partnerReferenceNo(), p.instructionId(), Kind.PAID_UNDER_EARLIER_REFERENCE,
                        "attempt " + a.attempt() + " of " + p.attempt() + "; payment " + p.status() + " under "
                                + p.partnerReferenceNo(), "paid Rp" + line.amount()));
                ledger.block(p.instructionId(), "settlement report of " + partner + " " + day + ": earlier reference "
                        + a.partnerReferenceNo() + " paid");
                if (ledger.settleAsPaid(p.instructionId(), a.partnerReferenceNo(), line.referenceNo(),
                        "settlement report of " + day + ": earlier reference " + a.partnerReferenceNo() + " paid",
                        "REPORT/" + line.rawStatus(), true)) {
                    settled++;
                    totals.paidHere = totals.paidHere.plus(line.amount());
                }
                continue;
            }
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
            if (line.amount() != a.amount()) {
                totals.add(Kind.AMOUNT_DIFFERS, a.amount());
                mismatches.add(mismatch(p.partnerReferenceNo(), p.instructionId(), Kind.AMOUNT_DIFFERS,
                        "Rp" + a.amount(), "Rp" + line.amount()));
                ok = false;
            }
            // the attempt's account is opened only to compare it with the destination the report names; the
            // mismatch keeps both masked
            String destination = line.destination() == null ? null : guard.partner().destination(accounts.open(a));
            if (line.destination() != null && !line.destination().equals(destination)) {
                totals.add(Kind.ACCOUNT_DIFFERS, a.amount());
                mismatches.add(mismatch(p.partnerReferenceNo(), p.instructionId(), Kind.ACCOUNT_DIFFERS,
                        mask(destination), mask(line.destination())));
                ok = false;
            }
            boolean paidHere = p.status() == PaymentStatus.SUCCEEDED;
            if (paidHere) {
                totals.paidHere = totals.paidHere.plus(p.amount());
            }
            boolean waiting = p.status() != PaymentStatus.FAILED && (p.status() != PaymentStatus.RECEIVED || p.sends() > 0);
            if (line.paid() && !paidHere && waiting && ok) {
                if (ledger.settleAsPaid(p.instructionId(), a.partnerReferenceNo(), line.referenceNo(),
                        "settlement report of " + day + ": paid", "REPORT/" + line.rawStatus(), false)) {
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
                if (line.paid() && p.status() == PaymentStatus.FAILED) {
                    // failed here, credited there: the tranche was paid, so it may never be paid again
                    ledger.block(p.instructionId(), "settlement report of " + partner + " " + day + ": " + a.partnerReferenceNo()
                            + " paid though its transfer was answered as failed");
                    if (ledger.settleAsPaid(p.instructionId(), a.partnerReferenceNo(), line.referenceNo(),
                            "settlement report of " + day + ": paid although answered as failed", "REPORT/" + line.rawStatus(),
                            true)) {
                        settled++;
                    }
                }
            }
            if (ok) {
                matched++;
                totals.matched = totals.matched.plus(p.amount());
            }
        }
        settled += clearDoubts(partner, day, from, to, payments, creditedInstructions);
        for (PaymentPartner.SettlementLine line : report.values()) {
            if (!ours.containsKey(line.partnerReferenceNo()) && line.paid()
                    && ledger.attemptByReference(line.partnerReferenceNo()).isEmpty()) {
                totals.add(Kind.PAID_THERE_NOT_HERE, line.amount());
                mismatches.add(mismatch(line.partnerReferenceNo(), null, Kind.PAID_THERE_NOT_HERE, "absent",
                        "paid Rp" + line.amount()));
            }
        }
        Run run = new Run(partner, day, report.size(), ours.size(), matched, mismatches, settled);
        store(run, totals);
        log.info("reconciliation of {} on {}: {} report lines, {} payments, {} matched, {} mismatches, {} settled from the report",
                partner, day, run.reportLines(), run.ourPayments(), matched, mismatches.size(), settled);
        return run;
    }

    /**
     * A payment IN_DOUBT whose every attempt went to this partner on this day, none of them paid in
     * the day's report, is shown uncredited by the report: it fails for the reason its refusal gave.
     */
    private int clearDoubts(PayoutPartner partner, LocalDate day, Instant from, Instant to, Map<String, Payment> payments,
            Set<String> creditedInstructions) {
        int cleared = 0;
        for (Payment p : payments.values()) {
            if (p.status() != PaymentStatus.IN_DOUBT || creditedInstructions.contains(p.instructionId())) {
                continue;
            }
            List<PaymentLedger.Attempt> attempts = ledger.attempts(p.instructionId());
            boolean allThatDay = attempts.stream().allMatch(a -> a.partner() == partner
                    && (a.firstSentAt() == null || (!a.firstSentAt().isBefore(from) && a.lastSentAt().isBefore(to))));
            if (!allThatDay) {
                continue;
            }
            PartnerAnswer none = new PartnerAnswer(PartnerAnswer.Kind.FAILED, null, "REPORT", null, null,
                    "settlement report of " + day + ": none of " + attempts.size() + " reference(s) paid");
            cleared += ledger.apply(List.of(new PaymentLedger.Outcome(p.instructionId(), p.version(), PaymentStatus.IN_DOUBT,
                    PaymentTransitions.Source.INQUIRY, none, p.inquiries(), true, null)));
        }
        return cleared;
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
