package id.go.prakerja.simulators.training;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.go.prakerja.simulators.http.Json;

/**
 * Learners at the platforms: a participant gives a voucher code at a platform's site, the platform
 * redeems it at the marketplace's webhook, and later reports progress and completion there by
 * itself, each report signed as the platform. Faults a test or a person can ask for: duplicate
 * reports, late reports, reports for an unknown voucher, bad signatures; a webhook that answers 5xx
 * or cannot be reached is retried with exponential backoff.
 */
final class Learners implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Learners.class);

    /** Where the marketplace's webhooks are when a request names none: the platform's entry point. */
    static final String DEFAULT_WEBHOOK_BASE = System.getProperty("prakerja.training.webhook-base-url",
            System.getenv().getOrDefault("PRAKERJA_TRAINING_WEBHOOK_BASE_URL", "http://localhost:8080"));

    /**
     * @param progressSteps       percentages reported before the completion
     * @param reportAfterMillis   how long after redemption the completion is reported (progress evenly before it)
     * @param lateMillis          added to every later report (a late platform)
     * @param duplicate           every report is sent twice (the copy signed again with a new timestamp)
     * @param unknownVoucher      progress and completion name a voucher that does not exist
     * @param badSignature        every report is signed with a wrong secret
     * @param complete            whether the learner finishes the training (false: progress only)
     * @param maxAttempts         tries of one report while the webhook answers 5xx or cannot be reached
     * @param backoffMillis       wait before the second try, doubled for each further one
     * @param completionLost      the completion report never reaches the marketplace (every try fails as
     *                            unreachable) and the platform gives up on it; it still lists the completion
     */
    record Plan(TrainingPlatform platform, String voucherCode, String webhookBase, String secret, List<Integer> progressSteps,
            long reportAfterMillis, long lateMillis, boolean duplicate, boolean unknownVoucher, boolean badSignature,
            boolean complete, String certificateNumber, int maxAttempts, long backoffMillis, boolean completionLost) {
    }

    /** A completion as the platform knows it, whatever became of its webhook; {@code sequence} orders them, from 1. */
    record Known(long sequence, TrainingPlatform platform, String eventId, String voucherCode, String certificateNumber,
            Instant completedAt) {
    }

    /** Where a lost report is sent: nothing listens there. */
    private static final String NOWHERE = "http://127.0.0.1:1";

    /** One try of one report, as the platform saw it. */
    record Delivery(String voucherCode, String kind, String eventId, int attempt, int status, String response,
            Instant at) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /**
     * One virtual thread per learner sends that learner's reports in order, each at its time: learners
     * report side by side as on a real platform (a pool of two threads made 200 learners wait minutes
     * behind each other's slow or retried webhooks).
     */
    private final java.util.concurrent.ExecutorService learners = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("training-platform-learner-", 0).factory());
    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<Known> completions = new ArrayList<>();
    /** The last completion's sequence: it keeps counting across a reset, so a reader's cursor stays true. */
    private long lastSequence;

    /** Redeems now (retrying a failing webhook), then schedules progress and completion. */
    Delivery start(Plan plan) {
        Delivery redeemed = deliver(plan, "REDEEM", "/vouchers/redeem", UUID.randomUUID().toString(),
                Map.of("voucherCode", plan.voucherCode()), plan.voucherCode());
        if (redeemed.status() < 200 || redeemed.status() >= 300) {
            return redeemed;
        }
        String reported = plan.unknownVoucher() ? "PKUNKNOWN" + ThreadLocalRandom.current().nextInt(100_000, 999_999)
                : plan.voucherCode();
        int steps = plan.progressSteps().size();
        long started = System.nanoTime();
        learners.execute(() -> {
            for (int i = 0; i < steps; i++) {
                int percent = plan.progressSteps().get(i);
                pauseUntil(started, plan.reportAfterMillis() * (i + 1) / (steps + 1) + plan.lateMillis());
                deliver(plan, "PROGRESS", "/progress", UUID.randomUUID().toString(),
                        Map.of("voucherCode", reported, "percent", percent), plan.voucherCode());
            }
            if (plan.complete()) {
                String certificate = plan.certificateNumber() != null ? plan.certificateNumber()
                        : "CERT-" + plan.platform().name() + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
                pauseUntil(started, plan.reportAfterMillis() + plan.lateMillis());
                Instant completedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                String eventId = UUID.randomUUID().toString();
                synchronized (completions) {
                    completions.add(new Known(++lastSequence, plan.platform(), eventId, reported, certificate,
                            completedAt));
                }
                deliver(plan, "COMPLETION", "/completions", eventId, Map.of("voucherCode", reported, "certificateNumber",
                        certificate, "completedAt", completedAt.toString()), plan.voucherCode());
            }
        });
        return redeemed;
    }

    private Delivery deliver(Plan plan, String kind, String path, String eventId, Map<String, Object> fields,
            String learnerVoucher) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("eventId", eventId);
        payload.putAll(fields);
        String body = Json.writeString(payload);
        Delivery last = send(plan, kind, path, body, eventId, learnerVoucher);
        if (plan.duplicate() && last.status() < 500) {
            send(plan, kind, path, body, eventId, learnerVoucher);
        }
        return last;
    }

    private Delivery send(Plan plan, String kind, String path, String body, String eventId, String learnerVoucher) {
        String base = plan.completionLost() && "COMPLETION".equals(kind) ? NOWHERE : plan.webhookBase();
        URI url = URI.create(base.replaceAll("/+$", "") + "/partner/platforms/" + plan.platform().name() + path);
        Delivery delivery = null;
        for (int attempt = 1; attempt <= plan.maxAttempts(); attempt++) {
            String timestamp = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
            String secret = plan.badSignature() ? "not-the-platform-secret" : plan.secret();
            String signature = TrainingPlatformSimulator.signature(secret, "POST", TrainingPlatformSimulator.target(url),
                    timestamp, body);
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("X-PARTNER-ID", plan.platform().name())
                    .header("X-TIMESTAMP", timestamp)
                    .header("X-SIGNATURE", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            int status;
            String response;
            try {
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                status = answer.statusCode();
                response = answer.body();
            } catch (IOException e) {
                status = 0;
                response = "unreachable: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = 0;
                response = "interrupted";
            }
            delivery = new Delivery(learnerVoucher, kind, eventId, attempt, status, response, Instant.now());
            synchronized (deliveries) {
                deliveries.add(delivery);
            }
            log.info("{} {} report for voucher {} (try {}) -> {}", plan.platform(), kind, learnerVoucher, attempt, status);
            if (status != 0 && status < 500) {
                return delivery;
            }
            if (attempt < plan.maxAttempts()) {
                pause(plan.backoffMillis() << Math.min(attempt - 1, 10));
            }
        }
        return delivery;
    }

    private static void pauseUntil(long startedNanos, long afterMillis) {
        pause(afterMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<Delivery> deliveries(String voucherCode) {
        synchronized (deliveries) {
            return deliveries.stream().filter(d -> voucherCode == null || d.voucherCode().equalsIgnoreCase(voucherCode)).toList();
        }
    }

    /** The platform's completions after {@code sequence}, oldest first, at most {@code limit}. */
    List<Known> completions(TrainingPlatform platform, long after, int limit) {
        synchronized (completions) {
            return completions.stream().filter(k -> k.platform() == platform && k.sequence() > after).limit(limit).toList();
        }
    }

    void forget() {
        synchronized (deliveries) {
            deliveries.clear();
        }
        synchronized (completions) {
            completions.clear();
        }
    }

    @Override
    public void close() {
        learners.shutdownNow();
    }

    static Map<String, Object> describe(Delivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("voucherCode", d.voucherCode());
        m.put("kind", d.kind());
        m.put("eventId", d.eventId());
        m.put("attempt", d.attempt());
        m.put("status", d.status());
        m.put("response", d.response());
        m.put("at", d.at().toString());
        return m;
    }
}
