package id.go.prakerja.support.web;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import tools.jackson.databind.json.JsonMapper;

/**
 * What Tomcat answers itself, before any filter or servlet of the service sees the request (a
 * request line or header larger than the connector allows, a header holding a character HTTP does
 * not allow such as NUL, a target that cannot be decoded), as problem+json like every other error,
 * instead of Tomcat's HTML page. Takes the place of the {@link ErrorReportValve} Spring Boot installs;
 * like it, it never shows a stack trace or the server's version.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final MessageSource messages;

    public ProblemErrorReportValve(MessageSource messages) {
        this.messages = messages;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        String key = status == null ? (code >= 500 ? "internal" : "malformed") : ProblemErrorController.key(status);
        Locale locale = locale(request);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "/problems/" + key);
        body.put("title", messages.getMessage("problem." + key + ".title", null,
                status == null ? String.valueOf(code) : status.getReasonPhrase(), locale));
        body.put("status", code);
        String detail = messages.getMessage("problem." + key + ".detail", null, null, locale);
        if (detail != null) {
            body.put("detail", detail);
        }
        body.put("code", key.toUpperCase(Locale.ROOT).replace('-', '_'));
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(body));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the answer already begun: nothing more can be said
        }
    }

    /**
     * Bahasa Indonesia unless the request asks for another language in a header that could be read;
     * the request may be the very one refused for its headers.
     */
    private static Locale locale(Request request) {
        try {
            return request.getHeader("Accept-Language") == null ? Locale.forLanguageTag("id") : request.getLocale();
        } catch (RuntimeException e) {
            return Locale.forLanguageTag("id");
        }
    }
}
