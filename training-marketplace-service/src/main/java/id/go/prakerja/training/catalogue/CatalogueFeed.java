package id.go.prakerja.training.catalogue;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import id.go.prakerja.support.config.PlatformSchedulers;
import id.go.prakerja.support.lease.Leases;
import id.go.prakerja.training.config.TrainingProperties;

/**
 * Reads each platform's catalogue feed ({@code GET /platforms/v1/catalogue?platform=CODE}) on a
 * schedule and keeps the catalogue in step. Pulled rather than pushed: a catalogue changes a few
 * times a day, the marketplace decides when and how fast it reads (a platform that is down only
 * delays its own updates, and is tried again next time), and a platform needs no write access to
 * our API to publish. One instance pulls at a time (a lease). A training new to a platform that was
 * imported before waits for an operator's approval; the first import may be published at once
 * ({@code prakerja.training.catalogue.approve-initial-import}).
 */
@Component
@ConditionalOnProperty(prefix = "prakerja.training.catalogue", name = "pull-enabled", havingValue = "true", matchIfMissing = true)
public class CatalogueFeed {

    private static final Logger log = LoggerFactory.getLogger(CatalogueFeed.class);
    private static final String LEASE = "training.catalogue-pull";

    /** A training as a platform's feed lists it. */
    public record FeedTraining(String trainingId, String platformCode, String title, String description, String category,
            String provider, String mode, long price, int durationHours) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Leases leases;
    private final Clock clock;
    private final TrainingProperties settings;
    private final CatalogueChanges changes;
    private final RestClient http;

    public CatalogueFeed(JdbcTemplate jdbc, TransactionTemplate transactions, Leases leases, Clock clock,
            TrainingProperties settings, CatalogueChanges changes) {
        this.changes = changes;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.leases = leases;
        this.clock = clock;
        this.settings = settings;
        var factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(Duration.ofSeconds(2));
        factory.setReadTimeout(Duration.ofSeconds(20));
        this.http = RestClient.builder().baseUrl(settings.catalogue().feedUrl()).requestFactory(factory).build();
    }

    @Scheduled(initialDelayString = "${prakerja.training.catalogue.initial-delay:2s}",
            fixedDelayString = "${prakerja.training.catalogue.pull-interval:1h}", scheduler = PlatformSchedulers.WORKERS)
    public void pullAll() {
        if (!leases.tryAcquire(LEASE, Duration.ofMinutes(5))) {
            return;
        }
        try {
            for (String platform : jdbc.queryForList("select code from platform order by code", String.class)) {
                pull(platform);
            }
        } finally {
            leases.release(LEASE);
        }
    }

    /** Reads one platform's feed; returns how many trainings it listed (-1 when the feed could not be read). */
    public int pull(String platform) {
        List<FeedTraining> feed;
        try {
            feed = http.get().uri("/platforms/v1/catalogue?platform={p}", platform).retrieve()
                    .body(new ParameterizedTypeReference<List<FeedTraining>>() { });
        } catch (RestClientException e) {
            log.warn("catalogue feed of {} not read, kept the catalogue as it is: {}", platform, e.getMessage());
            jdbc.update("update platform set last_pull_error = ? where code = ?",
                    e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).substring(0,
                            Math.min(200, String.valueOf(e.getMessage()).length())), platform);
            return -1;
        }
        List<FeedTraining> listed = feed == null ? List.of() : feed.stream()
                .filter(t -> platform.equals(t.platformCode()) && t.trainingId() != null && t.title() != null && t.price() > 0)
                .toList();
        transactions.executeWithoutResult(tx -> store(platform, listed));
        log.info("catalogue feed of {}: {} trainings", platform, listed.size());
        return listed.size();
    }

    private void store(String platform, List<FeedTraining> feed) {
        Instant now = clock.instant();
        Boolean firstImport = jdbc.queryForObject("select last_pull_at is null from platform where code = ? for update",
                Boolean.class, platform);
        String newStatus = Boolean.TRUE.equals(firstImport) && settings.catalogue().approveInitialImport() ? "ACTIVE"
                : "PENDING_APPROVAL";
        Timestamp at = Timestamp.from(now);
        changes.changed();
        jdbc.batchUpdate("""
                insert into training (id, platform_code, title, description, category, provider, mode, price, feed_price,
                                      duration_hours, status, published_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (id) do update set title = excluded.title, description = excluded.description,
                    category = excluded.category, provider = excluded.provider, mode = excluded.mode,
                    duration_hours = excluded.duration_hours, feed_price = excluded.feed_price,
                    -- a price the platform changed applies; one an operator set stays until the platform changes it
                    price = case when training.feed_price is distinct from excluded.feed_price then excluded.feed_price
                                 else training.price end,
                    updated_at = excluded.updated_at
                where (training.title, training.description, training.category, training.provider, training.mode,
                       training.duration_hours, training.feed_price)
                      is distinct from (excluded.title, excluded.description, excluded.category, excluded.provider,
                       excluded.mode, excluded.duration_hours, excluded.feed_price)""",
                feed, 500, (ps, t) -> {
                    ps.setString(1, t.trainingId());
                    ps.setString(2, platform);
                    ps.setString(3, t.title());
                    ps.setString(4, t.description() == null ? "" : t.description());
                    ps.setString(5, t.category() == null ? "Lainnya" : t.category());
                    ps.setString(6, t.provider() == null ? platform : t.provider());
                    ps.setString(7, "OFFLINE".equalsIgnoreCase(t.mode()) ? "OFFLINE" : "ONLINE");
                    ps.setLong(8, t.price());
                    ps.setLong(9, t.price());
                    ps.setInt(10, Math.max(1, t.durationHours()));
                    ps.setString(11, newStatus);
                    ps.setTimestamp(12, at);
                    ps.setTimestamp(13, at);
                });
        jdbc.update("update platform set last_pull_at = ?, last_pull_error = null where code = ?", at,
                platform.toUpperCase(Locale.ROOT));
    }
}
