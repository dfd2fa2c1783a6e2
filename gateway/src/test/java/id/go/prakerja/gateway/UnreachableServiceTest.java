package id.go.prakerja.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service that is down (restarting, crashed) answers through the gateway as one a front end may try
 * again: 503 problem+json with Retry-After, never the 500 that says the request was wrong.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UnreachableServiceTest {

    /** A port nothing listens on: taken, then given back. */
    private static final int CLOSED = closedPort();

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PublicPaths.BY_SERVICE.keySet().forEach(service -> registry.add("prakerja.gateway.services." + service,
                () -> "http://127.0.0.1:" + CLOSED));
    }

    @LocalServerPort
    int port;

    @Test
    void a_service_that_cannot_be_reached_is_503_with_retry_after_for_its_paths_and_its_health() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : new String[] {"/api/v1/participants", "/health/registration", "/api/v1/surveys/me", "/admin/reports/funnel"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.headers().firstValue("Retry-After")).as(path).hasValue("5");
            assertThat(response.body()).as(path).contains("\"code\":\"SERVICE_UNAVAILABLE\"");
        }
    }
}
