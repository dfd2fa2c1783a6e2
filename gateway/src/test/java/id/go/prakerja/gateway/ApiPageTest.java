package id.go.prakerja.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One API page on the entry point: Swagger UI listing every service's document, loaded through the gateway. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiPageTest {

    /** Every service of the platform; one missing or renamed in the gateway's configuration fails this test. */
    private static final List<String> SERVICES =
            List.of("registration", "verification", "training", "incentive", "payment", "survey", "console");

    /** One tiny server per service that answers every request with an OpenAPI document titled with its name. */
    private static final Map<String, HttpServer> STUBS = new ConcurrentHashMap<>();

    static {
        for (String service : PublicPaths.BY_SERVICE.keySet()) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.createContext("/", exchange -> {
                    byte[] body = """
                            {"openapi":"3.1.0","info":{"title":"%s","version":"v1"},"servers":[{"url":"%s"}],"paths":{}}"""
                            .formatted(service, exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
                server.start();
                STUBS.put(service, server);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        STUBS.forEach((service, server) -> registry.add("prakerja.gateway.services." + service,
                () -> "http://127.0.0.1:" + server.getAddress().getPort()));
    }

    @AfterAll
    static void stop() {
        STUBS.values().forEach(server -> server.stop(0));
    }

    @LocalServerPort
    int port;
    @Autowired
    GatewayProperties properties;

    private HttpResponse<String> get(String path) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void the_swagger_ui_config_lists_every_service_document_at_its_gateway_route() throws Exception {
        HttpResponse<String> config = get("/v3/api-docs/swagger-config");
        assertThat(config.statusCode()).isEqualTo(200);
        JsonNode urls = JsonMapper.builder().build().readTree(config.body()).get("urls");
        assertThat(urls).as("swagger-config has a urls list: " + config.body()).isNotNull();
        List<String> names = new ArrayList<>();
        List<String> locations = new ArrayList<>();
        urls.forEach(u -> {
            names.add(u.get("name").asString());
            locations.add(u.get("url").asString());
        });
        assertThat(names).containsExactlyInAnyOrderElementsOf(SERVICES);
        assertThat(names).containsExactlyInAnyOrderElementsOf(properties.services().keySet());

        // each entry is a same-origin address the gateway answers with that service's own document
        for (int i = 0; i < names.size(); i++) {
            assertThat(locations.get(i)).isEqualTo("/docs/" + names.get(i));
            HttpResponse<String> document = get(locations.get(i));
            assertThat(document.statusCode()).as(locations.get(i)).isEqualTo(200);
            assertThat(document.body()).as(locations.get(i))
                    .contains("\"title\":\"" + names.get(i) + "\"").contains("/v3/api-docs");
        }
    }

    @Test
    void swagger_ui_html_leads_to_the_page_configured_with_that_list() throws Exception {
        HttpResponse<String> entry = get("/swagger-ui.html");
        assertThat(entry.statusCode()).isEqualTo(302);
        String location = entry.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/swagger-ui/index.html");

        HttpResponse<String> page = get(URI.create(location).getRawPath());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        // the page reads its list of documents from the swagger-config above
        HttpResponse<String> initializer = get("/swagger-ui/swagger-initializer.js");
        assertThat(initializer.statusCode()).isEqualTo(200);
        assertThat(initializer.body()).contains("/v3/api-docs/swagger-config").doesNotContain("petstore");
    }
}
