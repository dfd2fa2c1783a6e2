package id.go.prakerja.support;

import java.security.Principal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Answers who the caller is, on an operator path and on a participant path ({@link TokenAudienceTest}). */
@RestController
class TokenProbe {

    @GetMapping({"/admin/probe", "/api/probe"})
    String who(Principal caller) {
        return caller.getName();
    }
}
