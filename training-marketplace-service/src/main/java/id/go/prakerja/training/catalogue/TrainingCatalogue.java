package id.go.prakerja.training.catalogue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import id.go.prakerja.support.web.ProblemException;
import id.go.prakerja.training.config.TrainingProperties;

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
    private final int cacheEntries;
    private final long cacheTtlNanos;

    private volatile Map<String, String> platformNames = Map.of();
    private volatile Generation generation = new Generation(-1, 0);

    /**
     * Search results of one version of the catalogue: pages by normalised query, totals by filter,
     * and each training's view shared by every page that shows it. A new version, or age, starts
     * a new generation; the old one is dropped whole.
     */
    private record Generation(long version, long startedNanos, Map<Query, Page<TrainingView>> pages,
            Map<String, Long> totals, Map<String, TrainingView> views) {
        Generation(long version, long startedNanos) {
            this(version, startedNanos, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        }
    }

    public TrainingCatalogue(JdbcTemplate jdbc, CatalogueChanges changes, TrainingProperties settings) {
        this.jdbc = jdbc;
        this.changes = changes;
        this.cacheEntries = settings.catalogue().searchCacheEntries();
        this.cacheTtlNanos = settings.catalogue().searchCacheTtl().toNanos();
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
            g = new Generation(version, now);
            generation = g;
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
     * One page of the catalogue. Pages are kept per normalised query for the catalogue's current
     * version (at most {@code prakerja.training.catalogue.search-cache-entries} of them): a
     * repeated search reads no row until a training, a price, an approval or suspension, a
     * platform or a rating changes.
     */
    public Page<TrainingView> search(Query query) {
        Query key = normalised(query);
        Generation g = generation();
        Page<TrainingView> page = g.pages().get(key);
        if (page == null) {
            page = load(key, g);
            if (g.pages().size() < cacheEntries) {
                g.pages().put(key, page);
            }
        }
        return page;
    }

    private Page<TrainingView> load(Query q, Generation g) {
        StringBuilder where = new StringBuilder(
                " where t.status = 'ACTIVE' and t.platform_code not in (select code from platform where status <> 'ACTIVE')");
        List<Object> args = new ArrayList<>();
        boolean text = q.text() != null && !q.text().isBlank();
        if (text) {
            where.append(" and t.search @@ websearch_to_tsquery('indonesian', ?)");
            args.add(q.text());
        }
        if (q.category() != null && !q.category().isBlank()) {
            where.append(" and lower(t.category) = ?");
            args.add(q.category());
        }
        if (q.platform() != null && !q.platform().isBlank()) {
            where.append(" and t.platform_code = ?");
            args.add(q.platform());
        }
        if (q.minPrice() != null) {
            where.append(" and t.price >= ?");
            args.add(q.minPrice());
        }
        if (q.maxPrice() != null) {
            where.append(" and t.price <= ?");
            args.add(q.maxPrice());
        }
        if (q.minRating() != null) {
            where.append(" and t.rating_count > 0 and t.rating_sum >= ? * t.rating_count");
            args.add(q.minRating());
        }
        if (q.mode() != null && !q.mode().isBlank()) {
            where.append(" and t.mode = ?");
            args.add(q.mode());
        }
        Sort sort = q.sort();
        String order = switch (sort) {
            case RELEVANCE -> text ? "ts_rank(t.search, websearch_to_tsquery('indonesian', ?)) desc, t.id"
                    : "t.published_at desc, t.id";
            case PRICE_ASC -> "t.price asc, t.id";
            case PRICE_DESC -> "t.price desc, t.id";
            case RATING -> "t.average_rating desc nulls last, t.rating_count desc, t.id";
            case REVIEWS -> "t.review_count desc, t.id";
            case NEWEST -> "t.published_at desc, t.id";
        };
        List<Object> pageArgs = new ArrayList<>(args);
        if (sort == Sort.RELEVANCE && text) {
            pageArgs.add(q.text());
        }
        pageArgs.add(q.size());
        pageArgs.add((long) q.page() * q.size());
        String from = " from training t";
        // the page and the total apart: a window count over every match would carry every matching row,
        // descriptions included, through the sort; this way the sort keeps only the page (top-N)
        Map<String, String> names = platformNames();
        List<TrainingView> items = jdbc.query("select " + PAGE_COLUMNS + from + where + " order by " + order
                + " limit ? offset ?", (rs, i) -> {
                    TrainingView view = view(rs, names.get(rs.getString("platform_code")));
                    TrainingView shared = g.views().putIfAbsent(view.trainingId(), view);
                    return shared != null && shared.equals(view) ? shared : view;
                }, pageArgs.toArray());
        // a short page that is not past the end tells the total without counting
        long total = items.size() < q.size() && (q.page() == 0 || !items.isEmpty())
                ? (long) q.page() * q.size() + items.size()
                : count(from + where, args, g);
        return new Page<>(List.copyOf(items), q.page(), q.size(), total);
    }

    /**
     * How many trainings match: counted once per filter and catalogue version (every page of a
     * filter shares it). The count reads every matching row, the page only its first rows from an
     * index.
     */
    private long count(String fromWhere, List<Object> args, Generation g) {
        String key = fromWhere + args;
        Long cached = g.totals().get(key);
        if (cached != null) {
            return cached;
        }
        Long total = jdbc.queryForObject("select count(*)" + fromWhere, Long.class, args.toArray());
        long value = total == null ? 0 : total;
        if (g.totals().size() < cacheEntries) {
            g.totals().put(key, value);
        }
        return value;
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
