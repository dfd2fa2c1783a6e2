package id.go.prakerja.registration.auth;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.support.security.TokenIssuer;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Login")
public class AuthController {

    private final PhoneLogin login;

    public AuthController(PhoneLogin login) {
        this.login = login;
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

    public record CodeRequest(@NotBlank String phone) {
    }

    public record TokenRequest(@NotBlank String phone, @NotBlank @Pattern(regexp = "\\d{6}") String code) {
    }

}
