package id.go.prakerja.payment.snap;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Speaks SNAP to one partner: fetches and caches the B2B access token (refreshed a minute before
 * it expires, or at once when the partner says it is invalid), and signs every service call with
 * a new numeric {@code X-EXTERNAL-ID}. Plain Java, so it is tested without Spring.
 *
 * <p>What the caller must know: {@link NotSent} means the request certainly did not reach the
 * partner (no connection, or the token could not be had), so nothing happened there; any other
 * failure ({@link Unanswered}: a timeout or a broken connection after sending) leaves the outcome
 * unknown.
 */
public final class SnapClient {

    public static final String TOKEN_PATH = "/snap/v1.0/access-token/b2b";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofSeconds(60);

    private final String baseUrl;
    private final SnapCredentials credentials;
    private final Duration readTimeout;
    private final Clock clock;
    private final ExternalIds externalIds;
    private final HttpClient http;

    private final Object tokenLock = new Object();
    private volatile String token;
    private volatile Instant tokenRefreshAt = Instant.MIN;

    public SnapClient(String baseUrl, SnapCredentials credentials, Duration connectTimeout, Duration readTimeout,
            Clock clock, ExternalIds externalIds) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.credentials = credentials;
        this.readTimeout = readTimeout;
        this.clock = clock;
        this.externalIds = externalIds;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    /** The request did not reach the partner: nothing happened there. */
    public static final class NotSent extends RuntimeException {
        public NotSent(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The request may have reached the partner but no answer came back: the outcome is unknown. */
    public static final class Unanswered extends RuntimeException {
        public Unanswered(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A signed service call; a token the partner calls invalid is fetched again and the call repeated once. */
    public SnapResponse post(String path, String body) {
        String current = token();
        SnapResponse response = send(path, body, current);
        if (response.httpStatus() == 401 && response.code() != null && "01".equals(response.code().caseCode())) {
            invalidate(current);
            response = send(path, body, token());
        }
        return response;
    }

    /** The cached token, fetched when missing or about to expire. */
    public String token() {
        Instant now = clock.instant();
        String cached = token;
        if (cached != null && now.isBefore(tokenRefreshAt)) {
            return cached;
        }
        synchronized (tokenLock) {
            if (token != null && clock.instant().isBefore(tokenRefreshAt)) {
                return token;
            }
            fetchToken();
            return token;
        }
    }

    void invalidate(String used) {
        synchronized (tokenLock) {
            if (used.equals(token)) {
                token = null;
                tokenRefreshAt = Instant.MIN;
            }
        }
    }

    private void fetchToken() {
        String timestamp = SnapSignatures.timestamp(clock.instant());
        String body = "{\"grantType\":\"client_credentials\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + TOKEN_PATH))
                .timeout(readTimeout)
                .header("Content-Type", "application/json")
                .header("X-CLIENT-KEY", credentials.clientId())
                .header("X-TIMESTAMP", timestamp)
                .header("X-SIGNATURE", SnapSignatures.accessTokenSignature(credentials.privateKey(), credentials.clientId(), timestamp))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new NotSent("access token: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotSent("interrupted", e);
        }
        JsonNode json = parse(response.body());
        String accessToken = json == null ? null : json.path("accessToken").asString(null);
        if (response.statusCode() != 200 || accessToken == null) {
            throw new NotSent("access token refused: HTTP " + response.statusCode() + " "
                    + (json == null ? "" : json.path("responseCode").asString("")), null);
        }
        long expiresIn = parseLong(json.path("expiresIn").asString(json.path("expiresIn").asString("900")), 900);
        Duration ttl = Duration.ofSeconds(expiresIn);
        Duration margin = REFRESH_BEFORE_EXPIRY.compareTo(ttl.dividedBy(2)) < 0 ? REFRESH_BEFORE_EXPIRY : ttl.dividedBy(2);
        token = accessToken;
        tokenRefreshAt = clock.instant().plus(ttl).minus(margin);
    }

    private SnapResponse send(String path, String body, String accessToken) {
        String timestamp = SnapSignatures.timestamp(clock.instant());
        String externalId = externalIds.next();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(readTimeout)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + accessToken)
                .header("X-TIMESTAMP", timestamp)
                .header("X-PARTNER-ID", credentials.clientId())
                .header("X-EXTERNAL-ID", externalId)
                .header("CHANNEL-ID", credentials.channelId())
                .header("X-SIGNATURE", SnapSignatures.serviceSignature(credentials.clientSecret(), "POST", path,
                        accessToken, body, timestamp))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new NotSent("no connection to " + baseUrl + ": " + e.getMessage(), e);
        } catch (HttpTimeoutException e) {
            throw new Unanswered("no answer within " + readTimeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new Unanswered("connection broken: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unanswered("interrupted while waiting", e);
        }
        JsonNode json = parse(response.body());
        ResponseCode code = json == null ? null : ResponseCode.parse(json.path("responseCode").asString(null));
        long retryAfter = response.headers().firstValue("Retry-After").map(v -> parseLong(v, 1)).orElse(0L);
        return new SnapResponse(response.statusCode(), code, json, externalId, retryAfter);
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static long parseLong(String text, long fallback) {
        try {
            return Long.parseLong(text.trim());
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    public String baseUrl() {
        return baseUrl;
    }
}
