package id.go.prakerja.training.catalogue;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.dao.DataAccessException;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import id.go.prakerja.support.config.PlatformSchedulers;
import id.go.prakerja.support.lease.Leases;
import id.go.prakerja.support.web.DatabaseErrors;
import id.go.prakerja.training.config.TrainingProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads each platform's catalogue feed ({@code GET /platforms/v1/catalogue?platform=CODE}) on a
 * schedule and keeps the catalogue in step. Pulled rather than pushed: a catalogue changes a few
 * times a day, the marketplace decides when and how fast it reads (a platform that is down only
 * delays its own updates, and is tried again next time), and a platform needs no write access to
 * our API to publish. One instance pulls at a time (a lease). A training new to a platform that was
 * imported before waits for an operator's approval; the first import may be published at once
 * ({@code prakerja.training.catalogue.approve-initial-import}).
 *
 * <p>Each row of a feed is checked on its own ({@link #check}): a row that could not be stored
 * (a field longer than its column, a required field missing, a price out of bounds, a mode other
 * than ONLINE or OFFLINE, an id twice or of another platform's training) is refused and the rest of
 * the feed is taken. The refusals of a platform's latest pull are kept for operators (table
 * {@code catalogue_feed_refusal}, at most {@value #MAX_REFUSALS_KEPT}; {@code GET
 * /admin/platforms/{code}/catalogue/refusals}) and counted in the platform's admin view. A feed
 * that cannot be read, or any other failure with one platform, leaves that platform's catalogue as
 * it was, is recorded in its {@code last_pull_error}, and the next platform is pulled.
 */
@Component
@ConditionalOnProperty(prefix = "prakerja.training.catalogue", name = "pull-enabled", havingValue = "true", matchIfMissing = true)
public class CatalogueFeed {

    private static final Logger log = LoggerFactory.getLogger(CatalogueFeed.class);
    private static final String LEASE = "training.catalogue-pull";
    static final int MAX_REFUSALS_KEPT = 1_000;
    /** Columns of table {@code training}, in characters. */
    static final int MAX_ID = 100;
    static final int MAX_TITLE = 300;
    static final int MAX_CATEGORY = 100;
    static final int MAX_PROVIDER = 200;
    /** The description column has no bound; a feed's has (a search page carries descriptions). */
    static final int MAX_DESCRIPTION = 20_000;

    /** A training as a platform's feed lists it. */
    public record FeedTraining(String trainingId, String platformCode, String title, String description, String category,
            String provider, String mode, long price, int durationHours) {
    }

    /**
     * A feed row refused: its position in the feed (from 1; 0 when found at storing), the training id it gave
     * (cut to the column), why, and which field.
     */
    public record Refusal(int row, String trainingId, String reason, String field) {
    }

    /** A feed as checked: the rows to store and the rows refused. */
    record Checked(List<FeedTraining> accepted, List<Refusal> refused) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Leases leases;
    private final Clock clock;
    private final TrainingProperties settings;
    private final CatalogueChanges changes;
    private final RestClient http;
    private final JsonMapper json;

    public CatalogueFeed(JdbcTemplate jdbc, TransactionTemplate transactions, Leases leases, Clock clock,
            TrainingProperties settings, CatalogueChanges changes, JsonMapper json) {
        this.changes = changes;
        this.json = json;
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
                try {
                    pull(platform);
                } catch (RuntimeException e) {
                    // one platform's trouble is its own: the next one is pulled
                    log.warn("catalogue feed of {} failed", platform, e);
                    recordError(platform, e);
                }
            }
        } finally {
            leases.release(LEASE);
        }
    }

    /**
     * Reads one platform's feed; returns how many trainings it listed that were taken (-1 when the feed could not be
     * read or stored: the catalogue is then as it was, and the platform's {@code last_pull_error} says why).
     */
    public int pull(String platform) {
        List<JsonNode> feed;
        try {
            feed = http.get().uri("/platforms/v1/catalogue?platform={p}", platform).retrieve()
                    .body(new ParameterizedTypeReference<List<JsonNode>>() { });
        } catch (RestClientException e) {
            log.warn("catalogue feed of {} not read, kept the catalogue as it is: {}", platform, e.getMessage());
            recordError(platform, e);
            return -1;
        }
        try {
            Checked checked = check(platform, feed == null ? List.of() : feed);
            int refused = transactions.execute(tx -> store(platform, checked));
            if (refused == 0) {
                log.info("catalogue feed of {}: {} trainings", platform, checked.accepted().size());
            } else {
                log.warn("catalogue feed of {}: {} rows refused (first: {})", platform, refused,
                        checked.refused().isEmpty() ? "of another platform's training" : checked.refused().getFirst());
            }
            return checked.accepted().size() - (refused - checked.refused().size());
        } catch (RuntimeException e) {
            log.warn("catalogue feed of {} not stored, kept the catalogue as it is", platform, e);
            recordError(platform, e);
            return -1;
        }
    }

    /** Why the platform's catalogue was not pulled, in {@code platform.last_pull_error} (300 characters). */
    private void recordError(String platform, RuntimeException e) {
        // a database error says only its constraint or SQLSTATE: its message may quote a row
        String why = e.getClass().getSimpleName() + ": "
                + (e instanceof DataAccessException ? DatabaseErrors.constraintOf(e) : String.valueOf(e.getMessage()));
        try {
            jdbc.update("update platform set last_pull_error = ? where code = ?",
                    why.substring(0, why.offsetByCodePoints(0, Math.min(300, why.codePointCount(0, why.length())))), platform);
        } catch (RuntimeException notRecorded) {
            log.warn("pull error of {} not recorded: {}", platform, notRecorded.toString());
        }
    }

    /** Each row of a feed read and checked on its own, in the feed's order. */
    Checked check(String platform, List<JsonNode> feed) {
        List<FeedTraining> accepted = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int row = 0;
        for (JsonNode node : feed) {
            row++;
            FeedTraining t;
            try {
                t = json.treeToValue(node, FeedTraining.class);
            } catch (RuntimeException e) {
                JsonNode id = node == null ? null : node.get("trainingId");
                refused.add(new Refusal(row, id == null || !id.isString() ? null : cut(id.asString()), "MALFORMED_ROW", null));
                continue;
            }
            Optional<Refusal> refusal = check(row, t, platform, settings.catalogue().feedMaxPrice());
            if (refusal.isEmpty() && !seen.add(t.trainingId())) {
                refusal = Optional.of(new Refusal(row, t.trainingId(), "DUPLICATE_ID", "trainingId"));
            }
            refusal.ifPresentOrElse(refused::add, () -> accepted.add(t));
        }
        return new Checked(accepted, refused);
    }

    /** Whether one row can be stored as it is: every field within its column, the required ones given, a price in bounds. */
    static Optional<Refusal> check(int row, FeedTraining t, String platform, long maxPrice) {
        if (t == null) {
            return Optional.of(new Refusal(row, null, "MALFORMED_ROW", null));
        }
        String id = cut(t.trainingId());
        String[][] texts = {{"trainingId", t.trainingId()}, {"platformCode", t.platformCode()}, {"title", t.title()},
                {"description", t.description()}, {"category", t.category()}, {"provider", t.provider()}, {"mode", t.mode()}};
        for (String[] field : texts) {
            // PostgreSQL text cannot hold a NUL character: the whole batch would fail on it
            if (field[1] != null && field[1].indexOf('\0') >= 0) {
                return Optional.of(new Refusal(row, id, "INVALID_CHARACTERS", field[0]));
            }
        }
        if (blank(t.trainingId())) {
            return Optional.of(new Refusal(row, null, "MISSING_FIELD", "trainingId"));
        }
        if (blank(t.title())) {
            return Optional.of(new Refusal(row, id, "MISSING_FIELD", "title"));
        }
        if (!platform.equals(t.platformCode())) {
            return Optional.of(new Refusal(row, id, "OTHER_PLATFORM", "platformCode"));
        }
        if (tooLong(t.trainingId(), MAX_ID)) {
            return Optional.of(new Refusal(row, id, "FIELD_TOO_LONG", "trainingId"));
        }
        if (tooLong(t.title(), MAX_TITLE)) {
            return Optional.of(new Refusal(row, id, "FIELD_TOO_LONG", "title"));
        }
        if (tooLong(t.category(), MAX_CATEGORY)) {
            return Optional.of(new Refusal(row, id, "FIELD_TOO_LONG", "category"));
        }
        if (tooLong(t.provider(), MAX_PROVIDER)) {
            return Optional.of(new Refusal(row, id, "FIELD_TOO_LONG", "provider"));
        }
        if (tooLong(t.description(), MAX_DESCRIPTION)) {
            return Optional.of(new Refusal(row, id, "FIELD_TOO_LONG", "description"));
        }
        if (t.price() <= 0 || t.price() > maxPrice) {
            return Optional.of(new Refusal(row, id, "PRICE_OUT_OF_BOUNDS", "price"));
        }
        if (!blank(t.mode()) && !List.of("ONLINE", "OFFLINE").contains(t.mode().strip().toUpperCase(Locale.ROOT))) {
            return Optional.of(new Refusal(row, id, "INVALID_MODE", "mode"));
        }
        return Optional.empty();
    }

    private static boolean tooLong(String value, int max) {
        return value != null && value.codePointCount(0, value.length()) > max;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** A training id as a refusal keeps it: at most its column's length. */
    private static String cut(String id) {
        return id == null || !tooLong(id, MAX_ID) ? id : id.substring(0, id.offsetByCodePoints(0, MAX_ID));
    }

    /** Stores the accepted rows and the refusals; returns how many rows were refused in all. */
    private int store(String platform, Checked checked) {
        Instant now = clock.instant();
        Boolean firstImport = jdbc.queryForObject("select last_pull_at is null from platform where code = ? for update",
                Boolean.class, platform);
        List<Refusal> refused = new ArrayList<>(checked.refused());
        List<FeedTraining> feed = new ArrayList<>(checked.accepted());
        // a training id is one training of one platform: another platform's id would overwrite that training
        if (!feed.isEmpty()) {
            Set<String> others = new HashSet<>(jdbc.queryForList(
                    "select id from training where platform_code <> ? and id = any(?)", String.class, platform,
                    feed.stream().map(FeedTraining::trainingId).toArray(String[]::new)));
            if (!others.isEmpty()) {
                feed.removeIf(t -> others.contains(t.trainingId()));
                others.forEach(id -> refused.add(new Refusal(0, id, "ID_OF_ANOTHER_PLATFORM", "trainingId")));
            }
        }
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
                    ps.setString(7, t.mode() != null && "OFFLINE".equalsIgnoreCase(t.mode().strip()) ? "OFFLINE" : "ONLINE");
                    ps.setLong(8, t.price());
                    ps.setLong(9, t.price());
                    ps.setInt(10, Math.max(1, t.durationHours()));
                    ps.setString(11, newStatus);
                    ps.setTimestamp(12, at);
                    ps.setTimestamp(13, at);
                });
        // the refusals of this pull replace the last pull's: what the platform has to fix now
        jdbc.update("delete from catalogue_feed_refusal where platform_code = ?", platform);
        jdbc.batchUpdate("""
                insert into catalogue_feed_refusal (platform_code, row_number, training_id, reason, field, refused_at)
                values (?, ?, ?, ?, ?, ?)""",
                refused.subList(0, Math.min(refused.size(), MAX_REFUSALS_KEPT)), 500, (ps, r) -> {
                    ps.setString(1, platform);
                    ps.setInt(2, r.row());
                    ps.setString(3, r.trainingId());
                    ps.setString(4, r.reason());
                    ps.setString(5, r.field());
                    ps.setTimestamp(6, at);
                });
        jdbc.update("update platform set last_pull_at = ?, last_pull_error = null, last_pull_refused = ? where code = ?", at,
                refused.size(), platform.toUpperCase(Locale.ROOT));
        return refused.size();
    }
}
