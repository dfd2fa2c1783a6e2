package id.go.prakerja.simulators.http;

import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads fields out of a JSON object body while collecting every problem, so a caller gets all its
 * field errors in one answer instead of fixing them one round-trip at a time. Field names may be
 * dotted paths ({@code amount.value}).
 */
public final class JsonFields {

    private final JsonNode body;
    private final List<FieldError> errors = new ArrayList<>();

    private JsonFields(JsonNode body) {
        this.body = body;
    }

    public static JsonFields of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw HttpFailure.badRequest("Request body must be a JSON object", List.of());
        }
        return new JsonFields(body);
    }

    public JsonNode node(String dottedPath) {
        JsonNode current = body;
        for (String part : dottedPath.split("\\.")) {
            current = current.path(part);
        }
        return current;
    }

    public boolean present(String field) {
        JsonNode n = node(field);
        return !n.isMissingNode() && !n.isNull() && !(n.isString() && n.asString().isBlank());
    }

    /** A string field; numbers are accepted as their text since some partners send either. */
    public String optionalText(String field) {
        JsonNode n = node(field);
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (n.isString() || n.isNumber()) {
            String s = n.asString().trim();
            return s.isEmpty() ? null : s;
        }
        errors.add(FieldError.invalid(field, "must be a string"));
        return null;
    }

    public String requiredText(String field) {
        return requiredText(field, Integer.MAX_VALUE);
    }

    public String requiredText(String field, int maxLength) {
        JsonNode n = node(field);
        if (n.isMissingNode() || n.isNull() || (n.isString() && n.asString().isBlank())) {
            errors.add(FieldError.missing(field));
            return null;
        }
        String s = optionalText(field);
        if (s != null && s.length() > maxLength) {
            errors.add(FieldError.invalid(field, "must be at most " + maxLength + " characters"));
            return null;
        }
        return s;
    }

    public String requiredMatching(String field, Pattern pattern, String expectation) {
        String s = requiredText(field);
        if (s != null && !pattern.matcher(s).matches()) {
            errors.add(FieldError.invalid(field, expectation));
            return null;
        }
        return s;
    }

    /** An absolute http(s) URL, or null when absent. */
    public String optionalUrl(String field) {
        String s = optionalText(field);
        if (s == null) {
            return null;
        }
        try {
            java.net.URI uri = new java.net.URI(s);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return s;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        errors.add(FieldError.invalid(field, "must be an absolute http(s) URL"));
        return null;
    }

    public String requiredUrl(String field) {
        if (!present(field)) {
            errors.add(FieldError.missing(field));
            return null;
        }
        return optionalUrl(field);
    }

    public LocalDate requiredDate(String field) {
        String s = requiredText(field);
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            errors.add(FieldError.invalid(field, "must be a date as YYYY-MM-DD"));
            return null;
        }
    }

    public Integer optionalInt(String field, int min, int max) {
        JsonNode n = node(field);
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        Integer v = null;
        if (n.isIntegralNumber() && n.canConvertToInt()) {
            v = n.asInt();
        } else if (n.isString()) {
            try {
                v = Integer.parseInt(n.asString().trim());
            } catch (NumberFormatException e) {
                v = null;
            }
        }
        if (v == null) {
            errors.add(FieldError.invalid(field, "must be a whole number"));
            return null;
        }
        if (v < min || v > max) {
            errors.add(FieldError.invalid(field, "must be between " + min + " and " + max));
            return null;
        }
        return v;
    }

    public Long optionalLong(String field, long min, long max) {
        JsonNode n = node(field);
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            errors.add(FieldError.invalid(field, "must be a whole number"));
            return null;
        }
        long v = n.asLong();
        if (v < min || v > max) {
            errors.add(FieldError.invalid(field, "must be between " + min + " and " + max));
            return null;
        }
        return v;
    }

    public boolean optionalBoolean(String field, boolean defaultValue) {
        JsonNode n = node(field);
        if (n.isMissingNode() || n.isNull()) {
            return defaultValue;
        }
        if (!n.isBoolean()) {
            errors.add(FieldError.invalid(field, "must be true or false"));
            return defaultValue;
        }
        return n.asBoolean();
    }

    public void reject(String field, String message) {
        errors.add(FieldError.invalid(field, message));
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** Ends the handler with one 400 problem listing every field error found so far. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw HttpFailure.badRequest("The request has invalid fields", errors());
        }
    }
}
