package id.go.prakerja.gateway;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springdoc.core.properties.AbstractSwaggerUiConfigProperties.SwaggerUrl;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one API page: {@code /swagger-ui.html} on the entry point, whose drop-down lists the OpenAPI
 * document of every service the gateway routes, each loaded through its {@code /docs/<service>} route
 * ({@link Routes}), so from the same origin. The list is the gateway's own: a service added to
 * {@link PublicPaths} and {@code prakerja.gateway.services} is on the page with nothing else to change.
 * The gateway documents no endpoint of its own.
 */
@Configuration
public class ApiPage {

    /** Where the gateway serves a service's OpenAPI document. */
    public static String documentPath(String service) {
        return "/docs/" + service;
    }

    /** One entry per routed service, in the order they are configured. */
    static List<SwaggerUrl> documents(GatewayProperties properties) {
        return properties.services().keySet().stream()
                .filter(PublicPaths.BY_SERVICE::containsKey)
                .map(service -> new SwaggerUrl(service, documentPath(service), service))
                .toList();
    }

    @Bean
    InitializingBean apiPageDocuments(SwaggerUiConfigProperties ui, GatewayProperties properties) {
        return () -> {
            Set<SwaggerUrl> urls = new LinkedHashSet<>(documents(properties));
            if (ui.getUrls() != null) {
                urls.addAll(ui.getUrls());
            }
            ui.setUrls(urls);
            if (ui.getUrlsPrimaryName() == null && !urls.isEmpty()) {
                ui.setUrlsPrimaryName(urls.iterator().next().getName());
            }
        };
    }
}
