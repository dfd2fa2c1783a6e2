package id.go.prakerja.support.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A refusal a caller can act on: an HTTP status, a stable reason code (clients switch on
 * it), a message key resolved in the caller's language, and optionally field errors.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Object[] arguments;
    private final List<FieldProblem> fieldProblems;

    public ProblemException(HttpStatus status, String code, Object... arguments) {
        this(status, code, List.of(), arguments);
    }

    public ProblemException(HttpStatus status, String code, List<FieldProblem> fieldProblems, Object... arguments) {
        super(code);
        this.status = status;
        this.code = code;
        this.arguments = arguments;
        this.fieldProblems = List.copyOf(fieldProblems);
    }

    public HttpStatus status() {
        return status;
    }

    /** Stable reason code, e.g. {@code NIK_ALREADY_REGISTERED}; also the message key {@code problem.<code>}. */
    public String code() {
        return code;
    }

    public Object[] arguments() {
        return arguments;
    }

    public List<FieldProblem> fieldProblems() {
        return fieldProblems;
    }

    /** One field's refusal; its message key is {@code field.<code>}. */
    public record FieldProblem(String field, String code, Object... arguments) {
    }
}
