package id.go.prakerja.registration.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.support.security.Roles;
import id.go.prakerja.support.security.SecurityProperties;
import id.go.prakerja.support.security.TokenIssuer;
import id.go.prakerja.support.web.ProblemException;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Login")
public class AuthController {

    private final PhoneLogin login;
    private final TokenIssuer tokens;
    private final SecurityProperties security;

    public AuthController(PhoneLogin login, TokenIssuer tokens, SecurityProperties security) {
        this.login = login;
        this.tokens = tokens;
        this.security = security;
    }

    /** Sends a 6-digit login code by SMS to a registered phone. */
    @PostMapping("/otp")
    public ResponseEntity<PhoneLogin.CodeSent> requestCode(@Valid @RequestBody CodeRequest request) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(login.sendCode(request.phone()));
    }

    /** Exchanges phone + code for a participant access token. */
    @PostMapping("/token")
    public TokenIssuer.AccessToken token(@Valid @RequestBody TokenRequest request) {
        return login.exchange(request.phone(), request.code());
    }

    /**
     * Operator login with credentials from configuration. Configured only in the local
     * profile; in production operators bring tokens from the organisation's OIDC provider.
     */
    @PostMapping("/operator-token")
    public TokenIssuer.AccessToken operatorToken(@Valid @RequestBody OperatorLogin request) {
        boolean known = security.localOperators().stream().anyMatch(op -> op.username().equals(request.username())
                && MessageDigest.isEqual(op.password().getBytes(StandardCharsets.UTF_8),
                        request.password().getBytes(StandardCharsets.UTF_8)));
        if (!known) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "LOGIN_FAILED");
        }
        return tokens.issue(request.username(), Roles.OPERATOR);
    }

    public record CodeRequest(@NotBlank String phone) {
    }

    public record TokenRequest(@NotBlank String phone, @NotBlank @Pattern(regexp = "\\d{6}") String code) {
    }

    public record OperatorLogin(@NotBlank String username, @NotBlank String password) {
    }
}
