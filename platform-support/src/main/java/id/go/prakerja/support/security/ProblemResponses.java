package id.go.prakerja.support.security;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import id.go.prakerja.support.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 as problem+json, like every other error of the platform. */
public final class ProblemResponses {

    private final MessageSource messages;
    private final JsonMapper json = JsonMapper.builder().build();

    public ProblemResponses(MessageSource messages) {
        this.messages = messages;
    }

    public AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized", null);
    }

    public AccessDeniedHandler forbidden() {
        return (request, response, e) -> write(request, response, HttpStatus.FORBIDDEN, "forbidden", null);
    }

    /** RFC 9457 members and extension members side by side, as the MVC handler writes them ({@code code} at the top level). */
    private static java.util.Map<String, Object> flat(ProblemDetail problem) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            body.put("detail", problem.getDetail());
        }
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }

    /**
     * A refusal answered outside Spring MVC (by a servlet filter that serves an endpoint itself), written as the
     * MVC handler writes a {@link ProblemException}: type, title and detail from {@code problem.<CODE>}, and the code.
     */
    public void write(HttpServletRequest request, HttpServletResponse response, ProblemException e) throws IOException {
        Locale locale = locale(request);
        ProblemDetail problem = ProblemDetail.forStatus(e.status());
        problem.setType(URI.create("/problems/" + e.code().toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(messages.getMessage("problem." + e.code() + ".title", e.arguments(), e.status().getReasonPhrase(),
                locale));
        problem.setDetail(messages.getMessage("problem." + e.code(), e.arguments(), null, locale));
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("code", e.code());
        response.setStatus(e.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), flat(problem));
    }

    /** Like the rest of the API: Bahasa Indonesia unless the caller asks for another language. */
    private static Locale locale(HttpServletRequest request) {
        return request.getHeader("Accept-Language") == null ? Locale.forLanguageTag("id") : request.getLocale();
    }

    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
            String detail) throws IOException {
        var locale = locale(request);
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create("/problems/" + code));
        problem.setTitle(messages.getMessage("problem." + code + ".title", null, status.getReasonPhrase(), locale));
        problem.setDetail(detail != null ? detail : messages.getMessage("problem." + code + ".detail", null, null, locale));
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("code", code.toUpperCase().replace('-', '_'));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        json.writeValue(response.getOutputStream(), flat(problem));
    }
}
