package id.go.prakerja.simulators.http;

import java.util.List;

/**
 * Thrown by a handler to stop and answer with a ready-made response (usually a problem). It carries
 * no stack trace: it is control flow, not a bug.
 */
public final class HttpFailure extends RuntimeException {

    private final transient SimResponse response;

    public HttpFailure(SimResponse response) {
        super("HTTP " + response.status(), null, false, false);
        this.response = response;
    }

    public SimResponse response() {
        return response;
    }

    public static HttpFailure problem(int status, String title, String detail) {
        return new HttpFailure(SimResponse.problem(status, title, detail, List.of()));
    }

    public static HttpFailure badRequest(String detail, List<FieldError> errors) {
        return new HttpFailure(SimResponse.problem(400, "Bad Request", detail, errors));
    }

    public static HttpFailure unauthorized(String detail) {
        return new HttpFailure(SimResponse.problem(401, "Unauthorized", detail, List.of())
                .withHeader("WWW-Authenticate", "Bearer"));
    }

    public static HttpFailure notFound(String detail) {
        return problem(404, "Not Found", detail);
    }

    public static HttpFailure conflict(String detail) {
        return problem(409, "Conflict", detail);
    }
}
