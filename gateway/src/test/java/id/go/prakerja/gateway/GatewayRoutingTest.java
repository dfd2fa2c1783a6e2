package id.go.prakerja.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.sun.net.httpserver.HttpServer;

/** Every public prefix reaches its owning service, as the k8s Ingress routes them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingTest {

    /** One tiny HTTP server per service that answers with its own name, the path it got and the auth header. */
    private static final Map<String, HttpServer> SERVICES = new ConcurrentHashMap<>();
    /** A second instance of the payment service, as the local launcher's {@code --replicas=2} runs it. */
    private static final HttpServer SECOND_PAYMENT = server("payment");
    private static final Map<HttpServer, AtomicInteger> HITS = new ConcurrentHashMap<>();

    static {
        for (String service : PublicPaths.BY_SERVICE.keySet()) {
            SERVICES.put(service, server(service));
        }
    }

    private static HttpServer server(String service) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                HITS.computeIfAbsent(server, s -> new AtomicInteger()).incrementAndGet();
                String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
                byte[] body = (service + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + auth)
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        SERVICES.forEach((service, server) -> registry.add("prakerja.gateway.services." + service,
                () -> "http://127.0.0.1:" + server.getAddress().getPort()
                        + (service.equals("payment") ? ", http://127.0.0.1:" + SECOND_PAYMENT.getAddress().getPort() : "")));
    }

    @AfterAll
    static void stop() {
        SERVICES.values().forEach(server -> server.stop(0));
        SECOND_PAYMENT.stop(0);
    }

    @LocalServerPort
    int port;

    private String call(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer abc")
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    @Test
    void every_public_prefix_reaches_its_owning_service_with_path_method_and_token_intact() throws Exception {
        for (var entry : PublicPaths.BY_SERVICE.entrySet()) {
            for (String prefix : entry.getValue()) {
                assertThat(call("POST", prefix + "/x/y?q=1")).isEqualTo(entry.getKey() + " POST " + prefix + "/x/y?q=1 Bearer abc");
                assertThat(call("GET", prefix)).startsWith(entry.getKey() + " GET " + prefix);
            }
        }
    }

    @Test
    void health_and_openapi_of_each_service_are_reachable_through_the_entry_point() throws Exception {
        for (String service : List.copyOf(PublicPaths.BY_SERVICE.keySet())) {
            assertThat(call("GET", "/health/" + service)).startsWith(service + " GET /actuator/health ");
            assertThat(call("GET", "/health/" + service + "/readiness")).startsWith(service + " GET /actuator/health/readiness");
            assertThat(call("GET", "/docs/" + service)).startsWith(service + " GET /v3/api-docs");
        }
    }

    @Test
    void a_service_with_two_instances_gets_its_requests_in_turn() throws Exception {
        int first = hits(SERVICES.get("payment"));
        int second = hits(SECOND_PAYMENT);
        for (int i = 0; i < 10; i++) {
            assertThat(call("GET", "/admin/payments")).startsWith("payment GET /admin/payments");
        }
        assertThat(hits(SERVICES.get("payment")) - first).isEqualTo(5);
        assertThat(hits(SECOND_PAYMENT) - second).isEqualTo(5);
    }

    private static int hits(HttpServer server) {
        return HITS.computeIfAbsent(server, s -> new AtomicInteger()).get();
    }
}
