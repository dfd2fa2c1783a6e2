package id.go.prakerja.console.funnel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one participant adds to the funnel over time, as changes of counts at instants: at each
 * step reached, +1 in their province and in the wave they had joined by then ("-" before they
 * joined one); when they join a wave after reaching a step, that step moves from "-" to the wave.
 * Summing every participant's changes up to an instant gives the funnel as of that instant, so
 * the difference between a participant's contribution before and after an event is all the
 * pre-aggregated counts need to follow the read model.
 */
public final class FunnelContribution {

    public static final String NO_WAVE = "-";

    private FunnelContribution() {
    }

    /** The funnel-relevant part of a participant's row; {@code reached} holds one time (or null) per step, in order. */
    public record Progress(String province, Integer waveNumber, Instant joinedWaveAt, Instant[] reached) {

        public Progress {
            if (reached.length != FunnelStep.values().length) {
                throw new IllegalArgumentException("one time per step: " + FunnelStep.values().length + ", got " + reached.length);
            }
        }

        public static Progress none() {
            return new Progress(null, null, null, new Instant[FunnelStep.values().length]);
        }
    }

    /** A change of one count at an instant. */
    public record Change(Instant at, FunnelStep step, String wave, String province, long delta) {
    }

    public record Key(Instant at, FunnelStep step, String wave, String province) {
    }

    /** Every change the participant makes to the counts, over all time. */
    public static List<Change> of(Progress progress) {
        List<Change> changes = new ArrayList<>();
        String province = progress.province() == null ? NO_WAVE : progress.province();
        String wave = progress.waveNumber() == null ? NO_WAVE : progress.waveNumber().toString();
        Instant joined = progress.joinedWaveAt();
        FunnelStep[] steps = FunnelStep.values();
        for (int i = 0; i < steps.length; i++) {
            Instant reached = progress.reached()[i];
            if (reached == null) {
                continue;
            }
            if (joined == null) {
                changes.add(new Change(reached, steps[i], NO_WAVE, province, 1));
            } else if (joined.isAfter(reached)) {
                changes.add(new Change(reached, steps[i], NO_WAVE, province, 1));
                changes.add(new Change(joined, steps[i], NO_WAVE, province, -1));
                changes.add(new Change(joined, steps[i], wave, province, 1));
            } else {
                changes.add(new Change(reached, steps[i], wave, province, 1));
            }
        }
        return changes;
    }

    /** The changes that turn the counts of {@code before} into those of {@code after}; nothing when they agree. */
    public static Map<Key, Long> difference(Progress before, Progress after) {
        Map<Key, Long> net = new HashMap<>();
        for (Change change : of(after)) {
            net.merge(key(change), change.delta(), Long::sum);
        }
        for (Change change : of(before)) {
            net.merge(key(change), -change.delta(), Long::sum);
        }
        net.values().removeIf(delta -> delta == 0);
        return net;
    }

    private static Key key(Change change) {
        return new Key(change.at(), change.step(), change.wave(), change.province());
    }
}
