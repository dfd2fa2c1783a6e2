package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.http.Json;
import id.go.prakerja.simulators.http.SimRequest;
import id.go.prakerja.simulators.population.PhoneNumbers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The pieces of SNAP's message format every endpoint shares: reading a request body's fields, with
 * the refusal SNAP prescribes for a missing ({@code 400xx02}) or malformed ({@code 400xx01}) one,
 * and writing the common parts of an answer.
 */
final class SnapMessages {

    static final Pattern ACCOUNT_NUMBER = Pattern.compile("\\d{6,20}");
    static final Pattern NIK = Pattern.compile("\\d{16}");

    private SnapMessages() {
    }

    /** The body as a JSON object; anything else is refused as a malformed request body. */
    static JsonNode parseBody(SimRequest request, String svc) {
        try {
            JsonNode body = Json.mapper().readTree(request.body());
            if (body == null || !body.isObject()) {
                throw SnapFailure.format(svc, "request body");
            }
            return body;
        } catch (JacksonException e) {
            throw SnapFailure.format(svc, "request body");
        }
    }

    /** A trimmed string field; blank counts as absent, so a required one must carry text. */
    static String text(JsonNode body, String field, String svc, boolean required) {
        JsonNode n = body.path(field);
        if (n.isMissingNode() || n.isNull() || (n.isString() && n.asString().isBlank())) {
            if (required) {
                throw SnapFailure.mandatory(svc, field);
            }
            return null;
        }
        if (!n.isString()) {
            throw SnapFailure.format(svc, field);
        }
        return n.asString().trim();
    }

    /** The account key a request names: account number (BNI) or national-format phone (e-wallets). */
    static String destination(PartnerProfile profile, JsonNode body, String svc) {
        if (profile.isBank()) {
            String field = "beneficiaryAccountNo";
            String number = text(body, field, svc, true);
            if (!ACCOUNT_NUMBER.matcher(number).matches()) {
                throw SnapFailure.format(svc, field);
            }
            return number;
        }
        String phone = text(body, "customerNumber", svc, true);
        if (profile.nationalPhoneFormatOnly()) {
            if (!PhoneNumbers.isNationalMobile(phone)) {
                throw SnapFailure.of(400, svc, "01", "Invalid Field Format customerNumber (expected 08…)");
            }
            return phone;
        }
        return PhoneNumbers.toNational(phone).orElseThrow(() -> SnapFailure.format(svc, "customerNumber"));
    }

    /** The start of every successful answer; the endpoint adds its own fields after these. */
    static Map<String, Object> success(int status, String svc) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("responseCode", PartnerProfile.code(status, svc, "00"));
        answer.put("responseMessage", "Successful");
        return answer;
    }

    /** SNAP's amount object for whole rupiah: {@code {"value":"600000.00","currency":"IDR"}}. */
    static Map<String, String> money(long rupiah) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("value", rupiah + ".00");
        m.put("currency", "IDR");
        return m;
    }
}
