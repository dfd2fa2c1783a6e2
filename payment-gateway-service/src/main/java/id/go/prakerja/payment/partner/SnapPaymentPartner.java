package id.go.prakerja.payment.partner;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.snap.SnapClient;
import id.go.prakerja.payment.snap.SnapResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The SNAP conversation every partner shares; subclasses give paths, service codes and quirks. */
public abstract class SnapPaymentPartner implements PaymentPartner {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String SETTLEMENT_PATH = "/snap/v1.0/settlement/report";

    private final PayoutPartner id;
    protected final SnapClient client;

    protected SnapPaymentPartner(PayoutPartner id, SnapClient client) {
        this.id = id;
        this.client = client;
    }

    @Override
    public PayoutPartner id() {
        return id;
    }

    @Override
    public void signIn() {
        client.token();
    }

    protected abstract String inquiryPath();

    protected abstract String transferPath();

    protected abstract String statusPath();

    /** The service code of the transfer, which the status inquiry names. */
    protected abstract String transferServiceCode();

    /** The request field naming the destination: {@code beneficiaryAccountNo} or {@code customerNumber}. */
    protected abstract String destinationField();

    protected abstract String holderNameField();

    @Override
    public String destination(String accountNumber) {
        return accountNumber.trim();
    }

    @Override
    public AccountLookup lookUp(String accountNumber) {
        ObjectNode body = JSON.createObjectNode();
        body.put("partnerReferenceNo", "INQ" + System.nanoTime());
        body.put(destinationField(), destination(accountNumber));
        SnapResponse response = client.post(inquiryPath(), body.toString());
        if (!response.readable()) {
            throw new SnapClient.Unanswered("account inquiry: unreadable answer, HTTP " + response.httpStatus(), null);
        }
        int status = response.code().httpStatus();
        if (status == 404 && "11".equals(response.code().caseCode())) {
            return AccountLookup.notFound(response.rawCode());
        }
        if (status != 200) {
            // 4xx on an inquiry is our request's fault or the partner's trouble: not an answer about the account
            throw new SnapClient.Unanswered("account inquiry refused: " + response.rawCode(), null);
        }
        JsonNode info = response.body().path("additionalInfo");
        String phone = response.text("customerNumber");
        return new AccountLookup(true, response.text(holderNameField()), phone,
                info.path("nikMatch").isBoolean() ? info.path("nikMatch").asBoolean() : null,
                info.path("maskedNik").asString(null),
                info.path("kycUpgraded").asBoolean(false),
                "ACTIVE".equalsIgnoreCase(info.path("accountStatus").asString("ACTIVE")), response.rawCode());
    }

    @Override
    public PartnerAnswer transfer(String reference, long amount, String accountNumber) {
        return PartnerCodes.transfer(client.post(transferPath(), transferBody(reference, amount, accountNumber)));
    }

    protected String transferBody(String reference, long amount, String accountNumber) {
        ObjectNode body = JSON.createObjectNode();
        body.put("partnerReferenceNo", reference);
        body.put(destinationField(), destination(accountNumber));
        ObjectNode money = body.putObject("amount");
        money.put("value", amount + ".00");
        money.put("currency", "IDR");
        return body.toString();
    }

    @Override
    public PartnerAnswer status(String reference) {
        ObjectNode body = JSON.createObjectNode();
        body.put("originalPartnerReferenceNo", reference);
        body.put("serviceCode", transferServiceCode());
        return PartnerCodes.status(client.post(statusPath(), body.toString()));
    }

    @Override
    public SettlementPage settlement(LocalDate day, int page, int size) {
        ObjectNode body = JSON.createObjectNode();
        body.put("settlementDate", day.toString());
        body.put("page", page);
        body.put("size", size);
        SnapResponse response = client.post(SETTLEMENT_PATH, body.toString());
        if (!response.readable() || response.code().httpStatus() != 200) {
            throw new SnapClient.Unanswered("settlement report: " + response.rawCode(), null);
        }
        List<SettlementLine> lines = new ArrayList<>();
        for (JsonNode item : response.body().path("items")) {
            String amount = item.path("amount").path("value").asString("0.00");
            lines.add(new SettlementLine(item.path("partnerReferenceNo").asString(), item.path("referenceNo").asString(null),
                    item.path(destinationField()).asString(null), wholeRupiah(amount),
                    "00".equals(item.path("latestTransactionStatus").asString()),
                    item.path("latestTransactionStatus").asString()));
        }
        return new SettlementPage(response.body().path("totalItems").asInt(lines.size()), lines);
    }

    /** SNAP's SNAP-shaped notification: {@code originalPartnerReferenceNo}, {@code latestTransactionStatus}. */
    @Override
    public CallbackNotice notice(JsonNode body) {
        String reference = body.path("originalPartnerReferenceNo").asString(null);
        String status = body.path("latestTransactionStatus").asString(null);
        if (reference == null || status == null) {
            return null;
        }
        PartnerAnswer.Kind state = switch (status) {
            case "00" -> PartnerAnswer.Kind.PAID;
            case "04", "05", "06" -> PartnerAnswer.Kind.FAILED;
            default -> PartnerAnswer.Kind.PENDING;
        };
        return new CallbackNotice(reference, state, status);
    }

    static long wholeRupiah(String value) {
        try {
            return new java.math.BigDecimal(value).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return -1;
        }
    }
}
