package id.go.prakerja.payment.partner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.PaymentProperties;
import id.go.prakerja.payment.snap.ExternalIds;
import id.go.prakerja.payment.snap.SnapClient;
import id.go.prakerja.payment.snap.SnapCredentials;
import id.go.prakerja.payment.snap.SnapSignatures;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/** Every configured partner, built from {@code prakerja.payment.partners.*}, each behind its own guards. */
@Component
public class PaymentPartners {

    private static final Logger log = LoggerFactory.getLogger(PaymentPartners.class);

    /** Connections beyond the in-flight bound, for the token, settlement reports and an operator's inquiry. */
    private static final int OUTSIDE_THE_BULKHEAD = 8;

    private final Map<PayoutPartner, PartnerGuard> guards = new EnumMap<>(PayoutPartner.class);
    private final List<SnapClient> clients = new ArrayList<>();

    public PaymentPartners(PaymentProperties properties, ResourceLoader resources, Clock clock) {
        ExternalIds externalIds = new ExternalIds(clock);
        properties.partners().forEach((id, settings) -> {
            if (settings.baseUrl() == null || settings.baseUrl().isBlank()) {
                log.warn("payment partner {} has no base-url: its payments wait until it is configured", id);
                return;
            }
            SnapCredentials credentials;
            try {
                credentials = new SnapCredentials(required(id, "client-id", settings.clientId()),
                        required(id, "client-secret", settings.clientSecret()),
                        SnapSignatures.privateKey(pem(resources, id, required(id, "private-key", settings.privateKey()))),
                        settings.channelId());
            } catch (RuntimeException e) {
                // the service still starts (its other partners, callbacks and operators work); this
                // partner's payments and account checks wait until it is configured
                log.error("payment partner {} is not usable: {}", id, e.getMessage());
                return;
            }
            SnapClient client = new SnapClient(settings.baseUrl(), credentials, settings.connectTimeout(),
                    settings.readTimeout(), settings.maxInFlight() + OUTSIDE_THE_BULKHEAD, clock, externalIds);
            clients.add(client);
            PaymentPartner partner = switch (id) {
                case BNI -> new BniPartner(client, settings.sourceAccountNo());
                case LINKAJA -> new LinkAjaPartner(client);
                case OVO -> new OvoPartner(client);
                case GOPAY -> new GoPayPartner(client);
            };
            guards.put(id, guard(partner, settings));
        });
    }

    static PartnerGuard guard(PaymentPartner partner, PaymentProperties.Partner settings) {
        String name = "payment-" + partner.id().name().toLowerCase(java.util.Locale.ROOT);
        CircuitBreaker circuitBreaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindow())
                .minimumNumberOfCalls(Math.min(settings.slidingWindow(), 10))
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.openFor())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .permittedNumberOfCallsInHalfOpenState(3)
                .build());
        // permits refreshed every 100 ms (a tenth of the rate each), so the rate is spread over the second
        int perTenth = Math.max(1, settings.ratePerSecond() / 10);
        RateLimiter rateLimiter = RateLimiter.of(name, RateLimiterConfig.custom()
                .limitRefreshPeriod(settings.ratePerSecond() >= 10 ? Duration.ofMillis(100) : Duration.ofSeconds(1))
                .limitForPeriod(settings.ratePerSecond() >= 10 ? perTenth : Math.max(1, settings.ratePerSecond()))
                .timeoutDuration(settings.rateLimitWait())
                .build());
        Bulkhead bulkhead = Bulkhead.of(name, BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxInFlight())
                .maxWaitDuration(Duration.ZERO)
                .build());
        return new PartnerGuard(partner, circuitBreaker, rateLimiter, bulkhead, settings.rateLimitWait());
    }

    private static String required(PayoutPartner id, String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("prakerja.payment.partners." + id + "." + name + " is required");
        }
        return value;
    }

    private static String pem(ResourceLoader resources, PayoutPartner id, String locationOrPem) {
        if (locationOrPem.contains("-----BEGIN")) {
            return locationOrPem;
        }
        try (InputStream in = resources.getResource(locationOrPem).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("prakerja.payment.partners." + id + ".private-key: cannot read " + locationOrPem, e);
        }
    }

    /** Signs in at every partner now; one that cannot be reached is signed in at its first call. */
    public void signIn() {
        guards.forEach((id, guard) -> {
            try {
                guard.partner().signIn();
            } catch (RuntimeException e) {
                log.warn("cannot sign in at {} yet: {}", id, e.getMessage());
            }
        });
    }

    /** The partner with its guards, or null when it is not configured. */
    public PartnerGuard guard(PayoutPartner id) {
        return guards.get(id);
    }

    /** Closes the partners' connections once nothing sends any more (the workers stop before this). */
    @PreDestroy
    public void close() {
        clients.forEach(SnapClient::close);
    }

    public Map<PayoutPartner, PartnerGuard> all() {
        return Map.copyOf(guards);
    }
}
