package id.go.prakerja.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client as a front end would be: JSON over real HTTP, optional bearer token and language. The
 * clients derived from one ({@link #withToken}, ...) share its connections, as a browser's tabs do.
 */
public final class HttpApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient client;
    private final String baseUrl;
    private final String token;
    private final String language;
    private final Duration patience;

    private HttpApi(HttpClient client, String baseUrl, String token, String language, Duration patience) {
        this.client = client;
        this.baseUrl = baseUrl;
        this.token = token;
        this.language = language;
        this.patience = patience;
    }

    public static HttpApi at(String baseUrl) {
        return new HttpApi(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), baseUrl, null, null,
                Duration.ZERO);
    }

    public HttpApi withToken(String bearer) {
        return new HttpApi(client, baseUrl, bearer, language, patience);
    }

    public HttpApi inLanguage(String acceptLanguage) {
        return new HttpApi(client, baseUrl, token, acceptLanguage, patience);
    }

    /**
     * A client that, like a mobile app, tries again (after a second, then two, up to five) for as long as
     * {@code patience} when the platform cannot be reached or answers that a service behind it is
     * unavailable (502, 503, 504), e.g. while a service restarts. A request repeated this way may have
     * been carried out once already: the caller must treat the platform's "already done" answer as done.
     */
    public HttpApi retrying(Duration patience) {
        return new HttpApi(client, baseUrl, token, language, patience);
    }

    /** Where requests go: scheme, host and port, no path. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The headers every request of this client carries: its bearer token and language, when set. */
    public Map<String, String> identity() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (language != null) {
            headers.put("Accept-Language", language);
        }
        return headers;
    }

    public Response get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Response post(String path, Object body) {
        return send("POST", path, body, Map.of());
    }

    public Response send(String method, String path, Object body, Map<String, String> headers) {
        String json = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        return sendRaw(method, path, json == null ? null : json.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers);
    }

    /** A {@code multipart/form-data} POST of files, each part named by its key (as a browser's form sends them). */
    public Response postFiles(String path, Map<String, byte[]> files) {
        String boundary = "----prakerja" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        files.forEach((name, content) -> {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                    + name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        });
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return sendRaw("POST", path, body.toByteArray(), Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
    }

    public Response sendRaw(String method, String path, byte[] body, Map<String, String> headers) {
        long giveUpAt = System.nanoTime() + patience.toNanos();
        for (long pause = 1_000; ; pause = Math.min(5_000, pause * 2)) {
            Response response;
            try {
                response = sendOnce(method, path, body, headers);
            } catch (IllegalStateException e) {
                if (patience.isZero() || System.nanoTime() - giveUpAt > 0 || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                response = null;
            }
            if (response != null && (patience.isZero() || System.nanoTime() - giveUpAt > 0
                    || (response.status() != 502 && response.status() != 503 && response.status() != 504))) {
                return response;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private Response sendOnce(String method, String path, byte[] body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(identity());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null && all.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            request.header("Content-Type", "application/json");
        }
        all.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String contentType, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
