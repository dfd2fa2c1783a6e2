package id.go.prakerja.simulators;

import id.go.prakerja.simulators.http.Json;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real HTTP client, as services use, so tests exercise the wire and not the Java shortcuts. */
public final class TestHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private TestHttp() {
    }

    public record Response(int status, String body, HttpHeaders headers) {
        public JsonNode json() {
            return Json.mapper().readTree(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public static Response get(String url, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), Duration.ofSeconds(10), headers);
    }

    public static Response post(String url, String json, String... headers) {
        return post(url, json, Duration.ofSeconds(10), headers);
    }

    public static Response post(String url, String json, Duration timeout, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), timeout, headers);
    }

    /** Like {@link #post} but lets the timeout surface, for tests about hanging parties. */
    public static Response postOrThrow(String url, String json, Duration timeout, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body(), r.headers());
    }

    private static Response send(HttpRequest.Builder builder, Duration timeout, String... headers) {
        builder.timeout(timeout);
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String bearer(String key) {
        return "Bearer " + key;
    }
}
