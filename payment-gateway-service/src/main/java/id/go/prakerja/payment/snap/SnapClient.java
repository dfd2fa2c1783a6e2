package id.go.prakerja.payment.snap;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Speaks SNAP to one partner: fetches and caches the B2B access token (refreshed a minute before
 * it expires, or at once when the partner says it is invalid), and signs every service call with
 * a new numeric {@code X-EXTERNAL-ID}. Plain Java, so it is tested without Spring.
 *
 * <p>Calls block their (virtual) thread on a pool of keep-alive connections, at most
 * {@code maxConnections} to the partner, so the in-flight bound is also the connection bound.
 * Apache HttpClient rather than the JDK's: the JDK client's per-request futures, filters and
 * selector hand-offs cost about half the CPU of a transfer call on two cores. It never retries on
 * its own (a repeated transfer is the payment's own decision, under the same reference) and never
 * follows redirects.
 *
 * <p>What the caller must know: {@link NotSent} means the request certainly did not reach the
 * partner (no connection, or the token could not be had), so nothing happened there; any other
 * failure ({@link Unanswered}: a timeout or a broken connection after sending) leaves the outcome
 * unknown.
 */
public final class SnapClient implements AutoCloseable {

    public static final String TOKEN_PATH = "/snap/v1.0/access-token/b2b";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ContentType JSON_CONTENT = ContentType.create("application/json");
    private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofSeconds(60);

    private final String baseUrl;
    private final SnapCredentials credentials;
    private final Duration readTimeout;
    private final Clock clock;
    private final ExternalIds externalIds;
    private final CloseableHttpClient http;

    private final Object tokenLock = new Object();
    private volatile String token;
    private volatile Instant tokenRefreshAt = Instant.MIN;

    public SnapClient(String baseUrl, SnapCredentials credentials, Duration connectTimeout, Duration readTimeout,
            Clock clock, ExternalIds externalIds) {
        this(baseUrl, credentials, connectTimeout, readTimeout, 64, clock, externalIds);
    }

    public SnapClient(String baseUrl, SnapCredentials credentials, Duration connectTimeout, Duration readTimeout,
            int maxConnections, Clock clock, ExternalIds externalIds) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.credentials = credentials;
        this.readTimeout = readTimeout;
        this.clock = clock;
        this.externalIds = externalIds;
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(readTimeout))
                        // a connection idle for a while is checked before reuse: a partner that closed it
                        // would otherwise turn a transfer into an unknown outcome
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        // waiting for a free connection: the request has not been sent, so NotSent
                        .setConnectionRequestTimeout(Timeout.of(readTimeout))
                        .setResponseTimeout(Timeout.of(readTimeout))
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .disableConnectionState()
                // closed here before a partner's keep-alive timeout (commonly 30 to 75 s) closes them there
                .evictIdleConnections(TimeValue.ofSeconds(10))
                .build();
    }

    /** What came back over HTTP, read in full. */
    private record Answer(int status, byte[] body, String retryAfter) {
    }

    private Answer exchange(HttpPost request) throws IOException {
        return http.execute(request, response -> {
            Header retryAfter = response.getFirstHeader("Retry-After");
            // the bytes as they came, parsed once (no string in between)
            byte[] body = response.getEntity() == null ? null : EntityUtils.toByteArray(response.getEntity());
            return new Answer(response.getCode(), body, retryAfter == null ? null : retryAfter.getValue());
        });
    }

    private HttpPost request(String path, String body) {
        HttpPost request = new HttpPost(baseUrl + path);
        request.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), JSON_CONTENT));
        return request;
    }

    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
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
        HttpPost request = request(TOKEN_PATH, body);
        request.setHeader("X-CLIENT-KEY", credentials.clientId());
        request.setHeader("X-TIMESTAMP", timestamp);
        request.setHeader("X-SIGNATURE", SnapSignatures.accessTokenSignature(credentials.privateKey(), credentials.clientId(), timestamp));
        Answer response;
        try {
            response = exchange(request);
        } catch (IOException e) {
            throw new NotSent("access token: " + e, e);
        }
        JsonNode json = parse(response.body());
        String accessToken = json == null ? null : json.path("accessToken").asString(null);
        if (response.status() != 200 || accessToken == null) {
            throw new NotSent("access token refused: HTTP " + response.status() + " "
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
        HttpPost request = request(path, body);
        request.setHeader("Authorization", "Bearer " + accessToken);
        request.setHeader("X-TIMESTAMP", timestamp);
        request.setHeader("X-PARTNER-ID", credentials.clientId());
        request.setHeader("X-EXTERNAL-ID", externalId);
        request.setHeader("CHANNEL-ID", credentials.channelId());
        request.setHeader("X-SIGNATURE", SnapSignatures.serviceSignature(credentials.clientSecret(), "POST", path,
                accessToken, body, timestamp));
        Answer response;
        try {
            response = exchange(request);
        } catch (ConnectException | UnknownHostException | ConnectTimeoutException e) {
            throw new NotSent("no connection to " + baseUrl + ": " + e.getMessage(), e);
        } catch (ConnectionRequestTimeoutException e) {
            throw new NotSent("no free connection to " + baseUrl + " within " + readTimeout.toMillis() + " ms", e);
        } catch (SocketTimeoutException e) {
            throw new Unanswered("no answer within " + readTimeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new Unanswered("connection broken: " + e, e);
        }
        JsonNode json = parse(response.body());
        ResponseCode code = json == null ? null : ResponseCode.parse(json.path("responseCode").asString(null));
        long retryAfter = response.retryAfter() == null ? 0L : parseLong(response.retryAfter(), 1);
        return new SnapResponse(response.status(), code, json, externalId, retryAfter);
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = body == null || body.length == 0 ? null : JSON.readTree(body);
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
