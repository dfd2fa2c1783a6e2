package id.go.prakerja.training.admin;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.support.web.DateInRange;
import id.go.prakerja.support.web.ProblemException;
import id.go.prakerja.training.catalogue.CatalogueChanges;
import id.go.prakerja.training.catalogue.CatalogueFeed;
import jakarta.validation.constraints.Size;

/** Operators: platforms (list, suspend, activate, pull the catalogue now) and what the programme owes each. */
@RestController
@RequestMapping("/admin/platforms")
public class AdminPlatformController {

    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

    private final JdbcTemplate jdbc;
    private final ObjectProvider<CatalogueFeed> feed;
    private final CatalogueChanges catalogueChanges;
    private final Clock clock;

    public AdminPlatformController(JdbcTemplate jdbc, ObjectProvider<CatalogueFeed> feed, CatalogueChanges catalogueChanges,
            Clock clock) {
        this.jdbc = jdbc;
        this.feed = feed;
        this.catalogueChanges = catalogueChanges;
        this.clock = clock;
    }

    /**
     * @param lastPullRefused rows of the platform's feed its latest pull refused (listed by
     *                        {@code GET /admin/platforms/{code}/catalogue/refusals}); the others were taken
     */
    public record PlatformAdminView(String code, String name, String status, long active, long pendingApproval,
            long suspended, Instant lastPullAt, String lastPullError, int lastPullRefused) {
    }

    @GetMapping
    public List<PlatformAdminView> platforms() {
        return jdbc.query("""
                select p.code, p.name, p.status, p.last_pull_at, p.last_pull_error,
                       count(t.id) filter (where t.status = 'ACTIVE'), count(t.id) filter (where t.status = 'PENDING_APPROVAL'),
                       count(t.id) filter (where t.status = 'SUSPENDED'), p.last_pull_refused
                  from platform p left join training t on t.platform_code = p.code
                 group by p.code order by p.code""", (rs, i) -> new PlatformAdminView(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getInt(9)));
    }

    /**
     * A refused row of a platform's catalogue feed: its position in the feed (0: refused when stored), the
     * training id it gave, why (MISSING_FIELD, FIELD_TOO_LONG, PRICE_OUT_OF_BOUNDS, INVALID_MODE, INVALID_CHARACTERS,
     * OTHER_PLATFORM, DUPLICATE_ID, ID_OF_ANOTHER_PLATFORM, MALFORMED_ROW) and which field.
     */
    public record FeedRefusal(int row, String trainingId, String reason, String field, Instant refusedAt) {
    }

    /** The rows the platform's latest catalogue pull refused (at most 1,000 are kept), in the feed's order. */
    @GetMapping("/{code}/catalogue/refusals")
    public List<FeedRefusal> feedRefusals(@PathVariable @Size(max = 40) String code) {
        PlatformAdminView platform = find(code);
        return jdbc.query("""
                select row_number, training_id, reason, field, refused_at from catalogue_feed_refusal
                 where platform_code = ? order by row_number, id""",
                (rs, i) -> new FeedRefusal(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()), platform.code());
    }

    @PostMapping("/{code}/suspend")
    public PlatformAdminView suspend(@PathVariable @Size(max = 40) String code) {
        return setStatus(code, "SUSPENDED");
    }

    @PostMapping("/{code}/activate")
    public PlatformAdminView activate(@PathVariable @Size(max = 40) String code) {
        return setStatus(code, "ACTIVE");
    }

    public record PullResult(String platform, int listed) {
    }

    @PostMapping("/{code}/catalogue/pull")
    public PullResult pull(@PathVariable @Size(max = 40) String code) {
        PlatformAdminView platform = find(code);
        CatalogueFeed catalogueFeed = Optional.ofNullable(feed.getIfAvailable())
                .orElseThrow(() -> new ProblemException(HttpStatus.CONFLICT, "CATALOGUE_PULL_DISABLED"));
        int listed = catalogueFeed.pull(platform.code());
        if (listed < 0) {
            throw new ProblemException(HttpStatus.BAD_GATEWAY, "CATALOGUE_FEED_UNAVAILABLE", platform.code());
        }
        return new PullResult(platform.code(), listed);
    }

    private PlatformAdminView setStatus(String code, String status) {
        find(code);
        jdbc.update("update platform set status = ? where code = upper(?)", status, code);
        catalogueChanges.changed();
        return find(code);
    }

    private PlatformAdminView find(String code) {
        return platforms().stream().filter(p -> p.code().equalsIgnoreCase(code)).findFirst()
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "PLATFORM_NOT_FOUND", code));
    }

    /** Redeemed vouchers' amounts owed to one platform on one day (Jakarta time). */
    public record Payable(LocalDate day, String platformCode, long vouchers, long amount) {
    }

    @GetMapping("/payables")
    public List<Payable> payables(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @DateInRange LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @DateInRange LocalDate to,
            @RequestParam(required = false) @Size(max = 40) String platform) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), JAKARTA);
        LocalDate first = from == null ? today.minusDays(30) : from;
        LocalDate last = to == null ? today : to;
        if (last.isBefore(first) || first.plusDays(366).isBefore(last)) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "INVALID_PERIOD");
        }
        return jdbc.query("""
                select (e.posted_at at time zone 'Asia/Jakarta')::date as day, substr(e.account, 10) as platform,
                       count(*), sum(e.amount)
                  from ledger_entry e
                 where e.account like 'PLATFORM:%' and e.side = 'C' and e.status = 'POSTED'
                   and e.posted_at >= ? and e.posted_at < ? and (?::text is null or e.account = 'PLATFORM:' || upper(?))
                 group by 1, 2 order by 1, 2""",
                (rs, i) -> new Payable(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getLong(3), rs.getLong(4)),
                Timestamp.from(first.atStartOfDay(JAKARTA).toInstant()),
                Timestamp.from(last.plusDays(1).atStartOfDay(JAKARTA).toInstant()), platform, platform);
    }

    @GetMapping(value = "/payables.csv", produces = "text/csv")
    public ResponseEntity<String> payablesCsv(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @DateInRange LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @DateInRange LocalDate to,
            @RequestParam(required = false) @Size(max = 40) String platform) {
        StringBuilder csv = new StringBuilder("day,platform,vouchers,amount_idr\n");
        for (Payable p : payables(from, to, platform)) {
            csv.append(p.day()).append(',').append(p.platformCode()).append(',').append(p.vouchers()).append(',')
                    .append(p.amount()).append('\n');
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"payables.csv\"").body(csv.toString());
    }
}
