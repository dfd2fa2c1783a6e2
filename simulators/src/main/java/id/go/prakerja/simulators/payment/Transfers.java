package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.http.SimRequest;
import id.go.prakerja.simulators.http.SimResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The transfer (BNI: intrabank transfer to an account number; e-wallets: {@code /emoney/topup}),
 * with the money rules the platform's must hold against: {@code partnerReferenceNo} is the
 * idempotency key. A repeat of an accepted transfer is refused with {@code 409xx01} and never paid
 * again; the same reference with another amount or destination is {@code 404xx18}. A transfer to an
 * unknown or inactive account, or over the account's limit, is refused without a record, so the
 * reference may be retried once the participant fixes the account.
 *
 * <p>A share of transfers, chosen per reference, is answered "pending" ({@code 202xx00}) and settled
 * later by {@link PendingSettlements}; the others are paid at once, and notified at once by partners
 * that confirm every transfer.
 */
final class Transfers {

    private static final Logger log = LoggerFactory.getLogger(Transfers.class);
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,13}\\.\\d{2}");
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9\\-_.]{1,64}");

    private final PartnerProfile profile;
    private final SnapGate gate;
    private final AccountBook accounts;
    private final Ledger ledger;
    private final ReferenceNumbers references;
    private final PartnerBehaviour behaviour;
    private final PendingSettlements pending;
    private final Notifications notifications;

    Transfers(PartnerProfile profile, SnapGate gate, AccountBook accounts, Ledger ledger, ReferenceNumbers references,
              PartnerBehaviour behaviour, PendingSettlements pending, Notifications notifications) {
        this.profile = profile;
        this.gate = gate;
        this.accounts = accounts;
        this.ledger = ledger;
        this.references = references;
        this.behaviour = behaviour;
        this.pending = pending;
        this.notifications = notifications;
    }

    SimResponse transfer(SimRequest request) {
        String svc = profile.transferServiceCode();
        JsonNode body = gate.authenticate(request, svc);
        String externalId = request.header("X-EXTERNAL-ID").trim();
        String reference = SnapMessages.text(body, "partnerReferenceNo", svc, true);
        if (!REFERENCE.matcher(reference).matches()) {
            throw SnapFailure.format(svc, "partnerReferenceNo");
        }
        long amount = amount(body, svc);
        String destination = SnapMessages.destination(profile, body, svc);

        PaymentRecord record;
        synchronized (ledger) { // check-then-insert in one step: a reference is paid only once
            PaymentRecord existing = ledger.find(reference).orElse(null);
            if (existing != null) {
                if (behaviour.limitBeforeDuplicate()) {
                    throw SnapFailure.of(403, svc, "02", "Exceeds Transaction Amount Limit");
                }
                if (existing.amount() != amount || !existing.destination().equals(destination)) {
                    throw SnapFailure.of(404, svc, "18", "Inconsistent Request");
                }
                throw SnapFailure.of(409, svc, "01", "Duplicate partnerReferenceNo");
            }
            PartnerAccount account = accounts.get(destination);
            if (account == null) {
                throw SnapFailure.of(404, svc, "11", "Invalid Account");
            }
            if (!account.active()) {
                throw SnapFailure.of(403, svc, "18", "Inactive Account");
            }
            long limit = account.kycUpgraded() ? profile.perTransferLimit()
                    : Math.min(profile.perTransferLimit(), profile.basicAccountLimit());
            if (amount > limit) {
                throw SnapFailure.of(403, svc, "02", "Exceeds Transaction Amount Limit");
            }
            boolean pends = Math.floorMod(reference.hashCode(), 100) < behaviour.pendingPercent();
            Instant now = Instant.now();
            record = new PaymentRecord(profile.party(), reference, references.next(), externalId, destination,
                    account.ownerName(), amount, pends ? PaymentStatus.PENDING : PaymentStatus.SUCCESS,
                    now, pends ? null : now, null);
            ledger.add(record);
        }
        if (log.isDebugEnabled()) {
            log.debug("{} accepted transfer {} of Rp{} to {}: {}", profile.party(), reference, amount,
                    maskDestination(destination), record.status());
        }
        if (record.status() == PaymentStatus.PENDING) {
            pending.schedule(reference);
        } else if (profile.callbackOnEveryTransfer()) {
            notifications.settled(record);
        }
        return answer(record, svc);
    }

    private SimResponse answer(PaymentRecord record, String svc) {
        boolean pends = record.status() == PaymentStatus.PENDING;
        int status = pends ? 202 : 200;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("responseCode", PartnerProfile.code(status, svc, "00"));
        answer.put("responseMessage", pends ? "Request In Progress" : "Successful");
        answer.put("referenceNo", record.referenceNo());
        answer.put("partnerReferenceNo", record.partnerReferenceNo());
        answer.put("amount", SnapMessages.money(record.amount()));
        if (profile.isBank()) {
            answer.put("beneficiaryAccountNo", record.destination());
        } else {
            answer.put("customerNumber", record.destination());
        }
        answer.put("transactionDate", SnapSignature.timestamp(record.createdAt()));
        return SimResponse.json(status, answer);
    }

    /** Whole rupiah from {@code {"value":"600000.00","currency":"IDR"}}; cents must be zero. */
    private static long amount(JsonNode body, String svc) {
        JsonNode amount = body.path("amount");
        if (!amount.isObject()) {
            throw SnapFailure.mandatory(svc, "amount");
        }
        String value = SnapMessages.text(amount, "value", svc, true);
        String currency = SnapMessages.text(amount, "currency", svc, true);
        if (!"IDR".equals(currency)) {
            throw SnapFailure.format(svc, "amount.currency");
        }
        if (!AMOUNT.matcher(value).matches()) {
            throw SnapFailure.format(svc, "amount.value");
        }
        BigDecimal decimal = new BigDecimal(value);
        if (decimal.signum() <= 0 || decimal.stripTrailingZeros().scale() > 0) {
            throw SnapFailure.format(svc, "amount.value");
        }
        return decimal.longValueExact();
    }

    /** Only the last four characters of an account number or phone reach the log. */
    private static String maskDestination(String destination) {
        return destination.length() <= 4 ? "****" : "*".repeat(destination.length() - 4)
                + destination.substring(destination.length() - 4);
    }
}
