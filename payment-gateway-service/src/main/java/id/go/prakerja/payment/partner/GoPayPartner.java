package id.go.prakerja.payment.partner;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.snap.SnapClient;
import tools.jackson.databind.JsonNode;

/**
 * GoPay: an e-wallet that confirms every top-up with a notification in its own shape
 * ({@code partnerReferenceNo}, {@code status} SETTLEMENT / PENDING / FAILURE), delivered at least
 * once, usually twice.
 */
public final class GoPayPartner extends EmoneyPartner {

    public GoPayPartner(SnapClient client) {
        super(PayoutPartner.GOPAY, client);
    }

    @Override
    public String destination(String accountNumber) {
        return nationalPhone(accountNumber);
    }

    @Override
    public CallbackNotice notice(JsonNode body) {
        String reference = body.path("partnerReferenceNo").asString(null);
        String status = body.path("status").asString(null);
        if (reference == null || status == null) {
            return null;
        }
        PartnerAnswer.Kind state = switch (status) {
            case "SETTLEMENT" -> PartnerAnswer.Kind.PAID;
            case "FAILURE", "DENY", "EXPIRE", "CANCEL" -> PartnerAnswer.Kind.FAILED;
            default -> PartnerAnswer.Kind.PENDING;
        };
        return new CallbackNotice(reference, state, status);
    }
}
