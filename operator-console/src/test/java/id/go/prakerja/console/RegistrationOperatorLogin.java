package id.go.prakerja.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.support.security.Roles;
import id.go.prakerja.support.security.SecurityProperties;
import id.go.prakerja.support.security.TokenIssuer;
import id.go.prakerja.support.web.ProblemException;

/**
 * The local operator login exactly as registration-service answers it behind the gateway
 * ({@code POST /api/v1/auth/operator-token}, same accounts setting, same token issuer), so the
 * page can sign in when the console runs alone in its tests. Test sources only.
 */
@RestController
class RegistrationOperatorLogin {

    private final TokenIssuer tokens;
    private final SecurityProperties security;

    RegistrationOperatorLogin(TokenIssuer tokens, SecurityProperties security) {
        this.tokens = tokens;
        this.security = security;
    }

    record Credentials(String username, String password) {
    }

    @PostMapping("/api/v1/auth/operator-token")
    TokenIssuer.AccessToken operatorToken(@RequestBody Credentials request) {
        boolean known = request.username() != null && request.password() != null && security.localOperators().stream()
                .anyMatch(op -> op.username().equals(request.username()) && MessageDigest.isEqual(
                        op.password().getBytes(StandardCharsets.UTF_8), request.password().getBytes(StandardCharsets.UTF_8)));
        if (!known) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "LOGIN_FAILED");
        }
        return tokens.issue(request.username(), Roles.OPERATOR);
    }
}
