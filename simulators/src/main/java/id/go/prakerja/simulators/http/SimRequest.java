package id.go.prakerja.simulators.http;

import com.sun.net.httpserver.Headers;
import tools.jackson.databind.JsonNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A request as a handler sees it: already read, so it can be inspected, signed-over and replayed.
 *
 * @param rawQuery the query string as sent (undecoded), or null; part of what SNAP signs
 */
public record SimRequest(String method, String path, String rawQuery, Headers headers, byte[] body) {

    /** First value of a header, names compared case-insensitively; null when absent. */
    public String header(String name) {
        return headers.getFirst(name);
    }

    /** The path plus the query string, exactly as sent: SNAP signs this "relative URL". */
    public String pathWithQuery() {
        return rawQuery == null || rawQuery.isEmpty() ? path : path + "?" + rawQuery;
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(queryParameters().get(name));
    }

    /** Decoded query parameters; the first occurrence of a name wins. */
    public Map<String, String> queryParameters() {
        Map<String, String> result = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return result;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            result.putIfAbsent(decode(key), decode(value));
        }
        return result;
    }

    /** A non-negative whole-number query parameter; anything else is the caller's 400. */
    public int intQuery(String name, int defaultValue) {
        String value = queryParameters().get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(value.trim());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through to the 400 below
        }
        throw HttpFailure.badRequest("Query parameter '" + name + "' must be a non-negative whole number", java.util.List.of());
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON; malformed JSON becomes a 400 problem. */
    public JsonNode json() {
        return Json.read(body);
    }

    /** The body as a JSON object with field helpers; anything but an object becomes a 400 problem. */
    public JsonFields fields() {
        return JsonFields.of(json());
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
