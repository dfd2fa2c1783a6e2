package id.go.prakerja.payment.partner;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.snap.SnapClient;
import tools.jackson.databind.node.ObjectNode;

/**
 * BNI: pays into BNI accounts by intrabank transfer (service 17), checks them with the internal
 * account inquiry (15) and answers status inquiries under 36. Bank accounts are always KYC'd, and
 * the inquiry says nothing about a phone.
 */
public final class BniPartner extends SnapPaymentPartner {

    private final String sourceAccountNo;

    public BniPartner(SnapClient client, String sourceAccountNo) {
        super(PayoutPartner.BNI, client);
        this.sourceAccountNo = sourceAccountNo;
    }

    @Override
    protected String inquiryPath() {
        return "/snap/v1.0/account-inquiry-internal";
    }

    @Override
    protected String transferPath() {
        return "/snap/v1.0/transfer-intrabank";
    }

    @Override
    protected String statusPath() {
        return "/snap/v1.0/transfer/status";
    }

    @Override
    protected String transferServiceCode() {
        return "17";
    }

    @Override
    protected String destinationField() {
        return "beneficiaryAccountNo";
    }

    @Override
    protected String holderNameField() {
        return "beneficiaryAccountName";
    }

    @Override
    protected String transferBody(String reference, long amount, String accountNumber) {
        ObjectNode body = JSON.createObjectNode();
        body.put("partnerReferenceNo", reference);
        ObjectNode money = body.putObject("amount");
        money.put("value", amount + ".00");
        money.put("currency", "IDR");
        body.put("beneficiaryAccountNo", destination(accountNumber));
        if (sourceAccountNo != null && !sourceAccountNo.isBlank()) {
            body.put("sourceAccountNo", sourceAccountNo);
        }
        return body.toString();
    }
}
