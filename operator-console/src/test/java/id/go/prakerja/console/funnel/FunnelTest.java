package id.go.prakerja.console.funnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class FunnelTest {

    @Test
    void conversion_is_the_share_of_the_previous_step_rounded_to_four_places() {
        long[] counts = new long[FunnelStep.values().length];
        counts[0] = 456_265;
        counts[1] = 360_000;
        counts[2] = 0;
        List<Funnel.Step> steps = Funnel.steps(counts);

        assertThat(steps.get(0).conversion()).as("the first step converts from nothing").isNull();
        assertThat(steps.get(1).conversion()).isEqualTo(0.789);
        assertThat(steps.get(2).conversion()).isEqualTo(0.0);
        assertThat(steps.get(3).conversion()).as("nobody to convert").isNull();
        assertThat(steps).extracting(Funnel.Step::step).containsExactly(FunnelStep.values());
    }

    @Test
    void every_step_needs_its_count() {
        assertThatIllegalArgumentException().isThrownBy(() -> Funnel.steps(new long[3]));
    }

    @Property
    void conversion_lies_between_zero_and_one_when_a_step_holds_at_most_the_previous_one(
            @ForAll @LongRange(min = 1, max = 10_000_000) long previous, @ForAll @LongRange(min = 0, max = 10_000_000) long reached) {
        long bounded = Math.min(previous, reached);
        assertThat(Funnel.conversion(previous, bounded)).isBetween(0.0, 1.0);
    }
}
