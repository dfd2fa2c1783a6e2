package id.go.prakerja.support.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.databind.DatabindException;

/**
 * Every error as RFC 9457 problem+json: a {@code type}, a localized {@code title} and
 * {@code detail} (Accept-Language: id or en), a stable {@code code}, and for bad input an
 * {@code errors} list of {field, code, message}. Never a stack trace; an unexpected
 * failure is logged with its trace id and answered 500 without internals.
 */
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);
    private final MessageSource messages;

    public ProblemHandling(MessageSource messages) {
        this.messages = messages;
        setMessageSource(messages);
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> problem(ProblemException e, WebRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail body = ProblemDetail.forStatus(e.status());
        body.setType(URI.create("/problems/" + e.code().toLowerCase(Locale.ROOT).replace('_', '-')));
        body.setTitle(message("problem." + e.code() + ".title", e.arguments(), e.status().getReasonPhrase(), locale));
        body.setDetail(message("problem." + e.code(), e.arguments(), null, locale));
        body.setProperty("code", e.code());
        if (!e.fieldProblems().isEmpty()) {
            body.setProperty("errors", e.fieldProblems().stream()
                    .map(f -> fieldError(f.field(), f.code(), message("field." + f.code(), f.arguments(), f.code(), locale)))
                    .toList());
        }
        return createResponseEntity(body, new HttpHeaders(), e.status(), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        List<Map<String, Object>> errors = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            String code = error.getCode() == null ? "invalid" : error.getCode();
            errors.add(fieldError(error.getField(), code, message("field." + code, error.getArguments(),
                    error.getDefaultMessage(), locale)));
        }
        e.getBindingResult().getGlobalErrors().forEach(error -> errors.add(fieldError(error.getObjectName(),
                error.getCode(), message("field." + error.getCode(), null, error.getDefaultMessage(), locale))));
        return validation(errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        List<Map<String, Object>> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error -> {
            String code = error.getCodes() == null || error.getCodes().length == 0 ? "invalid"
                    : error.getCodes()[error.getCodes().length - 1];
            errors.add(fieldError(result.getMethodParameter().getParameterName(), code,
                    message("field." + code, null, error.getDefaultMessage(), locale)));
        }));
        return validation(errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail body = base(HttpStatus.BAD_REQUEST, "malformed", locale);
        if (e.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPathReference().replaceAll("^[^\\[]*\\[\"?|\"?\\]$", "")
                    .replace("\"][\"", ".");
            body.setProperty("errors", List.of(fieldError(field, "type", message("field.type", null, "has the wrong type", locale))));
        }
        return createResponseEntity(body, headers, HttpStatus.BAD_REQUEST, request);
    }

    /**
     * An {@code Accept} header that cannot be parsed is a malformed request (400), not one asking for
     * something this service cannot produce (406, kept for a well-formed header).
     */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (request instanceof ServletWebRequest servlet && AcceptHeaderCheck.unreadable(servlet.getRequest())) {
            Locale locale = LocaleContextHolder.getLocale();
            ProblemDetail body = base(HttpStatus.BAD_REQUEST, "malformed", locale);
            body.setDetail(message("problem.accept.detail", null, null, locale));
            return createResponseEntity(body, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
        }
        return super.handleHttpMediaTypeNotAcceptable(e, headers, status, request);
    }

    /**
     * A request refused by a unique, foreign-key or check constraint. Only the constraint's name
     * is logged: the database's detail quotes the refused values ({@code Key (email)=(...)}),
     * which may be an e-mail, a phone or a NIK hash.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> conflict(DataIntegrityViolationException e, WebRequest request) {
        if (DatabaseErrors.isDataException(e)) {
            // a value the column cannot hold (too long, a NUL character, out of its type's range): the request's
            // own fault, whatever state the data is in, so 400 and not a conflict
            log.info("request refused: a value the database cannot hold ({})", DatabaseErrors.constraintOf(e));
            return createResponseEntity(base(HttpStatus.BAD_REQUEST, "invalid-value", LocaleContextHolder.getLocale()),
                    new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
        }
        log.info("request refused by a database constraint: {}", DatabaseErrors.constraintOf(e));
        return createResponseEntity(base(HttpStatus.CONFLICT, "conflict", LocaleContextHolder.getLocale()),
                new HttpHeaders(), HttpStatus.CONFLICT, request);
    }

    /**
     * Two requests changed the same row at once (an optimistic version check failed, or the
     * database chose one of two waiting transactions): the caller may read again and retry.
     */
    @ExceptionHandler(ConcurrencyFailureException.class)
    ResponseEntity<Object> concurrentUpdate(ConcurrencyFailureException e, WebRequest request) {
        log.info("request refused as a concurrent update: {}", e.getClass().getSimpleName());
        return createResponseEntity(base(HttpStatus.CONFLICT, "concurrent-update", LocaleContextHolder.getLocale()),
                new HttpHeaders(), HttpStatus.CONFLICT, request);
    }

    /**
     * A multipart body that cannot be parsed (no boundary, cut short) is the client's error. It
     * is raised before any handler is chosen, so it reaches this advice for every endpoint; a
     * body over the size limit keeps its own 413 (see {@code handleMaxUploadSizeExceededException}).
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> unreadableMultipart(MultipartException e, WebRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail body = base(HttpStatus.BAD_REQUEST, "malformed", locale);
        body.setDetail(message("problem.multipart.detail", null, null, locale));
        return createResponseEntity(body, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    /**
     * Parameters that cannot be read (a form body with broken percent-encoding or bytes that are
     * not in its charset), or that Spring Security's firewall rejects: noticed when a handler
     * reads them, and bad input all the same.
     */
    @ExceptionHandler({RequestRejectedException.class, InvalidParameterException.class})
    ResponseEntity<Object> rejected(RuntimeException e, WebRequest request) {
        return createResponseEntity(base(HttpStatus.BAD_REQUEST, "malformed", LocaleContextHolder.getLocale()),
                new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    void security(RuntimeException e) {
        throw e; // Spring Security's handlers answer these as problem+json
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        String path = request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : "";
        String errorId = java.util.UUID.randomUUID().toString();
        log.error("unexpected failure {} on {}", errorId, path, e);
        ProblemDetail body = base(HttpStatus.INTERNAL_SERVER_ERROR, "internal", LocaleContextHolder.getLocale());
        body.setProperty("errorId", errorId);
        return createResponseEntity(body, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getProperties() == null) {
            problem.setProperty("code", HttpStatus.valueOf(status.value()).name());
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    /**
     * Every problem is problem+json, whatever the request's {@code Accept} asks for (an export's
     * {@code text/csv}, a media type that names nothing): the type is set on the answer rather than
     * negotiated, so a refusal is never sent without its body.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail && headers.getContentType() == null) {
            HttpHeaders typed = new HttpHeaders();
            typed.putAll(headers);
            typed.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            return super.createResponseEntity(body, typed, statusCode, request);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private ResponseEntity<Object> validation(List<Map<String, Object>> errors, HttpHeaders headers, WebRequest request) {
        ProblemDetail body = base(HttpStatus.BAD_REQUEST, "validation", LocaleContextHolder.getLocale());
        body.setProperty("errors", errors);
        return createResponseEntity(body, headers, HttpStatus.BAD_REQUEST, request);
    }

    private ProblemDetail base(HttpStatus status, String key, Locale locale) {
        ProblemDetail body = ProblemDetail.forStatus(status);
        body.setType(URI.create("/problems/" + key));
        body.setTitle(message("problem." + key + ".title", null, status.getReasonPhrase(), locale));
        body.setDetail(message("problem." + key + ".detail", null, null, locale));
        body.setProperty("code", key.toUpperCase(Locale.ROOT).replace('-', '_'));
        return body;
    }

    private static Map<String, Object> fieldError(String field, String code, String message) {
        return Map.of("field", field, "code", code, "message", message == null ? code : message);
    }

    private String message(String key, Object[] args, String fallback, Locale locale) {
        return messages.getMessage(key, args, fallback, locale);
    }
}
