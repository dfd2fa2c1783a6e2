package id.go.prakerja.registration.wave;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.registration.exclusion.AssistanceExclusions;
import id.go.prakerja.registration.participant.ParticipantRepository;
import id.go.prakerja.support.security.CurrentParticipant;
import id.go.prakerja.support.web.ProblemException;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/waves")
@Tag(name = "Waves")
public class WaveController {

    private final Waves waves;
    private final WaveRepository repository;
    private final ParticipantRepository participants;
    private final WaveProperties settings;
    private final JdbcTemplate jdbc;
    private final java.time.Clock clock;
    private final AssistanceExclusions exclusions;

    public WaveController(Waves waves, WaveRepository repository, ParticipantRepository participants,
            WaveProperties settings, JdbcTemplate jdbc, java.time.Clock clock,
            AssistanceExclusions exclusions) {
        this.waves = waves;
        this.repository = repository;
        this.participants = participants;
        this.settings = settings;
        this.jdbc = jdbc;
        this.clock = clock;
        this.exclusions = exclusions;
    }

    public record OpenWave(int number, Instant opensAt, Instant closesAt, long quotaForYourProvince) {
    }

    /** Open waves the calling participant's province takes part in (and the participant is not excluded from). */
    @GetMapping
    public List<OpenWave> open(Authentication authentication) {
        var participant = participants.findById(CurrentParticipant.id(authentication))
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "PARTICIPANT_NOT_FOUND"));
        String province = participant.provinceCode();
        Instant now = clock.instant();
        return repository.findByStatus(Wave.Status.OPEN).stream()
                .filter(w -> w.acceptsApplicationsAt(now) && w.quotaByProvince().getOrDefault(province, 0L) > 0)
                .filter(w -> !exclusions.excludedFrom(participant.nikHash(), w.number()))
                .map(w -> new OpenWave(w.number(), w.opensAt(), w.closesAt(), w.quotaByProvince().get(province)))
                .toList();
    }

    @PostMapping("/{number}/applications")
    public ResponseEntity<Application> join(@PathVariable int number, Authentication authentication) {
        UUID participant = CurrentParticipant.id(authentication);
        waves.join(participant, number);
        return ResponseEntity.status(HttpStatus.CREATED).body(applications(participant).stream()
                .filter(a -> a.waveNumber() == number).findFirst().orElseThrow());
    }

    /**
     * The calling participant's applications, newest first: WAITING (the wave is open),
     * PROCESSING (closed, being decided), SELECTED (with card number, balance and the
     * first-purchase deadline) or NOT_SELECTED (may join the next wave).
     */
    @GetMapping("/me")
    public List<Application> mine(Authentication authentication) {
        return applications(CurrentParticipant.id(authentication));
    }

    public record Application(int waveNumber, String status, Instant appliedAt, String cardNumber, Long trainingBalance,
            Instant firstPurchaseDeadline) {
    }

    private List<Application> applications(UUID participant) {
        return jdbc.query("""
                select a.wave_number, a.status, a.applied_at, a.card_number, a.decided_at, w.status as wave_status
                from wave_application a join wave w on w.number = a.wave_number
                where a.participant_id = ? order by a.applied_at desc
                """, (rs, i) -> {
            String status = rs.getString("status");
            boolean selected = "SELECTED".equals(status);
            if ("WAITING".equals(status) && !"OPEN".equals(rs.getString("wave_status"))) {
                status = "PROCESSING";
            }
            Instant decidedAt = rs.getTimestamp("decided_at") == null ? null : rs.getTimestamp("decided_at").toInstant();
            return new Application(rs.getInt("wave_number"), status, rs.getTimestamp("applied_at").toInstant(),
                    rs.getString("card_number"), selected ? settings.trainingBalance() : null,
                    selected ? decidedAt.plus(settings.firstPurchaseWithin()) : null);
        }, participant);
    }
}
