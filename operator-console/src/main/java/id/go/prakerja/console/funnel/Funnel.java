package id.go.prakerja.console.funnel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Counts per step as of an instant, in total and per wave and per province. */
public record Funnel(Instant asOf, List<Step> steps, List<Group> byWave, List<Group> byProvince) {

    /**
     * @param conversion share of the previous step's count that reached this one (null for the
     *                   first step, or when the previous step has nobody)
     */
    public record Step(FunnelStep step, long count, Double conversion) {
    }

    public record Group(String key, List<Step> steps) {
    }

    /** Steps with their conversion from counts in funnel order. */
    public static List<Step> steps(long[] counts) {
        FunnelStep[] all = FunnelStep.values();
        if (counts.length != all.length) {
            throw new IllegalArgumentException("one count per step: " + all.length + ", got " + counts.length);
        }
        List<Step> steps = new ArrayList<>(all.length);
        for (int i = 0; i < all.length; i++) {
            steps.add(new Step(all[i], counts[i], i == 0 ? null : conversion(counts[i - 1], counts[i])));
        }
        return steps;
    }

    /** {@code reached / previous}, rounded to four places; null when there was nobody to convert. */
    static Double conversion(long previous, long reached) {
        if (previous <= 0) {
            return null;
        }
        return Math.round(reached * 10_000.0 / previous) / 10_000.0;
    }
}
