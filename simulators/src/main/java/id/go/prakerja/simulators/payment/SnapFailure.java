package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.http.HttpFailure;
import id.go.prakerja.simulators.http.SimResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/** A SNAP refusal: HTTP status plus a body of {@code responseCode} and {@code responseMessage}. */
final class SnapFailure {

    private SnapFailure() {
    }

    static SimResponse response(int httpStatus, String serviceCode, String caseCode, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("responseCode", PartnerProfile.code(httpStatus, serviceCode, caseCode));
        body.put("responseMessage", message);
        return SimResponse.json(httpStatus, body);
    }

    static HttpFailure of(int httpStatus, String serviceCode, String caseCode, String message) {
        return new HttpFailure(response(httpStatus, serviceCode, caseCode, message));
    }

    static HttpFailure mandatory(String serviceCode, String field) {
        return of(400, serviceCode, "02", "Invalid Mandatory Field " + field);
    }

    static HttpFailure format(String serviceCode, String field) {
        return of(400, serviceCode, "01", "Invalid Field Format " + field);
    }
}
