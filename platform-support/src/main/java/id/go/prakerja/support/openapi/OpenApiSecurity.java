package id.go.prakerja.support.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;

import id.go.prakerja.support.security.PartnerSignatureFilter;
import id.go.prakerja.support.security.PublicPath;
import id.go.prakerja.support.security.SecurityProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * Marks each documented operation with what the security chain asks of its caller, from the same
 * settings: an empty security requirement (no lock) on the paths of {@code prakerja.security.public-paths},
 * the partners' signature ({@link PartnerSignatureFilter}) with its headers on {@code /partner/**}, and
 * the document's bearer token everywhere else. Paths whose partners sign with their own scheme
 * ({@code prakerja.security.webhook.own-scheme-paths}) are left to the service that verifies them.
 */
public class OpenApiSecurity implements OpenApiCustomizer {

    public static final String BEARER = "bearer";
    public static final String PARTNER_SIGNATURE = "partnerSignature";

    private final List<PublicPath> publicPaths;
    private final SecurityProperties.Webhook webhook;

    public OpenApiSecurity(List<String> publicPaths, SecurityProperties.Webhook webhook) {
        this.publicPaths = publicPaths.stream().map(PublicPath::parse).toList();
        this.webhook = webhook;
    }

    @Override
    public void customise(OpenAPI api) {
        if (api.getPaths() == null) {
            return;
        }
        boolean signed = false;
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            String template = path.getKey();
            if (webhook != null && webhook.verifiedByService(template)) {
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().readOperationsMap().entrySet()) {
                Operation operation = entry.getValue();
                String method = entry.getKey().name();
                if (publicPaths.stream().anyMatch(p -> p.covers(method, template))) {
                    operation.setSecurity(new ArrayList<>());
                } else if (template.startsWith("/partner/")) {
                    operation.setSecurity(new ArrayList<>(List.of(new SecurityRequirement().addList(PARTNER_SIGNATURE))));
                    addHeader(operation, PartnerSignatureFilter.PARTNER_ID,
                            "The partner's id as the platform configured it (any case); a platform speaks only for itself");
                    addHeader(operation, PartnerSignatureFilter.TIMESTAMP,
                            "When the request was signed: an ISO-8601 instant (2025-05-01T08:00:00Z), at most "
                                    + window() + " either side of the platform's clock");
                    signed = true;
                }
            }
        }
        if (signed) {
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents().addSecuritySchemes(PARTNER_SIGNATURE, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                    .in(SecurityScheme.In.HEADER).name(PartnerSignatureFilter.SIGNATURE)
                    .description("""
                            A partner's signed request. X-SIGNATURE is Base64(HMAC-SHA256(the partner's secret, \
                            METHOD + "\\n" + path[?query] + "\\n" + X-TIMESTAMP + "\\n" + lowercase hex(SHA-256(body bytes)))), \
                            sent with X-PARTNER-ID and X-TIMESTAMP. A wrong signature, an unknown partner or a timestamp \
                            outside the window is 401 and nothing runs. The same signed request again gets the first \
                            answer again without running twice; a copy arriving while the first still runs gets 409 \
                            (docs/architecture.md, "Signing a partner request")."""));
        }
    }

    private String window() {
        return webhook == null || webhook.timestampWindow() == null ? "5 minutes"
                : webhook.timestampWindow().toMinutes() + " minutes";
    }

    private static void addHeader(Operation operation, String name, String description) {
        List<Parameter> parameters = operation.getParameters() == null ? new ArrayList<>() : new ArrayList<>(operation.getParameters());
        if (parameters.stream().anyMatch(p -> "header".equals(p.getIn()) && name.equalsIgnoreCase(p.getName()))) {
            return;
        }
        parameters.add(new HeaderParameter().name(name).required(true).description(description).schema(new StringSchema()));
        operation.setParameters(parameters);
    }
}
