package id.go.prakerja.console.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import id.go.prakerja.console.ConsoleProperties;
import io.swagger.v3.oas.annotations.Operation;

/**
 * The page itself (static, in {@code static/console/}) and how it signs operators in. Both are
 * public: the page holds no numbers; every number comes from {@code /admin/reports/**} with the
 * operator's token.
 */
@Controller
public class ConsolePage {

    private final ConsoleProperties properties;

    public ConsolePage(ConsoleProperties properties) {
        this.properties = properties;
    }

    @GetMapping({"/console", "/console/"})
    public String page() {
        return "forward:/console/index.html";
    }

    @GetMapping("/console/settings")
    @ResponseBody
    @Operation(summary = "How the page signs an operator in: the local login path, or the OIDC provider")
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("operatorLoginPath", blankToNull(properties.operatorLoginPath()));
        ConsoleProperties.Oidc oidc = properties.operatorOidc();
        if (oidc != null && blankToNull(oidc.authorizationEndpoint()) != null) {
            settings.put("oidc", Map.of("authorizationEndpoint", oidc.authorizationEndpoint(), "tokenEndpoint",
                    oidc.tokenEndpoint(), "clientId", oidc.clientId(), "scope", oidc.scope()));
        }
        return settings;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
