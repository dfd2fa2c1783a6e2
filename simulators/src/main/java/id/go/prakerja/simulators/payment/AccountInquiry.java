package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.http.SimRequest;
import id.go.prakerja.simulators.http.SimResponse;
import id.go.prakerja.simulators.population.Nik;
import tools.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The account inquiry (BNI: internal account inquiry; e-wallets: {@code /emoney/account-inquiry}):
 * whose account this is, whether it can receive money and, when the caller sends the participant's
 * NIK or its SHA-256, whether the partner's KYC matches it. The partner shows a masked NIK only,
 * and a never-upgraded wallet matches no NIK, because its owner never proved who they are.
 *
 * <p>The bodies of the latest inquiries that passed authentication are kept, at most
 * {@value #INQUIRIES_KEPT}, so that a test can check what the platform discloses to a partner.
 */
final class AccountInquiry {

    static final int INQUIRIES_KEPT = 1_000;
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final PartnerProfile profile;
    private final SnapGate gate;
    private final AccountBook accounts;
    private final ReferenceNumbers references;
    /** Guarded by {@code this}. */
    private final Deque<String> inquiries = new ArrayDeque<>();

    AccountInquiry(PartnerProfile profile, SnapGate gate, AccountBook accounts, ReferenceNumbers references) {
        this.profile = profile;
        this.gate = gate;
        this.accounts = accounts;
        this.references = references;
    }

    /** Oldest first, as they arrived. */
    synchronized List<String> inquiries() {
        return List.copyOf(inquiries);
    }

    synchronized void reset() {
        inquiries.clear();
    }

    SimResponse inquire(SimRequest request) {
        String svc = profile.inquiryServiceCode();
        JsonNode body = gate.authenticate(request, svc);
        String partnerReferenceNo = SnapMessages.text(body, "partnerReferenceNo", svc, false);
        String key = SnapMessages.destination(profile, body, svc);
        remember(request.bodyText());
        PartnerAccount account = accounts.get(key);
        if (account == null) {
            throw SnapFailure.of(404, svc, "11", "Invalid Account");
        }
        Map<String, Object> answer = SnapMessages.success(200, svc);
        answer.put("referenceNo", references.next());
        if (partnerReferenceNo != null) {
            answer.put("partnerReferenceNo", partnerReferenceNo);
        }
        if (profile.isBank()) {
            answer.put("beneficiaryAccountNo", account.accountNumber());
            answer.put("beneficiaryAccountName", account.ownerName());
            answer.put("beneficiaryAccountStatus", account.active() ? "ACTIVE" : "INACTIVE");
            answer.put("currency", "IDR");
        } else {
            answer.put("customerNumber", account.phone());
            answer.put("customerName", account.ownerName());
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("kycUpgraded", account.kycUpgraded());
        info.put("accountType", account.kycUpgraded() ? profile.upgradedAccountType() : profile.basicAccountType());
        info.put("accountStatus", account.active() ? "ACTIVE" : "INACTIVE");
        if (account.nik() != null) {
            info.put("maskedNik", Nik.mask(account.nik()));
        }
        Boolean nikMatch = nikMatch(body, account, svc);
        if (nikMatch != null) {
            info.put("nikMatch", nikMatch);
        }
        answer.put("additionalInfo", info);
        return SimResponse.json(200, answer);
    }

    private synchronized void remember(String body) {
        if (inquiries.size() >= INQUIRIES_KEPT) {
            inquiries.removeFirst();
        }
        inquiries.addLast(body);
    }

    /** True/false when the caller sent {@code additionalInfo.nik} or {@code additionalInfo.nikHash}, else null. */
    private static Boolean nikMatch(JsonNode body, PartnerAccount account, String svc) {
        JsonNode info = body.path("additionalInfo");
        String nik = info.isObject() ? SnapMessages.text(info, "nik", svc, false) : null;
        String nikHash = info.isObject() ? SnapMessages.text(info, "nikHash", svc, false) : null;
        if (nik != null && !SnapMessages.NIK.matcher(nik).matches()) {
            throw SnapFailure.format(svc, "additionalInfo.nik");
        }
        if (nikHash != null && !HEX_SHA256.matcher(nikHash).matches()) {
            throw SnapFailure.format(svc, "additionalInfo.nikHash");
        }
        if (nik == null && nikHash == null) {
            return null;
        }
        if (account.nik() == null) {
            return false; // never KYC'd: the partner cannot vouch for anyone's NIK
        }
        return nik != null ? nik.equals(account.nik()) : nikHash.equalsIgnoreCase(SnapSignature.sha256Hex(account.nik()));
    }
}
