package id.go.prakerja.support;

import java.util.Map;
import java.util.UUID;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A minimal service built on platform-support, to test the shared pieces as a service uses them. */
@SpringBootApplication
public class SupportTestApplication {

    @RestController
    static class PartnerEcho {
        @PostMapping("/partner/echo")
        Map<String, Object> echo(@RequestBody Map<String, Object> body, Authentication partner) {
            return Map.of("partner", partner.getName(), "body", body, "receipt", UUID.randomUUID());
        }
    }
}
