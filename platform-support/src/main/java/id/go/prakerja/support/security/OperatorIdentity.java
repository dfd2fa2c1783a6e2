package id.go.prakerja.support.security;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import id.go.prakerja.support.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Who is calling and with which roles, as the token says: the subject and the roles of its
 * {@code roles} claim (without Spring's {@code ROLE_} prefix).
 */
public record OperatorIdentity(String subject, Set<String> roles) {

    public OperatorIdentity {
        roles = Set.copyOf(roles);
    }

    public static OperatorIdentity of(Authentication authentication) {
        Set<String> roles = new LinkedHashSet<>();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith("ROLE_")) {
                roles.add(name.substring("ROLE_".length()));
            }
        }
        return new OperatorIdentity(authentication.getName(), roles);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** 403 {@code ROLE_REQUIRED} unless the caller holds one of {@code anyOf}. */
    public OperatorIdentity require(String... anyOf) {
        if (Arrays.stream(anyOf).noneMatch(roles::contains)) {
            throw roleRequired(anyOf);
        }
        return this;
    }

    public static ProblemException roleRequired(String... anyOf) {
        return new ProblemException(HttpStatus.FORBIDDEN, "ROLE_REQUIRED", String.join(" / ", List.of(anyOf)));
    }

    /** Roles sorted and joined, as the audit trail keeps them. */
    public String rolesText() {
        return String.join(",", roles.stream().sorted().toList());
    }

    /** Enforces {@link RequiresRole} on the handler method or its controller before it runs. */
    public static final class Interceptor implements HandlerInterceptor {

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            if (!(handler instanceof HandlerMethod method)) {
                return true;
            }
            RequiresRole required = method.getMethodAnnotation(RequiresRole.class);
            if (required == null) {
                required = method.getBeanType().getAnnotation(RequiresRole.class);
            }
            if (required == null) {
                return true;
            }
            var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
            if (authentication == null || !authentication.isAuthenticated()) {
                throw roleRequired(required.value());
            }
            of(authentication).require(required.value());
            return true;
        }
    }
}
