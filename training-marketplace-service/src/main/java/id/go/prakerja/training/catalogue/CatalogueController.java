package id.go.prakerja.training.catalogue;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;

import id.go.prakerja.support.web.ProblemException;
import id.go.prakerja.training.config.TrainingProperties;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Size;

/** The catalogue for participants: search, filter, sort, page; a training with its reviews. */
@RestController
@RequestMapping("/api/v1")
public class CatalogueController {

    private final TrainingCatalogue catalogue;
    private final JdbcTemplate jdbc;
    private final SearchRateLimits rateLimits;
    private final int maxPageSize;

    public CatalogueController(TrainingCatalogue catalogue, JdbcTemplate jdbc, SearchRateLimits rateLimits,
            TrainingProperties settings) {
        this.catalogue = catalogue;
        this.jdbc = jdbc;
        this.rateLimits = rateLimits;
        this.maxPageSize = settings.catalogue().searchMaxPageSize();
    }

    /** What a search answers (for the API description; the answer itself is written once per page). */
    public record TrainingPage(List<TrainingCatalogue.TrainingView> items, int page, int size, long total) {
    }

    /**
     * A page larger than {@code prakerja.training.catalogue.search-max-page-size} (100) is refused (400
     * {@code PAGE_SIZE_TOO_LARGE}); a caller past {@code search-rate-limit} searches per {@code search-rate-period}
     * is refused (429 {@code SEARCH_RATE_LIMITED}, {@code Retry-After} in seconds).
     *
     * @param q    words of title, description, category or provider (Indonesian stemming)
     * @param sort relevance, price_asc, price_desc, rating, reviews, newest (default: relevance with q, else rating)
     */
    @GetMapping(value = "/trainings", produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "One page of matching trainings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = TrainingPage.class)))
    public ResponseEntity<byte[]> search(
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(required = false) @Size(max = 100) String category,
            @RequestParam(required = false) @Size(max = 40) String platform,
            @RequestParam(required = false) @PositiveOrZero Long minPrice,
            @RequestParam(required = false) @PositiveOrZero Long maxPrice,
            @RequestParam(required = false) @DecimalMin("1") @DecimalMax("5") Double minRating,
            @RequestParam(required = false) @Size(max = 10) String mode,
            @RequestParam(required = false) @Size(max = 20) String sort,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) int size,
            Authentication auth, HttpServletResponse response) {
        if (size > maxPageSize) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "PAGE_SIZE_TOO_LARGE", maxPageSize);
        }
        if (auth != null) {
            rateLimits.take(auth.getName()).ifPresent(wait -> {
                // the problem answer keeps the response's headers
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
                throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "SEARCH_RATE_LIMITED");
            });
        }
        if (mode != null && !mode.isBlank() && !List.of("ONLINE", "OFFLINE").contains(mode.trim().toUpperCase(java.util.Locale.ROOT))) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "INVALID_MODE", mode);
        }
        byte[] found = catalogue.searchWritten(new TrainingCatalogue.Query(q, category, platform, minPrice, maxPrice, minRating,
                mode == null ? null : mode.trim(), TrainingCatalogue.Sort.parse(sort), page, size));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(found);
    }

    @GetMapping("/trainings/categories")
    public List<String> categories() {
        return catalogue.categories();
    }

    @GetMapping("/trainings/{trainingId}")
    public TrainingCatalogue.TrainingView training(@PathVariable @Size(max = 100) String trainingId) {
        return catalogue.visible(trainingId)
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "TRAINING_NOT_FOUND", trainingId));
    }

    @GetMapping("/trainings/{trainingId}/reviews")
    public TrainingCatalogue.Page<TrainingCatalogue.Review> reviews(@PathVariable @Size(max = 100) String trainingId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        training(trainingId);
        return catalogue.reviews(trainingId, page, size);
    }

    public record PlatformView(String code, String name, long trainings) {
    }

    @GetMapping("/platforms")
    public List<PlatformView> platforms() {
        return jdbc.query("""
                select p.code, p.name, count(t.id) from platform p
                  left join training t on t.platform_code = p.code and t.status = 'ACTIVE'
                 where p.status = 'ACTIVE' group by p.code, p.name order by p.name""",
                (rs, i) -> new PlatformView(rs.getString(1), rs.getString(2), rs.getLong(3)));
    }
}
