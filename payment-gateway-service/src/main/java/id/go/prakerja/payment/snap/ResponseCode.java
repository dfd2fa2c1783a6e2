package id.go.prakerja.payment.snap;

import java.util.regex.Pattern;

/**
 * A SNAP response code: HTTP status (3 digits), service code (2) and case code (2), e.g.
 * {@code 4091701} = 409, service 17 (intrabank transfer), case 01 (duplicate partnerReferenceNo).
 */
public record ResponseCode(int httpStatus, String serviceCode, String caseCode) {

    private static final Pattern SHAPE = Pattern.compile("\\d{7}");

    /** Null when the text is not a 7-digit code. */
    public static ResponseCode parse(String text) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            return null;
        }
        return new ResponseCode(Integer.parseInt(text.substring(0, 3)), text.substring(3, 5), text.substring(5, 7));
    }

    public boolean is(int status, String caseCode) {
        return httpStatus == status && this.caseCode.equals(caseCode);
    }

    @Override
    public String toString() {
        return httpStatus + serviceCode + caseCode;
    }
}
