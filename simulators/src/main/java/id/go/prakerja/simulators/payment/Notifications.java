package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.http.Json;
import id.go.prakerja.simulators.payment.PaymentPartnerSimulator.CallbackMode;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The partner's settlement notifications to the platform's callback: the final state of a transfer,
 * in SNAP's shape or GoPay's own, signed like a service call with an empty access token. They
 * misbehave as {@link CallbackMode} says, because the platform must cope with partners that lose,
 * repeat, delay, reorder or mis-sign them; the platform's answers are recorded as
 * {@link CallbackAttempt}s, the latest 10,000 in a ring, so a test can see what was delivered.
 */
final class Notifications {

    static final int ATTEMPTS_KEPT = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final PartnerProfile profile;
    private final String clientId;
    private final String clientSecret;
    private final PartnerBehaviour behaviour;
    private final ScheduledExecutorService scheduler;
    private final CloseableHttpClient http;
    private final AtomicLong sequence = new AtomicLong();
    /** Guarded by {@code this}. */
    private final Deque<CallbackAttempt> attempts = new ArrayDeque<>();

    private volatile String url;
    /** Where notifications go from the start and again after a reset; null: nowhere. */
    private volatile String defaultUrl;

    Notifications(PartnerProfile profile, String clientId, String clientSecret, PartnerBehaviour behaviour,
                  ScheduledExecutorService scheduler) {
        this.profile = profile;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.behaviour = behaviour;
        this.scheduler = scheduler;
        // a pooled keep-alive client (the JDK's HttpClient cost several times as much CPU per
        // notification, most of it in its asynchronous machinery, at a thousand notifications a second)
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(512).setMaxConnPerRoute(512)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(2)).setSocketTimeout(Timeout.ofSeconds(15)).build())
                        .build())
                // longer than the gateway waits for a receipt to commit (10 s) before answering 503: a notification
                // the gateway records is acknowledged, not abandoned and sent again
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(Timeout.ofSeconds(5))
                        .setResponseTimeout(Timeout.ofSeconds(15)).build())
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
                .disableContentCompression().disableConnectionState()
                .evictIdleConnections(TimeValue.ofSeconds(10))
                .build();
    }

    String url() {
        return url;
    }

    /** Where notifications go until the next reset; null or blank stops them. */
    void url(String url) {
        this.url = url == null || url.isBlank() ? null : URI.create(url).toString();
    }

    /** Where notifications go from now on and again after every reset. */
    void defaultUrl(String url) {
        url(url);
        this.defaultUrl = this.url;
    }

    /** The latest delivery attempts, oldest first. */
    synchronized List<CallbackAttempt> attempts() {
        return List.copyOf(attempts);
    }

    /** Forgets the attempts and goes back to the default address. */
    synchronized void reset() {
        attempts.clear();
        url = defaultUrl;
    }

    /** Tells the platform a transfer reached its final state, in the background, as the mode says. */
    void settled(PaymentRecord record) {
        String target = url;
        if (target == null) {
            return;
        }
        CallbackMode mode = behaviour.callbackMode();
        switch (mode) {
            case LOST -> {
                // the partner believes it sent it
            }
            case DELAYED -> scheduler.schedule(() -> Thread.ofVirtual().start(() -> deliver(target, record, mode)),
                    behaviour.callbackDelayMillis(), TimeUnit.MILLISECONDS);
            default -> Thread.ofVirtual().start(() -> deliver(target, record, mode));
        }
    }

    void close() {
        http.close(CloseMode.IMMEDIATE);
    }

    /**
     * POSTs the notification, retrying a failed delivery a few times; partners with
     * {@code callbackCopies > 1} deliver it again even after success, as at-least-once senders do.
     */
    private void deliver(String target, PaymentRecord record, CallbackMode mode) {
        String body = Json.writeString(body(record, record.status()));
        int copies = profile.callbackCopies() + (mode == CallbackMode.DUPLICATED ? 2 : 0);
        send(target, record, body, nextExternalId(), copies,
                mode == CallbackMode.BAD_SIGNATURE ? "not-" + clientSecret : clientSecret);
        if (mode == CallbackMode.OUT_OF_ORDER) {
            String stale = Json.writeString(body(record, PaymentStatus.PENDING));
            send(target, record, stale, nextExternalId(), 1, clientSecret);
        }
    }

    private String nextExternalId() {
        return String.valueOf(sequence.incrementAndGet() * 1_000 + RANDOM.nextInt(1_000));
    }

    private void send(String target, PaymentRecord record, String body, String externalId, int copies, String secret) {
        URI uri = URI.create(target);
        String relativeUrl = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
        int attempt = 0;
        for (int copy = 0; copy < copies; copy++) {
            for (int tries = 0; tries < 3; tries++) {
                attempt++;
                String timestamp = SnapSignature.timestampNow();
                int status = post(uri, body, timestamp, externalId,
                        SnapSignature.sign(secret, "POST", relativeUrl, "", body, timestamp));
                record(new CallbackAttempt(target, record.partnerReferenceNo(), attempt, status, body, Instant.now()));
                if (status >= 200 && status < 500) {
                    break; // delivered, or refused for good: a partner does not retry a 4xx
                }
                try {
                    Thread.sleep(300L * (tries + 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private synchronized void record(CallbackAttempt attempt) {
        if (attempts.size() >= ATTEMPTS_KEPT) {
            attempts.removeFirst();
        }
        attempts.addLast(attempt);
    }

    private int post(URI uri, String body, String timestamp, String externalId, String signature) {
        HttpPost request = new HttpPost(uri);
        request.setHeader("X-TIMESTAMP", timestamp);
        request.setHeader("X-PARTNER-ID", clientId);
        request.setHeader("X-EXTERNAL-ID", externalId);
        request.setHeader("CHANNEL-ID", "95221");
        request.setHeader("X-SIGNATURE", signature);
        request.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON));
        try {
            return http.execute(request, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
        } catch (IOException e) {
            log.info("{} callback to {} failed: {}", profile.party(), uri, e.toString());
            return -1;
        }
    }

    private Map<String, Object> body(PaymentRecord record, PaymentStatus status) {
        Map<String, Object> body = new LinkedHashMap<>();
        String finished = SnapSignature.timestamp(record.settledAt() != null ? record.settledAt() : Instant.now());
        if (profile.callbackShape() == PartnerProfile.CallbackShape.GOPAY) {
            body.put("transactionId", record.referenceNo());
            body.put("partnerReferenceNo", record.partnerReferenceNo());
            body.put("status", switch (status) {
                case SUCCESS -> "SETTLEMENT";
                case PENDING -> "PENDING";
                case FAILED -> "FAILURE";
            });
            body.put("grossAmount", SnapMessages.money(record.amount()));
            body.put("customerNumber", record.destination());
            body.put("settlementTime", finished);
            return body;
        }
        body.put("originalPartnerReferenceNo", record.partnerReferenceNo());
        body.put("originalReferenceNo", record.referenceNo());
        body.put("originalExternalId", record.externalId());
        body.put("serviceCode", profile.transferServiceCode());
        body.put("latestTransactionStatus", status.snapCode());
        body.put("transactionStatusDesc", status.description());
        body.put("amount", SnapMessages.money(record.amount()));
        body.put(profile.isBank() ? "beneficiaryAccountNo" : "customerNumber", record.destination());
        body.put("finishedTime", finished);
        return body;
    }
}
