package id.go.prakerja.incentive.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import id.go.prakerja.events.incentive.IncentiveKind;

/**
 * When each incentive falls due. Post-training tranche 1 is due on the first payout date after the
 * first training was reconciled; tranche n on the first payout date at or after tranche 1's date
 * plus n - 1 intervals. A survey incentive is due on the first payout date at or after the survey
 * was completed, which the payout calendar keeps within the promised number of days.
 */
public record IncentiveSchedule(PayoutCalendar calendar, TrancheInterval interval, ZoneId zone, Duration surveyPaidWithin) {

    public IncentiveSchedule {
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(surveyPaidWithin, "surveyPaidWithin");
        if (calendar.every().compareTo(surveyPaidWithin) > 0) {
            throw new IllegalArgumentException("payout dates " + calendar.every() + " apart cannot pay a survey within "
                    + surveyPaidWithin);
        }
    }

    /** Due dates of post-training tranches 1 to 4, in order. */
    public List<Instant> postTraining(Instant entitledAt) {
        Instant first = calendar.firstAfter(entitledAt);
        List<Instant> dates = new ArrayList<>();
        dates.add(first);
        for (int n = 2; n <= IncentiveKind.POST_TRAINING.maxSequence(); n++) {
            dates.add(calendar.firstAtOrAfter(interval.after(first, n - 1, zone)));
        }
        return List.copyOf(dates);
    }

    /** Due date of the incentive of a survey completed at {@code completedAt}. */
    public Instant survey(Instant completedAt) {
        return calendar.firstAtOrAfter(completedAt);
    }
}
