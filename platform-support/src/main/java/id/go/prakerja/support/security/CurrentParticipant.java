package id.go.prakerja.support.security;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import id.go.prakerja.support.web.ProblemException;

/** The participant a request speaks for: the subject of their token. */
public final class CurrentParticipant {

    private CurrentParticipant() {
    }

    public static UUID id(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken jwt
                && jwt.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + Roles.PARTICIPANT))) {
            try {
                return UUID.fromString(jwt.getName());
            } catch (IllegalArgumentException e) {
                // falls through: not a participant token
            }
        }
        throw new ProblemException(HttpStatus.FORBIDDEN, "NOT_A_PARTICIPANT");
    }
}
