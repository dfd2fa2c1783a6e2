package id.go.prakerja.simulators.http;

/**
 * One field-level complaint about a request.
 *
 * @param field   dotted path of the field, e.g. {@code amount.value}
 * @param message what is wrong, in plain English
 * @param missing true when the field is absent or blank (SNAP distinguishes "mandatory field"
 *                from "invalid format")
 */
public record FieldError(String field, String message, boolean missing) {

    public static FieldError missing(String field) {
        return new FieldError(field, "is required", true);
    }

    public static FieldError invalid(String field, String message) {
        return new FieldError(field, message, false);
    }
}
