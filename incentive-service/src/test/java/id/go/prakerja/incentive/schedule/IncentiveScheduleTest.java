package id.go.prakerja.incentive.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class IncentiveScheduleTest {

    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    /** Wednesdays 10:00 WIB, as configured by default. */
    private static final PayoutCalendar WEEKLY = new PayoutCalendar(Instant.parse("2020-04-01T03:00:00Z"), Duration.ofDays(7));
    private static final IncentiveSchedule MONTHLY = new IncentiveSchedule(WEEKLY, TrancheInterval.parse("P1M"), JAKARTA,
            Duration.ofDays(14));

    @Test
    void tranche_one_is_on_the_first_payout_date_after_reconciliation_and_the_others_a_month_apart_on_payout_dates() {
        // Monday 11 May 2020, the day of the 219,489 / 51,255 gap
        List<Instant> dates = MONTHLY.postTraining(Instant.parse("2020-05-11T05:00:00Z"));
        assertThat(dates).containsExactly(
                Instant.parse("2020-05-13T03:00:00Z"),  // Wednesday after
                Instant.parse("2020-06-17T03:00:00Z"),  // first Wednesday at or after 13 June
                Instant.parse("2020-07-15T03:00:00Z"),  // at or after 13 July
                Instant.parse("2020-08-19T03:00:00Z")); // at or after 13 August
    }

    @Test
    void reconciled_exactly_on_a_payout_date_waits_for_the_next_one() {
        assertThat(MONTHLY.postTraining(Instant.parse("2020-05-13T03:00:00Z")).getFirst())
                .isEqualTo(Instant.parse("2020-05-20T03:00:00Z"));
    }

    @Test
    void a_compressed_demo_schedule_pays_within_minutes() {
        var demo = new IncentiveSchedule(new PayoutCalendar(Instant.parse("2020-01-01T00:00:00Z"), Duration.ofSeconds(20)),
                TrancheInterval.parse("PT2M"), JAKARTA, Duration.ofDays(14));
        List<Instant> dates = demo.postTraining(Instant.parse("2026-11-27T10:00:05Z"));
        assertThat(dates).containsExactly(Instant.parse("2026-11-27T10:00:20Z"), Instant.parse("2026-11-27T10:02:20Z"),
                Instant.parse("2026-11-27T10:04:20Z"), Instant.parse("2026-11-27T10:06:20Z"));
        assertThat(demo.survey(Instant.parse("2026-11-27T10:07:01Z"))).isEqualTo(Instant.parse("2026-11-27T10:07:20Z"));
    }

    @Test
    void payout_dates_further_apart_than_the_survey_promise_are_refused() {
        assertThatThrownBy(() -> new IncentiveSchedule(new PayoutCalendar(Instant.EPOCH, Duration.ofDays(30)),
                TrancheInterval.parse("P1M"), JAKARTA, Duration.ofDays(14))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrancheInterval.parse("P0D")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PayoutCalendar(Instant.EPOCH, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void every_tranche_is_a_payout_date_in_order_at_least_an_interval_apart(
            @ForAll @LongRange(min = 1_500_000_000L, max = 2_500_000_000L) long entitledSecond,
            @ForAll @LongRange(min = 1, max = 14 * 24 * 3600) long everySeconds) {
        Instant entitled = Instant.ofEpochSecond(entitledSecond);
        PayoutCalendar calendar = new PayoutCalendar(Instant.parse("2020-04-01T03:00:00Z"), Duration.ofSeconds(everySeconds));
        var schedule = new IncentiveSchedule(calendar, TrancheInterval.parse("P1M"), JAKARTA, Duration.ofDays(14));
        List<Instant> dates = schedule.postTraining(entitled);

        assertThat(dates).hasSize(4);
        assertThat(dates.getFirst()).isAfter(entitled).isBeforeOrEqualTo(entitled.plus(calendar.every()));
        for (int n = 0; n < 4; n++) {
            assertThat(calendar.latestAtOrBefore(dates.get(n))).as("a payout date").isEqualTo(dates.get(n));
            if (n > 0) {
                Instant earliest = dates.getFirst().atZone(JAKARTA).plusMonths(n).toInstant();
                assertThat(dates.get(n)).isAfterOrEqualTo(earliest).isBefore(earliest.plus(calendar.every()));
            }
        }
    }

    @Property
    void a_survey_incentive_is_due_on_a_payout_date_within_fourteen_days(
            @ForAll @LongRange(min = 1_500_000_000L, max = 2_500_000_000L) long completedSecond,
            @ForAll @LongRange(min = 1, max = 14 * 24 * 3600) long everySeconds) {
        Instant completed = Instant.ofEpochSecond(completedSecond);
        PayoutCalendar calendar = new PayoutCalendar(Instant.parse("2020-04-01T03:00:00Z"), Duration.ofSeconds(everySeconds));
        var schedule = new IncentiveSchedule(calendar, TrancheInterval.parse("P1M"), JAKARTA, Duration.ofDays(14));
        Instant due = schedule.survey(completed);
        assertThat(due).isAfterOrEqualTo(completed).isBeforeOrEqualTo(completed.plus(Duration.ofDays(14)));
        assertThat(calendar.firstAtOrAfter(due)).isEqualTo(due);
    }

    @Property
    void the_latest_payout_date_is_never_after_the_moment_and_the_next_one_is(
            @ForAll @LongRange(min = 0, max = 4_000_000_000L) long second,
            @ForAll @LongRange(min = 1, max = 40 * 24 * 3600) long everySeconds) {
        PayoutCalendar calendar = new PayoutCalendar(Instant.parse("2020-04-01T03:00:00Z"), Duration.ofSeconds(everySeconds));
        Instant t = Instant.ofEpochSecond(second);
        Instant latest = calendar.latestAtOrBefore(t);
        assertThat(latest).isBeforeOrEqualTo(t);
        assertThat(latest.plus(calendar.every())).isAfter(t);
        assertThat(calendar.firstAfter(t)).isEqualTo(latest.plus(calendar.every()));
    }
}
