package id.go.prakerja.support.audit;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

import id.go.prakerja.support.security.OperatorIdentity;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Records every state-changing call ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) on
 * {@code /admin/**} by an authenticated caller, once it has an outcome: done, refused by a role
 * check, by the service's rules or by validation, or failed. It sits in the security filter chain
 * after authentication, so a call the authorization rules refuse (403) is recorded too; a caller
 * without a valid token (401) is not an operator and leaves no entry. The target defaults to the
 * path's variables; the service adds before/after and the reason through {@link AuditTrail}.
 */
public class AuditFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final AuditTrail trail;
    private final MeterRegistry meters;

    public AuditFilter(AuditTrail trail, MeterRegistry meters) {
        this.trail = trail;
        this.meters = meters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !STATE_CHANGING.contains(request.getMethod()) || !path(request).startsWith("/admin/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int failed = 0;
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            failed = 500;
            throw e;
        } finally {
            record(request, failed != 0 ? failed : response.getStatus());
        }
    }

    private void record(HttpServletRequest request, int outcome) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || !caller.isAuthenticated() || caller instanceof AnonymousAuthenticationToken) {
            return;
        }
        var details = request.getAttribute(AuditTrail.DETAILS) instanceof AuditTrail.Details d ? d : new AuditTrail.Details();
        String target = details.target != null ? details.target : pathTarget(request);
        OperatorIdentity operator = OperatorIdentity.of(caller);
        try {
            trail.append(new AuditTrail.NewEntry(operator.subject(), operator.rolesText(), request.getMethod(), path(request),
                    target, details.participantId, details.action, details.before, details.after, details.reason, outcome));
        } catch (RuntimeException e) {
            // the call is done either way; a lost entry must be loud
            meters.counter("prakerja.audit.lost").increment();
            log.error("AUDIT ENTRY LOST: {} {} target {} by {} [{}] -> {}: {}", request.getMethod(), path(request), target,
                    operator.subject(), operator.rolesText(), outcome, e.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private static String pathTarget(HttpServletRequest request) {
        if (!(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables)
                || variables.isEmpty()) {
            return null;
        }
        if (variables.size() == 1) {
            return String.valueOf(variables.values().iterator().next());
        }
        return ((Map<String, String>) variables).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }
}
