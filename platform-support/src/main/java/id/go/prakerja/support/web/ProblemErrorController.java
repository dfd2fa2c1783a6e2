package id.go.prakerja.support.web;

import java.net.URI;
import java.util.Locale;
import java.util.UUID;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartException;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Errors raised before a controller (in a servlet filter, or by the container) are forwarded to
 * {@code /error}. Answered here as problem+json like every other error, instead of Boot's own
 * JSON: a request the client got wrong (an unreadable form or multipart body, parameters that
 * cannot be decoded, a name the firewall rejects) is 400, whatever filter noticed it; a forwarded
 * status keeps its status; {@code /error} asked for directly is 404.
 */
@Hidden // where failures are rendered, not an endpoint of the API
@RestController
public class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    private final MessageSource messages;

    public ProblemErrorController(MessageSource messages) {
        this.messages = messages;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Object forwardedStatus = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status;
        String key;
        if (DatabaseErrors.isDataException(failure)) {
            // a value no column can hold, noticed where the answer could not be written as problem+json any more
            // (a CSV export that had begun): the request's own fault, as ProblemHandling answers it elsewhere
            status = HttpStatus.BAD_REQUEST;
            key = "invalid-value";
            log.info("request refused: a value the database cannot hold ({})", DatabaseErrors.constraintOf(failure));
        } else if (clientError(failure)) {
            status = HttpStatus.BAD_REQUEST;
            key = "malformed";
        } else if (forwardedStatus instanceof Integer code) {
            status = HttpStatus.resolve(code) == null ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.valueOf(code);
            key = key(status);
        } else {
            status = HttpStatus.NOT_FOUND; // not forwarded: a client asked for /error itself
            key = key(status);
        }
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail body = ProblemDetail.forStatus(status);
        body.setType(URI.create("/problems/" + key));
        body.setTitle(messages.getMessage("problem." + key + ".title", null, status.getReasonPhrase(), locale));
        body.setDetail(messages.getMessage("problem." + key + ".detail", null, null, locale));
        body.setProperty("code", key.toUpperCase(Locale.ROOT).replace('-', '_'));
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (path != null) {
            body.setInstance(URI.create(path.toString()));
        }
        if (status.is5xxServerError()) {
            String errorId = UUID.randomUUID().toString();
            log.error("unexpected failure {} on {} before a controller", errorId, path, failure);
            body.setProperty("errorId", errorId);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    /** The problem type's key for a status: {@code /problems/<key>}, messages {@code problem.<key>.*}. */
    static String key(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "malformed";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not-found";
            case METHOD_NOT_ALLOWED -> "method";
            case UNSUPPORTED_MEDIA_TYPE -> "media-type";
            default -> status.is5xxServerError() ? "internal" : status.name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
    }

    private static boolean clientError(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof HttpMessageNotReadableException || cause instanceof MultipartException
                    || cause instanceof RequestRejectedException || cause instanceof InvalidParameterException) {
                return true;
            }
        }
        return false;
    }
}
