package id.go.prakerja.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.sun.net.httpserver.HttpServer;

/**
 * Server-sent events pass through the entry point as they are written, not when the stream
 * ends: the operator console's page relies on them to update without reloading.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayStreamingTest {

    private static final CountDownLatch FIRST_EVENT_SEEN = new CountDownLatch(1);
    private static final HttpServer SERVICE = stream();

    private static HttpServer stream() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write("event: changed\ndata: {\"events\":1}\n\n".getBytes(StandardCharsets.UTF_8));
                    body.flush();
                    // the second event only once the client has the first: a buffering proxy never gets here in time
                    FIRST_EVENT_SEEN.await(20, TimeUnit.SECONDS);
                    body.write("event: changed\ndata: {\"events\":2}\n\n".getBytes(StandardCharsets.UTF_8));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PublicPaths.BY_SERVICE.keySet().forEach(service -> registry.add("prakerja.gateway.services." + service,
                () -> "http://127.0.0.1:" + SERVICE.getAddress().getPort()));
    }

    @AfterAll
    static void stop() {
        SERVICE.stop(0);
    }

    @LocalServerPort
    int port;

    @Test
    void an_event_stream_reaches_the_client_event_by_event() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/reports/stream"))
                .header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String first = CompletableFuture.supplyAsync(() -> nextData(lines)).get(10, TimeUnit.SECONDS);
            assertThat(first).isEqualTo("data: {\"events\":1}");
            FIRST_EVENT_SEEN.countDown();
            assertThat(CompletableFuture.supplyAsync(() -> nextData(lines)).get(10, TimeUnit.SECONDS))
                    .isEqualTo("data: {\"events\":2}");
        }
    }

    private static String nextData(BufferedReader lines) {
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("data:")) {
                    return line;
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("stream ended");
    }
}
