package id.go.prakerja.registration;

import java.util.HashMap;
import java.util.Map;

/**
 * A valid registration request. Each test class passes an identity of its own (NIK, KK,
 * e-mail, phone), so its rows never collide with another class's on the shared database;
 * province and regency are read from the NIK, as the rules require them to match.
 */
public final class TestApplicants {

    private TestApplicants() {
    }

    public static Map<String, Object> body(String nik, String kkNumber, String fullName, String birthPlace,
            String birthDate, String email, String phone, String address) {
        Map<String, Object> body = new HashMap<>();
        body.put("nik", nik);
        body.put("kkNumber", kkNumber);
        body.put("fullName", fullName);
        body.put("birthPlace", birthPlace);
        body.put("birthDate", birthDate);
        body.put("sex", "MALE");
        body.put("email", email);
        body.put("phone", phone);
        body.put("address", address);
        body.put("provinceCode", nik.substring(0, 2));
        body.put("regencyCode", nik.substring(0, 4));
        body.put("education", "SMA_SMK");
        body.put("jobStatus", "LAID_OFF");
        body.put("declarations", Map.of("inFormalEducation", false, "publicOffice", "NONE"));
        return body;
    }
}
