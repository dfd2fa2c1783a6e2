package id.go.prakerja.payment.snap;

import tools.jackson.databind.JsonNode;

/**
 * What a partner answered: the HTTP status, the parsed body and its 7-digit code. A body that is
 * not JSON, or a code that is not 7 digits, is {@link #readable() unreadable}.
 *
 * @param code       null when the body carried no valid response code
 * @param retryAfter seconds from a {@code Retry-After} header, or 0
 */
public record SnapResponse(int httpStatus, ResponseCode code, JsonNode body, String externalId, long retryAfter) {

    public boolean readable() {
        return code != null && body != null;
    }

    public String rawCode() {
        return code != null ? code.toString() : "HTTP " + httpStatus;
    }

    public String text(String field) {
        JsonNode node = body == null ? null : body.path(field);
        return node == null || !node.isString() ? null : node.asString();
    }
}
