package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.http.SimRequest;
import id.go.prakerja.simulators.http.SimResponse;
import id.go.prakerja.simulators.payment.PaymentPartnerSimulator.Discrepancy;
import id.go.prakerja.simulators.payment.PaymentPartnerSimulator.SettlementLine;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The partner's daily settlement file: every transfer created on a day (Jakarta time) that reached
 * its final state, served page by page as a signed call ({@code POST /snap/v1.0/settlement/report}).
 * The platform reconciles its own records against it, so a test can make the next report of a
 * transfer's day lie in one of the ways a {@link Discrepancy} names, and see the platform notice.
 */
final class SettlementReports {

    private final PartnerProfile profile;
    private final Ledger ledger;
    private final SnapGate gate;
    /** Guarded by {@code this}. */
    private final Map<String, Discrepancy> discrepancies = new HashMap<>();

    SettlementReports(PartnerProfile profile, Ledger ledger, SnapGate gate) {
        this.profile = profile;
        this.ledger = ledger;
        this.gate = gate;
    }

    synchronized void discrepancy(String partnerReferenceNo, Discrepancy kind) {
        discrepancies.put(partnerReferenceNo, kind);
    }

    synchronized void reset() {
        discrepancies.clear();
    }

    /** The final transfers created on {@code day}, oldest first, with the discrepancies a test injected. */
    synchronized List<SettlementLine> report(LocalDate day) {
        List<SettlementLine> lines = new ArrayList<>();
        synchronized (ledger) { // one view of the ledger: an extra line must not collide with a transfer just made
            for (PaymentRecord p : ledger.createdOn(day)) {
                if (p.status() == PaymentStatus.PENDING) {
                    continue;
                }
                Discrepancy d = discrepancies.get(p.partnerReferenceNo());
                if (d == Discrepancy.MISSING) {
                    continue;
                }
                lines.add(d == null ? line(p) : misreport(line(p), d));
            }
            discrepancies.forEach((reference, d) -> {
                if (d == Discrepancy.EXTRA && !ledger.contains(reference)) {
                    lines.add(new SettlementLine(reference, profile.referencePrefix() + "X" + Math.abs(reference.hashCode()),
                            "0000000000", 600_000, PaymentStatus.SUCCESS.snapCode(), SnapSignature.timestamp(
                            day.atTime(12, 0).toInstant(SnapSignature.WIB))));
                }
            });
        }
        return lines;
    }

    /** {@code settlementDate} (ISO), {@code page} from 0 and {@code size} up to 10,000 (default 1,000). */
    SimResponse overHttp(SimRequest request) {
        String svc = PartnerProfile.SETTLEMENT_SERVICE_CODE;
        JsonNode body = gate.authenticate(request, svc);
        String dateText = SnapMessages.text(body, "settlementDate", svc, true);
        LocalDate day;
        try {
            day = LocalDate.parse(dateText);
        } catch (DateTimeParseException e) {
            throw SnapFailure.format(svc, "settlementDate");
        }
        int page = body.path("page").isInt() ? body.path("page").asInt() : 0;
        int size = body.path("size").isInt() ? body.path("size").asInt() : 1_000;
        if (page < 0 || size < 1 || size > 10_000) {
            throw SnapFailure.format(svc, "page/size");
        }
        List<SettlementLine> all = report(day);
        int from = (int) Math.min((long) page * size, all.size());
        Map<String, Object> answer = SnapMessages.success(200, svc);
        answer.put("settlementDate", day.toString());
        answer.put("page", page);
        answer.put("size", size);
        answer.put("totalItems", all.size());
        answer.put("items", all.subList(from, Math.min(all.size(), from + size)).stream().map(l -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("partnerReferenceNo", l.partnerReferenceNo());
            item.put("referenceNo", l.referenceNo());
            item.put(profile.isBank() ? "beneficiaryAccountNo" : "customerNumber", l.destination());
            item.put("amount", SnapMessages.money(l.amount()));
            item.put("latestTransactionStatus", l.status());
            item.put("finishedTime", l.finishedTime());
            return item;
        }).toList());
        return SimResponse.json(200, answer);
    }

    private static SettlementLine line(PaymentRecord p) {
        return new SettlementLine(p.partnerReferenceNo(), p.referenceNo(), p.destination(), p.amount(),
                p.status().snapCode(), SnapSignature.timestamp(p.settledAt() != null ? p.settledAt() : p.createdAt()));
    }

    /** The line as the partner wrongly reports it; MISSING and EXTRA are not about one line. */
    private static SettlementLine misreport(SettlementLine l, Discrepancy d) {
        return switch (d) {
            case AMOUNT -> new SettlementLine(l.partnerReferenceNo(), l.referenceNo(), l.destination(), l.amount() + 1_000,
                    l.status(), l.finishedTime());
            case ACCOUNT -> new SettlementLine(l.partnerReferenceNo(), l.referenceNo(), "9" + l.destination().substring(1),
                    l.amount(), l.status(), l.finishedTime());
            case STATUS -> new SettlementLine(l.partnerReferenceNo(), l.referenceNo(), l.destination(), l.amount(),
                    PaymentStatus.SUCCESS.snapCode().equals(l.status()) ? PaymentStatus.FAILED.snapCode()
                            : PaymentStatus.SUCCESS.snapCode(), l.finishedTime());
            default -> l;
        };
    }
}
