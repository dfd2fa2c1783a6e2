package id.go.prakerja.support.openapi;

import java.util.List;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import id.go.prakerja.support.security.SecurityProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

/**
 * Every service's OpenAPI document ({@code /v3/api-docs}, and {@code /docs/<service>} through the
 * gateway, whose {@code /swagger-ui.html} shows them all): a bearer token by default, no lock on the
 * paths the security chain opens, and the partners' signature on {@code /partner/**}
 * ({@link OpenApiSecurity}).
 */
@AutoConfiguration
@EnableConfigurationProperties(SecurityProperties.class)
public class PlatformOpenApi {

    @Bean
    OpenAPI platformOpenApi(@Value("${spring.application.name}") String service) {
        return new OpenAPI().info(new Info().title("Prakerja " + service).version("v1"))
                // relative: calls go where the document came from, the service's own port or the gateway's
                .servers(List.of(new Server().url("/")
                        .description("where this document was loaded from: the service, or the gateway on 8080")))
                .components(new Components().addSecuritySchemes(OpenApiSecurity.BEARER,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                                .description("A participant's token (POST /api/v1/auth/token) or an operator's")))
                .addSecurityItem(new SecurityRequirement().addList(OpenApiSecurity.BEARER));
    }

    @Bean
    OpenApiCustomizer platformOpenApiSecurity(SecurityProperties properties) {
        return new OpenApiSecurity(properties.publicPaths(), properties.webhook());
    }
}
