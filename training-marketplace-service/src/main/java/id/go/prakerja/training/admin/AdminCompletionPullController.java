package id.go.prakerja.training.admin;

import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.support.web.ProblemException;
import id.go.prakerja.training.completion.CompletionPull;
import id.go.prakerja.training.completion.CompletionSource;
import jakarta.validation.constraints.Pattern;

/** Operators: each platform's completions read by pull, and a pull now. */
@RestController
@RequestMapping("/admin/platforms")
public class AdminCompletionPullController {

    private final JdbcTemplate jdbc;
    private final CompletionPull pull;

    public AdminCompletionPullController(JdbcTemplate jdbc, CompletionPull pull) {
        this.jdbc = jdbc;
        this.pull = pull;
    }

    /**
     * @param open            redeemed purchases of the platform with no completion yet
     * @param cursor          where the marketplace stands in the platform's list of completions
     * @param lastReconciledAt the last pull that read every page it asked for
     * @param lastError       why the last pull failed, null when it did not
     * @param lastRecovered   completions the last pull recorded that no webhook had
     * @param recoveredTotal  all completions pulls have recorded
     */
    public record CompletionPullView(String platform, long open, String cursor, Instant lastAttemptAt, Instant lastReconciledAt,
            String lastError, int lastListed, int lastRecovered, long recoveredTotal) {
    }

    @GetMapping("/completion-pulls")
    public List<CompletionPullView> pulls() {
        return jdbc.query("""
                select p.code, (select count(*) from purchase pu where pu.platform_code = p.code
                                  and pu.status in ('REDEEMED', 'IN_PROGRESS')),
                       coalesce(c.cursor_position, 0), c.last_attempt_at, c.last_success_at, c.last_error,
                       coalesce(c.last_listed, 0), coalesce(c.last_recovered, 0), coalesce(c.recovered_total, 0)
                  from platform p left join completion_pull c on c.platform_code = p.code
                 order by p.code""", (rs, i) -> new CompletionPullView(rs.getString(1), rs.getLong(2),
                Long.toString(rs.getLong(3)), instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)), rs.getString(6),
                rs.getInt(7), rs.getInt(8), rs.getLong(9)));
    }

    /** Reads the platform's completions now, as the schedule does; 502 when the platform cannot be read. */
    @PostMapping("/{code}/completions/pull")
    public CompletionPull.Outcome pull(@PathVariable @Pattern(regexp = "[A-Za-z0-9_]{1,40}") String code) {
        String platform = jdbc.queryForList("select code from platform where code = upper(?)", String.class, code).stream()
                .findFirst().orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "PLATFORM_NOT_FOUND", code));
        try {
            return pull.pull(platform);
        } catch (CompletionSource.Unavailable e) {
            throw new ProblemException(HttpStatus.BAD_GATEWAY, "COMPLETION_SOURCE_UNAVAILABLE", platform);
        }
    }

    private static Instant instant(java.sql.Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
