package id.go.prakerja.payment.callback;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import id.go.prakerja.support.security.ProblemResponses;
import id.go.prakerja.support.web.ProblemException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code POST /partner/payments/{partner}/callback}: the partners' notifications, answered by this
 * servlet filter itself, ahead of the security filter chain and Spring MVC.
 *
 * <p>Why not a controller: a tranche brings about one notification per payment (GoPay sends each
 * twice), over a thousand a second, from machines that authenticate with their own SNAP signature
 * rather than a token. Through the filter chain the API's users need and the MVC dispatch, the
 * controller's own work (signature, JSON, receipt) was under a fifth of a notification's CPU in a
 * profile of {@code bench/payments --mode=realistic}. Here a notification costs Tomcat, the
 * request observation (metrics and trace stay) and {@link PaymentNotifications}. Another method on
 * this path is answered 405; another path under {@code /partner/payments} goes on down the usual
 * chain. Refusals are problem+json as everywhere else, and every answer carries the headers the
 * security chain would have set.
 */
@Component
public class PaymentCallbackEndpoint extends OncePerRequestFilter {

    /** A notification is a few hundred bytes; anything far larger is refused unread. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Pattern PATH = Pattern.compile("/partner/payments/([^/]+)/callback");
    private static final byte[] ACKNOWLEDGED = "{\"responseCode\":\"2000000\",\"responseMessage\":\"Successful\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final PaymentNotifications notifications;
    private final ProblemResponses problems;

    public PaymentCallbackEndpoint(PaymentNotifications notifications, ProblemResponses problems) {
        this.notifications = notifications;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !PATH.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher path = PATH.matcher(request.getRequestURI());
        if (!path.matches()) {
            chain.doFilter(request, response);
            return;
        }
        secure(response);
        try {
            if (!"POST".equals(request.getMethod())) {
                response.setHeader(HttpHeaders.ALLOW, "POST");
                throw new ProblemException(HttpStatus.METHOD_NOT_ALLOWED, "CALLBACK_METHOD");
            }
            requireJson(request.getContentType());
            byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "CALLBACK_TOO_LARGE", MAX_BODY_BYTES);
            }
            String target = request.getQueryString() == null ? request.getRequestURI()
                    : request.getRequestURI() + "?" + request.getQueryString();
            notifications.receive(path.group(1), request.getMethod(), target, body, request.getHeader("X-PARTNER-ID"),
                    request.getHeader("X-TIMESTAMP"), request.getHeader("X-EXTERNAL-ID"), request.getHeader("X-SIGNATURE"));
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setContentLength(ACKNOWLEDGED.length);
            response.getOutputStream().write(ACKNOWLEDGED);
        } catch (ProblemException refused) {
            problems.write(request, response, refused);
        }
    }

    /** What Spring Security's header writers add elsewhere: nothing here may be cached, sniffed or framed. */
    private static void secure(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-XSS-Protection", "0");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
        response.setHeader(HttpHeaders.PRAGMA, "no-cache");
        response.setHeader(HttpHeaders.EXPIRES, "0");
    }

    private static void requireJson(String contentType) {
        try {
            if (contentType != null && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType))) {
                return;
            }
        } catch (InvalidMediaTypeException e) {
            // answered below
        }
        throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "CALLBACK_NOT_JSON");
    }

    /** Registered right after the request observation, before the security filter chain and the dispatcher. */
    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<PaymentCallbackEndpoint> paymentCallbackEndpointRegistration(PaymentCallbackEndpoint endpoint) {
            var registration = new FilterRegistrationBean<>(endpoint);
            registration.addUrlPatterns("/partner/payments/*");
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
            return registration;
        }
    }
}
