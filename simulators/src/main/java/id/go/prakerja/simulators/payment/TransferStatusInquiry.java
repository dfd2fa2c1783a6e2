package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.http.SimRequest;
import id.go.prakerja.simulators.http.SimResponse;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;

/**
 * The transfer status inquiry (BNI: {@code /transfer/status}; e-wallets: {@code /emoney/topup-status}):
 * the only way the platform learns the truth about a transfer whose answer it never got (a timeout,
 * an error after the partner did its work) or that is still pending. A partner whose inquiry reads a
 * lagging ledger answers "not found" for a while after the transfer ({@code recordAfterMillis}).
 */
final class TransferStatusInquiry {

    private final PartnerProfile profile;
    private final SnapGate gate;
    private final Ledger ledger;
    private final PartnerBehaviour behaviour;

    TransferStatusInquiry(PartnerProfile profile, SnapGate gate, Ledger ledger, PartnerBehaviour behaviour) {
        this.profile = profile;
        this.gate = gate;
        this.ledger = ledger;
        this.behaviour = behaviour;
    }

    SimResponse status(SimRequest request) {
        String svc = profile.statusServiceCode();
        JsonNode body = gate.authenticate(request, svc);
        String reference = SnapMessages.text(body, "originalPartnerReferenceNo", svc, true);
        String serviceCode = SnapMessages.text(body, "serviceCode", svc, true);
        if (!profile.transferServiceCode().equals(serviceCode)) {
            throw SnapFailure.format(svc, "serviceCode");
        }
        long hiddenFor = behaviour.recordAfterMillis();
        PaymentRecord record = ledger.find(reference)
                .filter(r -> hiddenFor == 0 || r.createdAt().plusMillis(hiddenFor).isBefore(Instant.now()))
                .orElseThrow(() -> SnapFailure.of(404, svc, "01", "Transaction Not Found"));
        Map<String, Object> answer = SnapMessages.success(200, svc);
        answer.put("originalReferenceNo", record.referenceNo());
        answer.put("originalPartnerReferenceNo", record.partnerReferenceNo());
        answer.put("originalExternalId", record.externalId());
        answer.put("serviceCode", profile.transferServiceCode());
        answer.put("transactionDate", SnapSignature.timestamp(record.createdAt()));
        answer.put("amount", SnapMessages.money(record.amount()));
        answer.put(profile.isBank() ? "beneficiaryAccountNo" : "customerNumber", record.destination());
        answer.put("latestTransactionStatus", record.status().snapCode());
        answer.put("transactionStatusDesc", record.status().description());
        if (record.failureCode() != null) {
            answer.put("additionalInfo", Map.of("failureCode", record.failureCode()));
        }
        return SimResponse.json(200, answer);
    }
}
