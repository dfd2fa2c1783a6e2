package id.go.prakerja.console.backlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class AgeBucketTest {

    @Test
    void a_bucket_holds_its_lower_bound_and_not_its_upper_one() {
        assertThat(AgeBucket.of(Duration.ZERO)).isEqualTo(AgeBucket.UNDER_1_DAY);
        assertThat(AgeBucket.of(Duration.ofDays(1).minusSeconds(1))).isEqualTo(AgeBucket.UNDER_1_DAY);
        assertThat(AgeBucket.of(Duration.ofDays(1))).isEqualTo(AgeBucket.DAYS_1_TO_3);
        assertThat(AgeBucket.of(Duration.ofDays(3))).isEqualTo(AgeBucket.DAYS_3_TO_7);
        assertThat(AgeBucket.of(Duration.ofDays(7))).isEqualTo(AgeBucket.DAYS_7_TO_30);
        assertThat(AgeBucket.of(Duration.ofDays(30))).isEqualTo(AgeBucket.OVER_30_DAYS);
        assertThat(AgeBucket.of(Duration.ofDays(3650))).isEqualTo(AgeBucket.OVER_30_DAYS);
    }

    @Property
    void waiting_longer_never_lands_in_an_earlier_bucket(@ForAll @LongRange(min = 0, max = 10_000_000) long a,
            @ForAll @LongRange(min = 0, max = 10_000_000) long b) {
        long shorter = Math.min(a, b);
        long longer = Math.max(a, b);
        assertThat(AgeBucket.of(Duration.ofSeconds(longer)).ordinal())
                .isGreaterThanOrEqualTo(AgeBucket.of(Duration.ofSeconds(shorter)).ordinal());
    }
}
