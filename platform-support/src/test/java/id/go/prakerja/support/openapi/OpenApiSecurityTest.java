package id.go.prakerja.support.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import id.go.prakerja.support.security.SecurityProperties;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;

/** The document shows the lock the security chain applies, read from the same settings. */
class OpenApiSecurityTest {

    private static final SecurityProperties.Webhook WEBHOOK =
            new SecurityProperties.Webhook(Duration.ofMinutes(5), Duration.ofMinutes(2), List.of("/partner/payments"));

    private final OpenAPI api = new PlatformOpenApi().platformOpenApi("test-service").paths(new Paths()
            .addPathItem("/api/v1/participants", new PathItem().post(new Operation()).get(new Operation()))
            .addPathItem("/api/v1/participants/me", new PathItem().get(new Operation()))
            .addPathItem("/api/v1/auth/otp", new PathItem().post(new Operation()))
            .addPathItem("/api/v1/auth/{kind}/token", new PathItem().post(new Operation()))
            .addPathItem("/console/{page}", new PathItem().get(new Operation()).post(new Operation()))
            .addPathItem("/admin/waves/{n}", new PathItem().get(new Operation()))
            .addPathItem("/partner/platforms/{platform}/progress", new PathItem().post(new Operation()))
            .addPathItem("/partner/payments/{partner}/callback", new PathItem().post(new Operation()
                    .security(List.of(new SecurityRequirement().addList("snap"))))));

    private Operation operation(String path, PathItem.HttpMethod method) {
        return api.getPaths().get(path).readOperationsMap().get(method);
    }

    @Test
    void open_paths_have_no_lock_and_every_other_keeps_the_token() {
        new OpenApiSecurity(List.of("POST /api/v1/participants", "/api/v1/auth/**", "GET /console/**"), WEBHOOK).customise(api);

        assertThat(operation("/api/v1/participants", PathItem.HttpMethod.POST).getSecurity()).isNotNull().isEmpty();
        assertThat(operation("/api/v1/auth/otp", PathItem.HttpMethod.POST).getSecurity()).isNotNull().isEmpty();
        assertThat(operation("/api/v1/auth/{kind}/token", PathItem.HttpMethod.POST).getSecurity()).isNotNull().isEmpty();
        assertThat(operation("/console/{page}", PathItem.HttpMethod.GET).getSecurity()).isNotNull().isEmpty();

        // another method on an open path, and paths not listed: the document's bearer token applies
        assertThat(operation("/api/v1/participants", PathItem.HttpMethod.GET).getSecurity()).isNull();
        assertThat(operation("/console/{page}", PathItem.HttpMethod.POST).getSecurity()).isNull();
        assertThat(operation("/api/v1/participants/me", PathItem.HttpMethod.GET).getSecurity()).isNull();
        assertThat(operation("/admin/waves/{n}", PathItem.HttpMethod.GET).getSecurity()).isNull();
        assertThat(api.getSecurity()).containsExactly(new SecurityRequirement().addList(OpenApiSecurity.BEARER));
    }

    @Test
    void signed_partner_paths_carry_the_partner_signature_and_its_headers_and_own_scheme_paths_are_left_alone() {
        new OpenApiSecurity(List.of(), WEBHOOK).customise(api);

        Operation progress = operation("/partner/platforms/{platform}/progress", PathItem.HttpMethod.POST);
        assertThat(progress.getSecurity()).containsExactly(new SecurityRequirement().addList(OpenApiSecurity.PARTNER_SIGNATURE));
        assertThat(progress.getParameters()).extracting(Parameter::getName, Parameter::getIn, Parameter::getRequired)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("X-PARTNER-ID", "header", true),
                        org.assertj.core.groups.Tuple.tuple("X-TIMESTAMP", "header", true));
        var scheme = api.getComponents().getSecuritySchemes().get(OpenApiSecurity.PARTNER_SIGNATURE);
        assertThat(scheme.getName()).isEqualTo("X-SIGNATURE");
        assertThat(scheme.getDescription()).contains("HMAC-SHA256");

        assertThat(operation("/partner/payments/{partner}/callback", PathItem.HttpMethod.POST).getSecurity())
                .containsExactly(new SecurityRequirement().addList("snap"));
        assertThat(operation("/partner/payments/{partner}/callback", PathItem.HttpMethod.POST).getParameters()).isNull();
    }
}
