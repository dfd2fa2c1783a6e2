package id.go.prakerja.registration.wave;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import id.go.prakerja.support.web.DateInRange;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

@RestController
@RequestMapping("/admin/waves")
@Tag(name = "Waves (operator)")
public class WaveAdminController {

    private final Waves waves;
    private final WaveRepository repository;
    private final WaveClock clock;
    private final JdbcTemplate jdbc;

    public WaveAdminController(Waves waves, WaveRepository repository, WaveClock clock, JdbcTemplate jdbc) {
        this.waves = waves;
        this.repository = repository;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    public record CreateWave(@NotNull @Min(1) @Max(999) Integer number, @NotNull @DateInRange Instant opensAt,
            @NotNull @DateInRange Instant closesAt,
            @NotNull @Positive Long totalQuota, @NotEmpty Map<String, Long> quotaByProvince,
            List<PriorityRule> priorityRules, Long seed) {
    }

    @PostMapping
    public ResponseEntity<WaveView> create(@Valid @RequestBody CreateWave request) {
        Wave wave = waves.create(new Waves.NewWave(request.number(), request.opensAt(), request.closesAt(),
                request.totalQuota(), request.quotaByProvince(),
                request.priorityRules() == null ? List.of() : request.priorityRules(), request.seed()));
        return ResponseEntity.created(URI.create("/admin/waves/" + wave.number())).body(view(wave));
    }

    @GetMapping
    public List<WaveView> list() {
        return repository.findAll().stream().map(this::view).toList();
    }

    @GetMapping("/{number}")
    public WaveView get(@PathVariable int number) {
        return view(waves.find(number));
    }

    @PostMapping("/{number}/open")
    public WaveView open(@PathVariable int number) {
        return view(waves.open(number));
    }

    /** Closes the wave now; selection runs right after, on its own (202: see the wave's status). */
    @PostMapping("/{number}/close")
    public ResponseEntity<WaveView> close(@PathVariable int number) {
        Wave wave = waves.close(number);
        clock.tickSoon();
        return ResponseEntity.accepted().body(view(wave));
    }

    private WaveView view(Wave wave) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        jdbc.query("select status, count(*) from wave_application where wave_number = ? group by status order by status",
                rs -> {
                    byStatus.put(rs.getString(1), rs.getLong(2));
                }, wave.number());
        Map<String, Long> selectedByProvince = new TreeMap<>();
        jdbc.query("select province, count(*) from wave_application where wave_number = ? and status = 'SELECTED' "
                + "group by province", rs -> {
                    selectedByProvince.put(rs.getString(1), rs.getLong(2));
                }, wave.number());
        return new WaveView(wave.number(), wave.status(), wave.opensAt(), wave.closesAt(), wave.totalQuota(),
                new TreeMap<>(wave.quotaByProvince()), wave.priorityRules(), wave.seed(), wave.openedAt(),
                wave.closedAt(), wave.selectedAt(), byStatus, selectedByProvince);
    }
}
