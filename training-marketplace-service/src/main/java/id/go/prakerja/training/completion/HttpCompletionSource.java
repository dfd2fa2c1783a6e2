package id.go.prakerja.training.completion;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import id.go.prakerja.support.http.OutsideParty;
import id.go.prakerja.support.security.PartnerSignatureFilter;
import id.go.prakerja.support.security.SecurityProperties;
import id.go.prakerja.training.config.TrainingProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platforms' completion lists over HTTP: {@code GET /platforms/v1/completions?platform=CODE&cursor=N&limit=N},
 * signed with the platform's own secret in the partner scheme its webhooks use (docs/architecture.md,
 * "Signing a partner request"), through a circuit breaker per platform and the default retry.
 */
@Component
public class HttpCompletionSource implements CompletionSource {

    private static final Logger log = LoggerFactory.getLogger(HttpCompletionSource.class);
    static final String PATH = "/platforms/v1/completions";

    private final RestClient http;
    private final String baseUrl;
    private final Map<String, SecurityProperties.Partner> partners;
    private final CircuitBreakerRegistry circuitBreakers;
    private final RetryRegistry retries;
    private final JsonMapper json;
    private final Clock clock;

    public HttpCompletionSource(TrainingProperties settings, SecurityProperties security, CircuitBreakerRegistry circuitBreakers,
            RetryRegistry retries, JsonMapper json, Clock clock) {
        TrainingProperties.CompletionPull pull = settings.completionPull();
        this.baseUrl = pull.baseUrl().replaceAll("/+$", "");
        this.http = OutsideParty.client(baseUrl, null, pull.connectTimeout(), pull.readTimeout());
        this.partners = security.partners();
        this.circuitBreakers = circuitBreakers;
        this.retries = retries;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Page completionsAfter(String platform, CompletionCursor cursor, int limit) {
        String secret = secretOf(platform).orElseThrow(() -> new Unavailable("no secret configured for " + platform, null));
        String target = PATH + "?platform=" + platform + "&cursor=" + cursor + "&limit=" + limit;
        String name = "training-platform-" + platform.toLowerCase(Locale.ROOT);
        String answer;
        try {
            answer = OutsideParty.call(() -> {
                // signed again for each try: a retry is a new request with its own timestamp
                String timestamp = clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
                String signature = Base64.getEncoder().encodeToString(
                        PartnerSignatureFilter.sign(secret, "GET", target, timestamp, new byte[0]));
                return http.get().uri(URI.create(baseUrl + target)).header(PartnerSignatureFilter.PARTNER_ID, platform)
                        .header(PartnerSignatureFilter.TIMESTAMP, timestamp).header(PartnerSignatureFilter.SIGNATURE, signature)
                        .retrieve().body(String.class);
            }, circuitBreakers.circuitBreaker(name, "default"), retries.retry(name, "default"), null);
        } catch (RuntimeException e) {
            throw new Unavailable("completions of " + platform + " not read: " + e.getMessage(), e);
        }
        return read(platform, cursor, answer);
    }

    private Page read(String platform, CompletionCursor cursor, String answer) {
        JsonNode page;
        try {
            page = json.readTree(answer == null ? "" : answer);
        } catch (RuntimeException e) {
            throw new Unavailable("completions of " + platform + " not readable", e);
        }
        JsonNode items = page.get("items");
        JsonNode next = page.get("nextCursor");
        Optional<CompletionCursor> nextCursor = next == null || !next.isString() ? Optional.empty()
                : CompletionCursor.parse(next.asString());
        if (items == null || !items.isArray() || nextCursor.isEmpty() || !cursor.accepts(nextCursor.get(), items.size())) {
            throw new Unavailable("completions of " + platform + " not readable: no items, or a cursor " + cursor
                    + " cannot move to", null);
        }
        List<ListedCompletion> listed = new ArrayList<>();
        int unreadable = 0;
        for (JsonNode item : items) {
            String voucher = text(item, "voucherCode");
            String certificate = text(item, "certificateNumber");
            if (voucher == null || certificate == null) {
                unreadable++;
                continue;
            }
            listed.add(new ListedCompletion(text(item, "eventId"), voucher, certificate, instant(text(item, "completedAt"))));
        }
        if (unreadable > 0) {
            log.warn("{} completions listed by {} without a voucher or certificate were skipped", unreadable, platform);
        }
        JsonNode more = page.get("hasMore");
        return new Page(listed, nextCursor.get(), more != null && more.asBoolean(false));
    }

    private Optional<String> secretOf(String platform) {
        return partners.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(platform))
                .map(e -> e.getValue().secret()).findFirst();
    }

    private static String text(JsonNode item, String field) {
        JsonNode value = item == null ? null : item.get(field);
        return value == null || !value.isString() || value.asString().isBlank() ? null : value.asString().trim();
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
