package id.go.prakerja.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import id.go.prakerja.console.ConsoleServiceTest;
import id.go.prakerja.console.Journey;

/** The page learns without reloading that numbers moved. */
class ReportStreamTest extends ConsoleServiceTest {

    @Test
    void an_open_stream_is_told_when_new_events_are_read() throws Exception {
        String token = tokens.issue("operator-sari", "OPERATOR").accessToken();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/reports/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(nextData(lines)).as("the position when the stream opens").contains("\"events\"");
            new Journey("34", 7, Instant.now()).registered();
            String moved = CompletableFuture.supplyAsync(() -> nextData(lines)).get(30, TimeUnit.SECONDS);
            assertThat(moved).contains("\"events\"");
        }
    }

    @Test
    void the_stream_is_only_for_a_client_that_asks_for_one_and_only_for_operators() {
        assertThat(operator().get("/admin/reports/stream").status()).isEqualTo(406);
        assertThat(api().send("GET", "/admin/reports/stream", null, java.util.Map.of("Accept", "text/event-stream")).status())
                .isEqualTo(401);
    }

    private static String nextData(BufferedReader lines) {
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("data:")) {
                    return line;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("stream ended");
    }

}
