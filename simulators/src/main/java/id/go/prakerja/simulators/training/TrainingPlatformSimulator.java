package id.go.prakerja.simulators.training;

import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.Simulator;
import id.go.prakerja.simulators.http.FieldError;
import id.go.prakerja.simulators.http.HttpFailure;
import id.go.prakerja.simulators.http.Json;
import id.go.prakerja.simulators.http.JsonFields;
import id.go.prakerja.simulators.http.Router;
import id.go.prakerja.simulators.http.SimRequest;
import id.go.prakerja.simulators.http.SimResponse;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The eight training platforms behind one server: their catalogues, and the signed completion
 * webhook each sends when a participant finishes a training.
 *
 * <p>Webhook signature, the platform's partner scheme (its docs/architecture.md, "Signing a partner
 * request"):
 * {@code X-SIGNATURE = Base64(HMAC-SHA256(secret, METHOD + "\n" + path[?query] + "\n" + X-TIMESTAMP + "\n"
 * + lowercase hex(SHA-256(body))))}, with {@code X-PARTNER-ID} the platform code and {@code X-TIMESTAMP}
 * an ISO-8601 instant; path and query are those of the webhook URL, as sent.
 *
 * <p>Endpoints: {@code GET /platforms/v1/catalogue?platform=CODE} (omit for all), the feed the
 * marketplace pulls; {@code POST /platforms/v1/learners/redeem}, a participant at the platform's site
 * giving a voucher code (the platform redeems it at the marketplace, then reports progress and
 * completion by itself); {@code GET /_control/learners/deliveries?voucherCode=} (every report sent and
 * its answer); {@code POST /_control/catalogue} (publish or change a training);
 * {@code POST /_control/completions} (one completion report on request); {@code GET /platforms/v1/completions?platform=&cursor=&limit=}
 * (signed as the platform signs its webhooks: every completion its learners reached, the ones whose webhook it gave up on
 * included, after a cursor).
 */
public final class TrainingPlatformSimulator extends Simulator {

    public static final String CATALOGUE_PATH = "/platforms/v1/catalogue";

    public static final String LEARNER_PATH = "/platforms/v1/learners/redeem";

    public static final String COMPLETIONS_PATH = "/platforms/v1/completions";

    private static final Duration SIGNATURE_WINDOW = Duration.ofMinutes(5);
    private final List<Training> seeded;
    private final Map<String, Training> catalogue = new LinkedHashMap<>();
    private final Learners learners = new Learners();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public TrainingPlatformSimulator(long seed) {
        super(Party.TRAINING_PLATFORMS);
        this.seeded = Catalogue.generate(seed);
        resetState();
    }

    // ---- Java API for tests -------------------------------------------------------------------

    public List<Training> catalogue() {
        synchronized (catalogue) {
            return List.copyOf(catalogue.values());
        }
    }

    public List<Training> catalogue(TrainingPlatform platform) {
        return catalogue().stream().filter(t -> t.platformCode().equals(platform.name())).toList();
    }

    /** Publishes a new training or a change of one; the next pull of the feed shows it. */
    public void publish(Training training) {
        synchronized (catalogue) {
            catalogue.put(training.trainingId(), training);
        }
    }

    /** POSTs a signed completion webhook and reports how the platform under test answered. */
    public WebhookDelivery sendCompletion(CompletionRequest request) {
        return deliver(request, null, false);
    }

    /**
     * Computes the completion webhook's signature, for tests that forge or check one.
     *
     * @param target the raw path of the webhook URL, with "?" and its raw query when it has one
     */
    public static String signature(String secret, String method, String target, String timestamp, String body) {
        try {
            byte[] bodyHash = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            String signed = method + "\n" + target + "\n" + timestamp + "\n" + HexFormat.of().formatHex(bodyHash);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a receiver sees as the request target: the URL's raw path, and its raw query if any. */
    static String target(URI url) {
        String query = url.getRawQuery();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return query == null || query.isEmpty() ? path : path + "?" + query;
    }

    // ---- HTTP ---------------------------------------------------------------------------------

    @Override
    protected void registerRoutes(Router router) {
        router.party("GET", CATALOGUE_PATH, this::catalogueOverHttp);
        router.simulator("POST", "/_control/completions", this::completionOverHttp);
        router.party("POST", LEARNER_PATH, this::learnerOverHttp);
        router.party("GET", COMPLETIONS_PATH, this::completionsOverHttp);
        router.simulator("GET", "/_control/learners/deliveries", r -> SimResponse.json(200,
                learners.deliveries(r.query("voucherCode").orElse(null)).stream().map(Learners::describe).toList()));
        router.simulator("POST", "/_control/catalogue", this::publishOverHttp);
    }

    @Override
    protected void resetState() {
        synchronized (catalogue) {
            catalogue.clear();
            seeded.forEach(t -> catalogue.put(t.trainingId(), t));
        }
        if (learners != null) {
            learners.forget();
        }
    }

    @Override
    public void close() {
        learners.close();
        super.close();
    }

    private SimResponse learnerOverHttp(SimRequest request) {
        JsonFields f = request.fields();
        String code = f.requiredText("platformCode");
        TrainingPlatform platform = code == null ? null : TrainingPlatform.fromCode(code).orElse(null);
        if (code != null && platform == null) {
            f.reject("platformCode", "must be one of " + List.of(TrainingPlatform.values()));
        }
        String voucher = f.requiredText("voucherCode", 40);
        String base = f.optionalUrl("webhookBaseUrl");
        String secret = f.optionalText("secret");
        Long after = f.optionalLong("reportAfterMillis", 0, 86_400_000);
        Long late = f.optionalLong("lateMillis", 0, 86_400_000);
        Integer attempts = f.optionalInt("maxAttempts", 1, 20);
        Long backoff = f.optionalLong("backoffMillis", 0, 60_000);
        boolean duplicate = f.optionalBoolean("duplicate", false);
        boolean unknown = f.optionalBoolean("unknownVoucher", false);
        boolean bad = f.optionalBoolean("badSignature", false);
        boolean complete = f.optionalBoolean("complete", true);
        boolean completionLost = f.optionalBoolean("completionWebhookLost", false);
        String certificate = f.optionalText("certificateNumber");
        List<Integer> steps = new ArrayList<>();
        var stepsNode = request.json().get("progressSteps");
        if (stepsNode != null && stepsNode.isArray()) {
            for (var step : stepsNode) {
                if (!step.isInt() || step.asInt() < 0 || step.asInt() > 100) {
                    f.reject("progressSteps", "must be percentages 0-100");
                    break;
                }
                steps.add(step.asInt());
            }
        } else {
            steps.add(50);
        }
        f.throwIfInvalid();
        Learners.Plan plan = new Learners.Plan(platform, voucher.trim().toUpperCase(java.util.Locale.ROOT),
                base != null ? base : Learners.DEFAULT_WEBHOOK_BASE, secret != null ? secret : platform.defaultWebhookSecret(),
                List.copyOf(steps), after == null ? 2_000 : after, late == null ? 0 : late, duplicate, unknown, bad, complete,
                certificate, attempts == null ? 5 : attempts, backoff == null ? 500 : backoff, completionLost);
        Learners.Delivery redeemed = learners.start(plan);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("voucherCode", plan.voucherCode());
        answer.put("platformCode", platform.name());
        answer.put("redeemed", redeemed.status() >= 200 && redeemed.status() < 300);
        answer.put("webhookStatus", redeemed.status());
        answer.put("webhookResponse", redeemed.response());
        answer.put("attempts", redeemed.attempt());
        int status = redeemed.status() == 0 || redeemed.status() >= 500 ? 502
                : redeemed.status() >= 300 ? 409 : 200;
        return SimResponse.json(status, answer);
    }

    /**
     * The completions a platform knows of, whatever became of their webhooks, after a cursor: signed by the
     * marketplace with the platform's secret, as the platform signs its webhooks ({@code X-PARTNER-ID} the
     * platform, {@code X-TIMESTAMP} within 5 minutes, {@code X-SIGNATURE} over {@code GET}, the target as
     * sent, the timestamp and the empty body's hash).
     */
    private SimResponse completionsOverHttp(SimRequest request) {
        String code = request.query("platform").orElse(null);
        TrainingPlatform platform = TrainingPlatform.fromCode(code).orElseThrow(() -> HttpFailure.badRequest(
                "Unknown platform", List.of(FieldError.invalid("platform", "must be one of " + List.of(TrainingPlatform.values())))));
        checkSigned(request, platform);
        String cursor = request.query("cursor").orElse("0");
        if (!cursor.matches("[0-9]{1,18}")) {
            throw HttpFailure.badRequest("Bad cursor", List.of(FieldError.invalid("cursor", "must be a cursor this platform gave")));
        }
        String limitText = request.query("limit").orElse("100");
        int limit = limitText.matches("[0-9]{1,4}") ? Integer.parseInt(limitText) : -1;
        if (limit < 1 || limit > 1000) {
            throw HttpFailure.badRequest("Bad limit", List.of(FieldError.invalid("limit", "must be 1-1000")));
        }
        long after = Long.parseLong(cursor);
        List<Learners.Known> page = learners.completions(platform, after, limit + 1);
        boolean more = page.size() > limit;
        List<Learners.Known> items = more ? page.subList(0, limit) : page;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Learners.Known k : items) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("eventId", k.eventId());
            row.put("voucherCode", k.voucherCode());
            row.put("certificateNumber", k.certificateNumber());
            row.put("completedAt", k.completedAt().toString());
            rows.add(row);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("platformCode", platform.name());
        answer.put("items", rows);
        answer.put("nextCursor", String.valueOf(items.isEmpty() ? after : items.getLast().sequence()));
        answer.put("hasMore", more);
        return SimResponse.json(200, answer);
    }

    /** The platform's partner scheme, as the marketplace checks its webhooks: 401 on anything amiss. */
    private static void checkSigned(SimRequest request, TrainingPlatform platform) {
        String partner = request.header("X-PARTNER-ID");
        String timestamp = request.header("X-TIMESTAMP");
        String signature = request.header("X-SIGNATURE");
        if (partner == null || timestamp == null || signature == null || !partner.equalsIgnoreCase(platform.name())) {
            throw HttpFailure.unauthorized("Sign the request as the platform (X-PARTNER-ID, X-TIMESTAMP, X-SIGNATURE)");
        }
        Instant at;
        try {
            at = Instant.parse(timestamp);
        } catch (java.time.format.DateTimeParseException e) {
            throw HttpFailure.unauthorized("X-TIMESTAMP is not an ISO-8601 instant");
        }
        if (Duration.between(at, Instant.now()).abs().compareTo(SIGNATURE_WINDOW) > 0) {
            throw HttpFailure.unauthorized("X-TIMESTAMP outside the 5-minute window");
        }
        String expected = signature(platform.defaultWebhookSecret(), request.method(), request.pathWithQuery(), timestamp,
                new String(request.body() == null ? new byte[0] : request.body(), StandardCharsets.UTF_8));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))) {
            throw HttpFailure.unauthorized("Bad signature");
        }
    }

    private SimResponse publishOverHttp(SimRequest request) {
        JsonFields f = request.fields();
        String code = f.requiredText("platformCode");
        TrainingPlatform platform = code == null ? null : TrainingPlatform.fromCode(code).orElse(null);
        if (code != null && platform == null) {
            f.reject("platformCode", "must be one of " + List.of(TrainingPlatform.values()));
        }
        String id = f.requiredText("trainingId", 100);
        String title = f.requiredText("title", 300);
        Long price = f.optionalLong("price", 1, 100_000_000);
        Integer hours = f.optionalInt("durationHours", 1, 1000);
        String category = f.optionalText("category");
        String provider = f.optionalText("provider");
        String description = f.optionalText("description");
        String mode = f.optionalText("mode");
        if (price == null) {
            f.reject("price", "is required");
        }
        f.throwIfInvalid();
        Training training = new Training(id, platform.name(), title, price, hours == null ? 8 : hours,
                category != null ? category : Catalogue.categoryOf(title), provider != null ? provider : platform.displayName(),
                description != null ? description : "Pelatihan " + title + ".", "OFFLINE".equalsIgnoreCase(mode) ? "OFFLINE" : "ONLINE");
        publish(training);
        return SimResponse.json(200, training);
    }

    private SimResponse catalogueOverHttp(SimRequest request) {
        String code = request.query("platform").orElse(null);
        if (code == null || code.isBlank()) {
            return SimResponse.json(200, catalogue());
        }
        TrainingPlatform platform = TrainingPlatform.fromCode(code).orElseThrow(() -> HttpFailure.badRequest(
                "Unknown platform", List.of(FieldError.invalid("platform", "must be one of " + List.of(TrainingPlatform.values())))));
        return SimResponse.json(200, catalogue(platform));
    }

    private SimResponse completionOverHttp(SimRequest request) {
        JsonFields f = request.fields();
        String code = f.requiredText("platformCode");
        if (code != null && TrainingPlatform.fromCode(code).isEmpty()) {
            f.reject("platformCode", "must be one of " + List.of(TrainingPlatform.values()));
        }
        String participantId = f.requiredText("participantId", 100);
        String purchaseId = f.requiredText("purchaseId", 100);
        String trainingId = f.requiredText("trainingId", 100);
        String certificateNumber = f.optionalText("certificateNumber");
        String webhookUrl = f.requiredUrl("webhookUrl");
        String secret = f.optionalText("secret");
        String timestamp = f.optionalText("timestamp");
        boolean badSignature = f.optionalBoolean("badSignature", false);
        f.throwIfInvalid();
        CompletionRequest completion = new CompletionRequest(code, participantId, purchaseId, trainingId,
                certificateNumber, webhookUrl, secret);
        try {
            return SimResponse.json(200, deliver(completion, timestamp, badSignature));
        } catch (UncheckedIOException e) {
            throw HttpFailure.problem(502, "Bad Gateway", "Webhook " + webhookUrl + " unreachable: " + e.getCause());
        }
    }

    /**
     * @param timestampOverride lets a test send a stale timestamp (replay window check)
     * @param badSignature      lets a test send a forged signature (must be refused with 401)
     */
    private WebhookDelivery deliver(CompletionRequest c, String timestampOverride, boolean badSignature) {
        TrainingPlatform platform = TrainingPlatform.fromCode(c.platformCode())
                .orElseThrow(() -> new IllegalArgumentException("Unknown platform " + c.platformCode()));
        String eventId = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("eventId", eventId);
        payload.put("platformCode", platform.name());
        payload.put("participantId", c.participantId());
        payload.put("purchaseId", c.purchaseId());
        payload.put("trainingId", c.trainingId());
        payload.put("certificateNumber", c.certificateNumber() != null ? c.certificateNumber()
                : "CERT-" + platform.name() + "-" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999));
        payload.put("completedAt", now.toString());
        String body = Json.writeString(payload);
        String timestamp = timestampOverride != null ? timestampOverride : now.toString();
        String secret = c.secret() != null ? c.secret() : platform.defaultWebhookSecret();
        URI url = URI.create(c.webhookUrl());
        String signature = signature(badSignature ? "not-the-secret" : secret, "POST", target(url), timestamp, body);

        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-PARTNER-ID", platform.name())
                .header("X-TIMESTAMP", timestamp)
                .header("X-SIGNATURE", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            log.info("{} completion webhook for purchase {} -> {}", platform, c.purchaseId(), response.statusCode());
            return new WebhookDelivery(response.statusCode(), response.body(), eventId, body, timestamp, signature);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }
}
