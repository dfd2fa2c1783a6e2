package id.go.prakerja.support.web;

import java.util.Collections;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.servlet.HandlerInterceptor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * An {@code Accept} header that is no media type is refused before the handler runs: otherwise it is
 * noticed only when the answer is written, after the handler has done what it was asked, and the client
 * is told it failed. {@link ProblemHandling} answers it 400.
 */
class AcceptHeaderCheck implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws HttpMediaTypeNotAcceptableException {
        List<String> accept = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        if (!accept.isEmpty()) {
            try {
                MediaType.parseMediaTypes(accept);
            } catch (InvalidMediaTypeException e) {
                throw new HttpMediaTypeNotAcceptableException("Could not parse 'Accept' header " + accept + ": " + e.getMessage());
            }
        }
        return true;
    }

    /** Whether the request's Accept header cannot be read at all (as opposed to naming nothing producible). */
    static boolean unreadable(HttpServletRequest request) {
        try {
            MediaType.parseMediaTypes(Collections.list(request.getHeaders(HttpHeaders.ACCEPT)));
            return false;
        } catch (InvalidMediaTypeException e) {
            return true;
        }
    }
}
