package id.go.prakerja.simulators.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An answer computed by a handler before anything is written to the wire. Handlers return values
 * instead of writing to the exchange so that fault injection can decide afterwards whether the
 * answer is delivered, delayed or withheld.
 */
public record SimResponse(int status, Map<String, String> headers, byte[] body) {

    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    public SimResponse {
        headers = Map.copyOf(headers);
    }

    public static SimResponse json(int status, Object body) {
        return new SimResponse(status, Map.of("Content-Type", JSON), Json.write(body));
    }

    public static SimResponse empty(int status) {
        return new SimResponse(status, Map.of(), new byte[0]);
    }

    /** RFC 9457 problem details, with field-level errors when there are any. */
    public static SimResponse problem(int status, String title, String detail, List<FieldError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        if (!errors.isEmpty()) {
            body.put("errors", errors.stream()
                    .map(e -> Map.of("field", e.field(), "message", e.message()))
                    .toList());
        }
        return new SimResponse(status, Map.of("Content-Type", PROBLEM_JSON), Json.write(body));
    }

    public SimResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new SimResponse(status, copy, body);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
