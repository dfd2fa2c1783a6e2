package id.go.prakerja.training.catalogue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import id.go.prakerja.support.web.ProblemException;
import id.go.prakerja.training.config.TrainingProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalogue participants see: approved trainings of active platforms, searched with
 * PostgreSQL full-text search under the built-in {@code indonesian} configuration (Snowball's
 * Indonesian stemmer: "pemasaran" finds "pasar"), with filters, four sorts and pages.
 */
@Component
public class TrainingCatalogue {

    public enum Sort {
        RELEVANCE, PRICE_ASC, PRICE_DESC, RATING, REVIEWS, NEWEST;

        public static Sort parse(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ProblemException(HttpStatus.BAD_REQUEST, "INVALID_SORT", text);
            }
        }
    }

    public record Query(String text, String category, String platform, Long minPrice, Long maxPrice, Double minRating,
            String mode, Sort sort, int page, int size) {
    }

    public record TrainingView(String trainingId, String platformCode, String platformName, String title,
            String description, String category, String provider, String mode, long price, int durationHours,
            Double averageRating, int ratingCount, int reviewCount, String status, Instant publishedAt) {
    }

    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    public record Review(int rating, String text, Instant reviewedAt) {
    }

    private static final String COLUMNS = """
            t.id, t.platform_code, p.name as platform_name, t.title, t.description, t.category, t.provider, t.mode,
            t.price, t.duration_hours, t.rating_count, t.rating_sum, t.review_count, t.status, t.published_at""";

    private static final String PAGE_COLUMNS = """
            t.id, t.platform_code, t.title, t.description, t.category, t.provider, t.mode,
            t.price, t.duration_hours, t.rating_count, t.rating_sum, t.review_count, t.status, t.published_at""";

    private final JdbcTemplate jdbc;
    private final CatalogueChanges changes;
    private final JsonMapper json;
    private final long cacheBytes;
    private final long cacheTtlNanos;
    private final AtomicLong generations = new AtomicLong();

    private volatile Map<String, String> platformNames = Map.of();
    private volatile Generation generation = new Generation(-1, -1, 0);

    /**
     * What searches of the current generation keep, weighed in bytes ({@link #weight}) and bounded
     * by {@code prakerja.training.catalogue.search-cache-bytes}, least recently used out first:
     * written pages ({@link PageKey}: their JSON) and the trainings a text matches with their rank
     * ({@link TextKey}). Eviction runs on the writing thread, so the bound holds when a write returns.
     */
    private final Cache<Object, Object> kept;
    /** The texts being matched right now: a text new to the generation is asked of PostgreSQL once, the others wait. */
    private final Map<TextKey, Once<Map<String, Float>>> matching = new ConcurrentHashMap<>();

    /**
     * One version of the catalogue as search reads it: its visible trainings (read once). Pages and
     * matches kept are filed under the generation's id. A new version, or age, starts a new
     * generation, and what the old one kept is dropped whole.
     */
    private record Generation(long id, long version, long startedNanos, Once<List<Row>> rows) {
        Generation(long id, long version, long startedNanos) {
            this(id, version, startedNanos, new Once<>());
        }
    }

    /** A written page of one generation, by normalised query. */
    record PageKey(long generation, Query query) {
    }

    /** A text's matches in one generation. */
    record TextKey(long generation, String text) {
    }

    /** A visible training as filters and sorts read it. */
    record Row(TrainingView view, String categoryKey, long ratingSum) {
    }

    /** A value computed by the first caller that needs it; the others wait for it (a lock, not a monitor: virtual threads). */
    private static final class Once<T> {
        private final ReentrantLock lock = new ReentrantLock();
        private volatile T value;

        T get(Supplier<T> compute) {
            T v = value;
            if (v != null) {
                return v;
            }
            lock.lock();
            try {
                if (value == null) {
                    value = compute.get();
                }
                return value;
            } finally {
                lock.unlock();
            }
        }
    }

    public TrainingCatalogue(JdbcTemplate jdbc, CatalogueChanges changes, JsonMapper json, TrainingProperties settings) {
        this.jdbc = jdbc;
        this.changes = changes;
        this.json = json;
        this.cacheBytes = settings.catalogue().searchCacheBytes().toBytes();
        this.cacheTtlNanos = settings.catalogue().searchCacheTtl().toNanos();
        this.kept = Caffeine.newBuilder().maximumWeight(cacheBytes).weigher(TrainingCatalogue::weight)
                .executor(Runnable::run).build();
    }

    /**
     * What a kept entry holds on the heap, near enough: a page's JSON bytes, or a text's matches
     * (each a training id string, a boxed rank, a slot of the map), with the key and the cache's own
     * entry. Pages hold no training views (those are the generation's, a few megabytes whatever is kept).
     */
    static int weight(Object key, Object value) {
        long bytes = 96;
        if (key instanceof PageKey page) {
            Query q = page.query();
            bytes += 128 + chars(q.text()) + chars(q.category()) + chars(q.platform()) + chars(q.mode());
        } else if (key instanceof TextKey text) {
            bytes += 32 + chars(text.text());
        }
        if (value instanceof byte[] written) {
            bytes += 16 + written.length;
        } else if (value instanceof Map<?, ?> matches) {
            bytes += 32;
            for (Object id : matches.keySet()) {
                bytes += 16 + 16 + 40 + chars((String) id);
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    private static long chars(String text) {
        return text == null ? 0 : 2L * text.length();
    }

    /** Bytes the kept pages and matches weigh now ({@link #weight}); at most {@link #searchCacheBound()}. */
    public long searchCacheWeight() {
        return kept.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    public long searchCacheBound() {
        return cacheBytes;
    }

    /**
     * The generation of the catalogue's current version ({@link CatalogueChanges}: a change made
     * here moves it when it commits, one made by another instance within a second). The age bound
     * covers a change whose shared version was lost.
     */
    private Generation generation() {
        long version = changes.version();
        long now = System.nanoTime();
        Generation g = generation;
        if (g.version() != version || now - g.startedNanos() > cacheTtlNanos) {
            g = new Generation(generations.incrementAndGet(), version, now);
            generation = g;
            // what older generations kept is never read again
            kept.invalidateAll();
        }
        return g;
    }

    /** The query as the cache knows it: words lower-cased and single-spaced, codes in their case, the sort resolved. */
    static Query normalised(Query q) {
        String text = q.text() == null || q.text().isBlank() ? null
                : q.text().strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        Sort sort = q.sort() != null ? q.sort() : text != null ? Sort.RELEVANCE : Sort.RATING;
        if (sort == Sort.RELEVANCE && text == null) {
            sort = Sort.NEWEST;
        }
        return new Query(text, blankToNull(q.category(), false), blankToNull(q.platform(), true), q.minPrice(), q.maxPrice(),
                q.minRating(), blankToNull(q.mode(), true), sort, q.page(), q.size());
    }

    private static String blankToNull(String value, boolean upper) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        return upper ? v.toUpperCase(Locale.ROOT) : v.toLowerCase(Locale.ROOT);
    }

    /** The platforms' names (they come with the schema and do not change while the service runs). */
    private Map<String, String> platformNames() {
        Map<String, String> names = platformNames;
        if (names.isEmpty()) {
            Map<String, String> loaded = new HashMap<>();
            jdbc.query("select code, name from platform", rs -> {
                loaded.put(rs.getString(1), rs.getString(2));
            });
            names = Map.copyOf(loaded);
            platformNames = names;
        }
        return names;
    }

    /**
     * One page of the catalogue. The approved trainings of active platforms (about 1,500, a few
     * megabytes) are read once per catalogue version and filtered, sorted and paged here; a text is
     * matched and ranked by PostgreSQL's full-text search once per version, and its matches kept
     * with each page as written (JSON), within {@code prakerja.training.catalogue.search-cache-bytes}.
     * So a search costs no round trip to the database unless its text is new, and a repeated search
     * is the page it was, written once, until a training, a price, an approval or suspension, a
     * platform or a rating changes.
     */
    public byte[] searchWritten(Query query) {
        Query key = normalised(query);
        Generation g = generation();
        PageKey pageKey = new PageKey(g.id(), key);
        if (kept.getIfPresent(pageKey) instanceof byte[] written) {
            return written;
        }
        byte[] written = json.writeValueAsBytes(find(key, g));
        kept.put(pageKey, written);
        return written;
    }

    /** One page of the catalogue, as {@link #searchWritten} writes it. */
    public Page<TrainingView> search(Query query) {
        Query key = normalised(query);
        return find(key, generation());
    }

    private Page<TrainingView> find(Query q, Generation g) {
        return page(g.rows().get(this::visibleRows), q.text() == null ? null : matches(q.text(), g), q);
    }

    /**
     * The rule of a search, in plain Java: the rows that pass every filter of a normalised query
     * (and, with a text, that the text matched), in the query's order, one page of them, and how
     * many passed.
     *
     * @param rank the trainings the text matched and their rank; null when the query has no text
     */
    static Page<TrainingView> page(List<Row> rows, Map<String, Float> rank, Query q) {
        List<Row> found = new ArrayList<>();
        for (Row r : rows) {
            TrainingView t = r.view();
            if ((rank == null || rank.containsKey(t.trainingId()))
                    && (q.category() == null || q.category().equals(r.categoryKey()))
                    && (q.platform() == null || q.platform().equals(t.platformCode()))
                    && (q.minPrice() == null || t.price() >= q.minPrice())
                    && (q.maxPrice() == null || t.price() <= q.maxPrice())
                    && (q.minRating() == null || (t.ratingCount() > 0 && r.ratingSum() >= q.minRating() * t.ratingCount()))
                    && (q.mode() == null || q.mode().equals(t.mode()))) {
                found.add(r);
            }
        }
        found.sort(order(q.sort(), rank));
        int from = (int) Math.min((long) q.page() * q.size(), found.size());
        int to = Math.min(from + q.size(), found.size());
        List<TrainingView> items = new ArrayList<>(to - from);
        for (Row r : found.subList(from, to)) {
            items.add(r.view());
        }
        return new Page<>(List.copyOf(items), q.page(), q.size(), found.size());
    }

    /** The five sorts; ties in the training id's order, so pages never overlap. */
    private static Comparator<Row> order(Sort sort, Map<String, Float> rank) {
        Comparator<Row> byId = Comparator.comparing(r -> r.view().trainingId());
        return switch (sort) {
            case RELEVANCE -> rank == null ? order(Sort.NEWEST, null)
                    : Comparator.<Row>comparingDouble(r -> -rank.get(r.view().trainingId())).thenComparing(byId);
            case PRICE_ASC -> Comparator.<Row>comparingLong(r -> r.view().price()).thenComparing(byId);
            case PRICE_DESC -> Comparator.<Row>comparingLong(r -> -r.view().price()).thenComparing(byId);
            // the exact average (sum over count, compared crosswise), unrated last, then the most ratings
            case RATING -> ((Comparator<Row>) (a, b) -> {
                int ca = a.view().ratingCount();
                int cb = b.view().ratingCount();
                if (ca == 0 || cb == 0) {
                    return Boolean.compare(ca == 0, cb == 0);
                }
                return Long.compare(b.ratingSum() * ca, a.ratingSum() * cb);
            }).thenComparing(Comparator.<Row>comparingInt(r -> -r.view().ratingCount())).thenComparing(byId);
            case REVIEWS -> Comparator.<Row>comparingInt(r -> -r.view().reviewCount()).thenComparing(byId);
            case NEWEST -> Comparator.<Row, Instant>comparing(r -> r.view().publishedAt(), Comparator.reverseOrder())
                    .thenComparing(byId);
        };
    }

    /** Every approved training of an active platform, as the search reads it. */
    private List<Row> visibleRows() {
        Map<String, String> names = platformNames();
        return List.copyOf(jdbc.query("select " + PAGE_COLUMNS + " from training t where t.status = 'ACTIVE'"
                + " and t.platform_code not in (select code from platform where status <> 'ACTIVE')",
                (rs, i) -> {
                    TrainingView view = view(rs, names.get(rs.getString("platform_code")));
                    return new Row(view, view.category() == null ? null : view.category().toLowerCase(Locale.ROOT),
                            rs.getLong("rating_sum"));
                }));
    }

    /** The approved trainings a text matches, with their rank, under the Indonesian full-text configuration. */
    @SuppressWarnings("unchecked")
    private Map<String, Float> matches(String text, Generation g) {
        TextKey key = new TextKey(g.id(), text);
        if (kept.getIfPresent(key) instanceof Map<?, ?> known) {
            return (Map<String, Float>) known;
        }
        Once<Map<String, Float>> once = matching.computeIfAbsent(key, k -> new Once<>());
        try {
            return once.get(() -> {
                Map<String, Float> found = match(text);
                kept.put(key, found);
                return found;
            });
        } finally {
            matching.remove(key, once);
        }
    }

    private Map<String, Float> match(String text) {
        Map<String, Float> ranks = new HashMap<>();
        jdbc.query("""
                select t.id, ts_rank(t.search, q.query) from training t, websearch_to_tsquery('indonesian', ?) q(query)
                 where t.status = 'ACTIVE' and t.search @@ q.query""",
                rs -> {
                    ranks.put(rs.getString(1), rs.getFloat(2));
                }, text);
        return Map.copyOf(ranks);
    }

    /** A training participants may see (approved, platform active). */
    public Optional<TrainingView> visible(String trainingId) {
        return jdbc.query("select " + COLUMNS + " from training t join platform p on p.code = t.platform_code "
                + "where t.id = ? and t.status = 'ACTIVE' and p.status = 'ACTIVE'", (rs, i) -> view(rs), trainingId)
                .stream().findFirst();
    }

    /** Any training, whatever its status (operators). */
    public Optional<TrainingView> any(String trainingId) {
        return jdbc.query("select " + COLUMNS + " from training t join platform p on p.code = t.platform_code where t.id = ?",
                (rs, i) -> view(rs), trainingId).stream().findFirst();
    }

    public Page<Review> reviews(String trainingId, int page, int size) {
        List<Review> items = jdbc.query("""
                select rating, review_text, reviewed_at from purchase
                 where training_id = ? and review_text is not null and rating is not null
                 order by reviewed_at desc, id limit ? offset ?""",
                (rs, i) -> new Review(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant()),
                trainingId, size, (long) page * size);
        Long total = jdbc.queryForObject(
                "select count(*) from purchase where training_id = ? and review_text is not null and rating is not null",
                Long.class, trainingId);
        return new Page<>(items, page, size, total == null ? 0 : total);
    }

    public List<String> categories() {
        return jdbc.queryForList("select distinct category from training where status = 'ACTIVE' order by category", String.class);
    }

    static TrainingView view(ResultSet rs) throws SQLException {
        return view(rs, rs.getString("platform_name"));
    }

    static TrainingView view(ResultSet rs, String platformName) throws SQLException {
        int count = rs.getInt("rating_count");
        Double average = count == 0 ? null : Math.round(rs.getLong("rating_sum") * 100.0 / count) / 100.0;
        return new TrainingView(rs.getString("id"), rs.getString("platform_code"), platformName,
                rs.getString("title"), rs.getString("description"), rs.getString("category"), rs.getString("provider"),
                rs.getString("mode"), rs.getLong("price"), rs.getInt("duration_hours"), average, count,
                rs.getInt("review_count"), rs.getString("status"), rs.getTimestamp("published_at").toInstant());
    }
}
