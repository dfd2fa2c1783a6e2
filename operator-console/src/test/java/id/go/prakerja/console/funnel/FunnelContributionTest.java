package id.go.prakerja.console.funnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import id.go.prakerja.console.funnel.FunnelContribution.Key;
import id.go.prakerja.console.funnel.FunnelContribution.Progress;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class FunnelContributionTest {

    private static final Instant T0 = Instant.parse("2020-04-11T00:00:00Z");
    private static final int STEPS = FunnelStep.values().length;

    @Test
    void a_step_reached_before_joining_a_wave_moves_from_no_wave_to_the_wave_when_they_join() {
        Instant[] reached = new Instant[STEPS];
        reached[FunnelStep.REGISTERED.ordinal()] = T0;
        Progress progress = new Progress("31", 7, T0.plusSeconds(3600), reached);

        assertThat(counts(List.of(progress), T0.plusSeconds(1800))).containsOnly(Map.entry("REGISTERED/-/31", 1L));
        assertThat(counts(List.of(progress), T0.plusSeconds(3600))).containsOnly(Map.entry("REGISTERED/7/31", 1L));
        assertThat(counts(List.of(progress), T0.minusSeconds(1))).isEmpty();
    }

    /**
     * Whatever a participant's row goes through (milestones reached, moved earlier, the province
     * known late, another wave), the sum of the differences written on the way, up to any
     * instant, counts the final row as the funnel query over rows would.
     */
    @Property(tries = 300)
    void the_differences_written_on_the_way_count_the_final_row_at_any_instant(@ForAll("histories") List<Progress> history,
            @ForAll("instants") Instant asOf) {
        Map<Key, Long> written = new HashMap<>();
        Progress previous = Progress.none();
        for (Progress next : history) {
            FunnelContribution.difference(previous, next).forEach((k, d) -> written.merge(k, d, Long::sum));
            previous = next;
        }
        Map<String, Long> fromChanges = new HashMap<>();
        written.forEach((k, d) -> {
            if (!k.at().isAfter(asOf)) {
                fromChanges.merge(k.step() + "/" + k.wave() + "/" + k.province(), d, Long::sum);
            }
        });
        fromChanges.values().removeIf(d -> d == 0);

        assertThat(fromChanges).isEqualTo(direct(previous, asOf));
    }

    private static Map<String, Long> counts(List<Progress> rows, Instant asOf) {
        Map<String, Long> counts = new HashMap<>();
        for (Progress row : rows) {
            for (FunnelContribution.Change c : FunnelContribution.of(row)) {
                if (!c.at().isAfter(asOf)) {
                    counts.merge(c.step() + "/" + c.wave() + "/" + c.province(), c.delta(), Long::sum);
                }
            }
        }
        counts.values().removeIf(d -> d == 0);
        return counts;
    }

    /** What the query over rows counts: reached by then, in the wave joined by then. */
    private static Map<String, Long> direct(Progress row, Instant asOf) {
        Map<String, Long> counts = new HashMap<>();
        for (FunnelStep step : FunnelStep.values()) {
            Instant reached = row.reached()[step.ordinal()];
            if (reached != null && !reached.isAfter(asOf)) {
                boolean joined = row.joinedWaveAt() != null && !row.joinedWaveAt().isAfter(asOf);
                String wave = joined && row.waveNumber() != null ? row.waveNumber().toString() : "-";
                counts.merge(step + "/" + wave + "/" + (row.province() == null ? "-" : row.province()), 1L, Long::sum);
            }
        }
        return counts;
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(-2, 12).map(h -> T0.plusSeconds(h * 3600));
    }

    @Provide
    Arbitrary<List<Progress>> histories() {
        Arbitrary<Instant> time = Arbitraries.longs().between(0, 10).map(h -> T0.plusSeconds(h * 3600)).injectNull(0.4);
        Arbitrary<Progress> row = Combinators.combine(Arbitraries.of("31", "32").injectNull(0.3),
                Arbitraries.integers().between(1, 3).injectNull(0.3), time, time.list().ofSize(STEPS))
                .as((province, wave, joined, reached) -> new Progress(province, wave, joined, reached.toArray(Instant[]::new)));
        return row.list().ofMinSize(1).ofMaxSize(5);
    }
}
