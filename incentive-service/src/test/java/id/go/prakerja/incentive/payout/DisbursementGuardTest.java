package id.go.prakerja.incentive.payout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import id.go.prakerja.events.incentive.IncentiveKind;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class DisbursementGuardTest {

    private final DisbursementGuard guard = new DisbursementGuard(2_550_000, 600_000, 50_000);

    @Test
    void the_seventh_incentive_fits_exactly_and_anything_more_is_refused() {
        assertThat(guard.refusal(IncentiveKind.SURVEY, 3, 50_000, 2_500_000)).isEmpty();
        assertThat(guard.refusal(IncentiveKind.SURVEY, 3, 50_000, 2_550_000)).get().asString().contains("exceed");
        assertThat(guard.refusal(IncentiveKind.POST_TRAINING, 1, 600_000, 2_000_000)).isPresent();
    }

    @Test
    void an_amount_or_sequence_the_rules_cannot_create_is_refused() {
        assertThat(guard.refusal(IncentiveKind.SURVEY, 1, 600_000, 0)).get().asString().contains("amount");
        assertThat(guard.refusal(IncentiveKind.SURVEY, 4, 50_000, 0)).get().asString().contains("sequence");
        assertThat(guard.refusal(IncentiveKind.POST_TRAINING, 0, 600_000, 0)).isPresent();
    }

    @Property
    void whatever_order_the_seven_come_in_the_total_never_passes_the_maximum(@ForAll @IntRange(min = 0, max = 20) int extra) {
        long total = 0;
        int accepted = 0;
        for (int i = 0; i < 7 + extra; i++) {
            boolean survey = i % 3 == 2;
            var refusal = guard.refusal(survey ? IncentiveKind.SURVEY : IncentiveKind.POST_TRAINING, 1,
                    survey ? 50_000 : 600_000, total);
            if (refusal.isEmpty()) {
                total += survey ? 50_000 : 600_000;
                accepted++;
            }
        }
        assertThat(total).isLessThanOrEqualTo(2_550_000);
        assertThat(accepted).isPositive();
    }
}
