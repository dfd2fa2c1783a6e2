package id.go.prakerja.registration.grievance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import id.go.prakerja.testsupport.HttpApi;

/** Grievances filed the way a participant's browser or app sends them. */
public final class GrievanceForms {

    private GrievanceForms() {
    }

    /** A multipart filing as a browser's form sends it: step and text as fields, each image a file part "images". */
    public static HttpApi.Response file(HttpApi api, String step, String text, byte[]... images) {
        String boundary = "----aduan" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (step != null) {
            field(body, boundary, "step", step);
        }
        if (text != null) {
            field(body, boundary, "text", text);
        }
        for (int i = 0; i < images.length; i++) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"images\"; filename=\"foto" + i
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(images[i]);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return api.sendRaw("POST", "/api/v1/grievances", body.toByteArray(),
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
    }

    private static void field(ByteArrayOutputStream body, String boundary, String name, String value) {
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
}
