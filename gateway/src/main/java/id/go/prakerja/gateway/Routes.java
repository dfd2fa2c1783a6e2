package id.go.prakerja.gateway;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.rewritePath;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.web.servlet.function.RequestPredicates.path;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Builds one route per service from {@link PublicPaths}, plus
 * {@code /health/<service>/**} → the service's {@code /actuator/health/**} and
 * {@code /docs/<service>} → its OpenAPI document, so one address shows the whole platform.
 * A service's address may list several instances, comma-separated: each request goes to the next in
 * turn. Only the local launcher's replicas need that; in Kubernetes a service has one address that
 * balances by itself, so a load balancer library (and its health checks) would be weight for nothing.
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
            Function<ServerRequest, ServerRequest> instance = inTurn(base);
            RouterFunction<ServerResponse> routes = route(service).route(paths, http()).before(instance).build()
                    .and(route(service + "-health").route(path("/health/" + service).or(path("/health/" + service + "/**")), http())
                            .before(instance)
                            .before(rewritePath("/health/" + service + "(?<rest>.*)", "/actuator/health${rest}"))
                            .build())
                    .and(route(service + "-docs").route(path(ApiPage.documentPath(service)), http())
                            .before(instance)
                            .before(rewritePath(ApiPage.documentPath(service), "/v3/api-docs"))
                            .build());
            routes = routes.filter(unreachable(service));
            all = all == null ? routes : all.and(routes);
        }
        return all;
    }

    /**
     * A service that cannot be reached answers as HTTP says a gateway should, in problem+json: 503 with
     * Retry-After when no connection could be made (the request was not carried out: a front end may send
     * it again), 504 when it did not answer in time, 502 when the connection broke mid-way (it may have
     * been carried out). Otherwise the client would get a 500, which says the request itself was at fault.
     */
    static org.springframework.web.servlet.function.HandlerFilterFunction<ServerResponse, ServerResponse> unreachable(
            String service) {
        return (request, next) -> {
            try {
                return next.handle(request);
            } catch (Exception e) {
                org.springframework.http.HttpStatus status = null;
                for (Throwable t = e; t != null && status == null; t = t.getCause()) {
                    if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                            || t instanceof java.nio.channels.UnresolvedAddressException) {
                        status = org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE;
                    } else if (t instanceof java.net.http.HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
                        status = org.springframework.http.HttpStatus.GATEWAY_TIMEOUT;
                    }
                }
                if (status == null && !(e instanceof java.io.IOException || e.getCause() instanceof java.io.IOException
                        || e instanceof java.io.UncheckedIOException
                        || e instanceof org.springframework.web.client.ResourceAccessException)) {
                    throw e;
                }
                status = status == null ? org.springframework.http.HttpStatus.BAD_GATEWAY : status;
                org.springframework.http.ProblemDetail problem = org.springframework.http.ProblemDetail.forStatusAndDetail(status,
                        "the " + service + " service could not be reached; try again shortly");
                problem.setProperty("code", status == org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE
                        ? "SERVICE_UNAVAILABLE" : status == org.springframework.http.HttpStatus.GATEWAY_TIMEOUT
                        ? "SERVICE_TIMEOUT" : "SERVICE_CONNECTION_BROKEN");
                var response = ServerResponse.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
                if (status == org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE) {
                    response.header("Retry-After", "5");
                }
                return response.body(problem);
            }
        };
    }

    /** Sends each request to the next of the comma-separated base URLs, round robin. */
    static Function<ServerRequest, ServerRequest> inTurn(String baseUrls) {
        List<URI> instances = Arrays.stream(baseUrls.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(URI::create).toList();
        if (instances.isEmpty()) {
            throw new IllegalStateException("no address in '" + baseUrls + "'");
        }
        AtomicInteger next = new AtomicInteger();
        return request -> {
            MvcUtils.setRequestUrl(request, instances.get(Math.floorMod(next.getAndIncrement(), instances.size())));
            return request;
        };
    }
}
