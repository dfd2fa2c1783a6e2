package id.go.prakerja.registration.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.support.security.ConditionalOnLocalOperators;
import id.go.prakerja.support.security.SecurityProperties;
import id.go.prakerja.support.security.TokenIssuer;
import id.go.prakerja.support.web.ProblemException;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

/**
 * Operator login with credentials from configuration, for the local stack only. Outside the
 * local and test profiles (under compose too) this controller is not created at all and the
 * path answers 404: operators there bring tokens from an OIDC provider
 * ({@code prakerja.security.operator-oidc.*}).
 */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Login")
@ConditionalOnLocalOperators
public class OperatorPasswordLogin {

    private final TokenIssuer tokens;
    private final SecurityProperties security;

    public OperatorPasswordLogin(TokenIssuer tokens, SecurityProperties security) {
        this.tokens = tokens;
        this.security = security;
    }

    @PostMapping("/operator-token")
    public TokenIssuer.AccessToken operatorToken(@Valid @RequestBody Credentials request) {
        var known = security.localOperators().stream().filter(op -> op.username().equals(request.username())
                && MessageDigest.isEqual(op.password().getBytes(StandardCharsets.UTF_8),
                        request.password().getBytes(StandardCharsets.UTF_8))).findFirst();
        if (known.isEmpty()) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "LOGIN_FAILED");
        }
        // the account's roles (OPERATOR unless configured): a maker and a checker are two accounts
        return tokens.issue(request.username(), known.get().roles());
    }

    public record Credentials(@NotBlank String username, @NotBlank String password) {
    }
}
