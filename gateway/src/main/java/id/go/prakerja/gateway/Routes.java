package id.go.prakerja.gateway;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.rewritePath;
import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.web.servlet.function.RequestPredicates.path;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Builds one route per service from {@link PublicPaths}, plus
 * {@code /health/<service>/**} → the service's {@code /actuator/health/**} and
 * {@code /docs/<service>} → its OpenAPI document, so one address shows the whole platform.
 */
@Configuration
public class Routes {

    @Bean
    RouterFunction<ServerResponse> serviceRoutes(GatewayProperties properties) {
        RouterFunction<ServerResponse> all = null;
        for (Map.Entry<String, List<String>> entry : PublicPaths.BY_SERVICE.entrySet()) {
            String service = entry.getKey();
            String base = properties.services().get(service);
            if (base == null) {
                throw new IllegalStateException("prakerja.gateway.services." + service + " is not set");
            }
            RequestPredicate paths = null;
            for (String prefix : entry.getValue()) {
                RequestPredicate p = path(prefix).or(path(prefix + "/**"));
                paths = paths == null ? p : paths.or(p);
            }
            RouterFunction<ServerResponse> routes = route(service).route(paths, http()).before(uri(base)).build()
                    .and(route(service + "-health").route(path("/health/" + service).or(path("/health/" + service + "/**")), http())
                            .before(uri(base))
                            .before(rewritePath("/health/" + service + "(?<rest>.*)", "/actuator/health${rest}"))
                            .build())
                    .and(route(service + "-docs").route(path("/docs/" + service), http())
                            .before(uri(base))
                            .before(rewritePath("/docs/" + service, "/v3/api-docs"))
                            .build());
            all = all == null ? routes : all.and(routes);
        }
        return all;
    }
}
