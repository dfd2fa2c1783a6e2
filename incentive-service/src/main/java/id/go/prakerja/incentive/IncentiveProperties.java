package id.go.prakerja.incentive;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import id.go.prakerja.incentive.schedule.IncentiveSchedule;
import id.go.prakerja.incentive.schedule.PayoutCalendar;
import id.go.prakerja.incentive.schedule.TrancheInterval;

/**
 * The incentive programme's settings (prakerja.incentive.*); defaults are the 2020 rules.
 *
 * @param postTrainingAmount   each of the four post-training tranches, rupiah
 * @param surveyAmount         each of the three survey incentives, rupiah
 * @param maxPerParticipant    what the guard lets one participant be requested in total, ever
 * @param schedule             payout calendar and tranche interval
 * @param runs                 payout runs: approval, budget, batch size, scheduler pace
 * @param outcomeOverdueAfter  a requested tranche without an outcome after this is reported as unknown
 * @param notices              the notification worker's pace
 * @param integrity            integrity signals: which are raised, and whether they hold payment
 */
@ConfigurationProperties(prefix = "prakerja.incentive")
public record IncentiveProperties(
        long postTrainingAmount,
        long surveyAmount,
        long maxPerParticipant,
        Schedule schedule,
        Runs runs,
        Duration outcomeOverdueAfter,
        Notices notices,
        @DefaultValue Integrity integrity) {

    /**
     * @param payoutAnchor     one payout date; the others are {@code payoutEvery} apart
     * @param trancheInterval  ISO-8601: {@code P1M} (calendar months) or {@code PT2M} (a duration)
     * @param surveyPaidWithin a completed survey's incentive is due within this (checked against payoutEvery)
     */
    public record Schedule(Instant payoutAnchor, Duration payoutEvery, String trancheInterval, ZoneId zone,
            Duration surveyPaidWithin) {
    }

    /**
     * @param approvalRequired a run waits for two different operators to approve it
     * @param budget           the programme's incentive budget; a preview shows what remains of it
     */
    public record Runs(boolean approvalRequired, long budget, int batchSize, Duration pollInterval, Duration lease) {
    }

    public record Notices(Duration pollInterval, int batchSize) {
    }

    /** @param sharedAccount one payout account linked by several participants (SHARED_PAYOUT_ACCOUNT) */
    public record Integrity(@DefaultValue SharedAccount sharedAccount) {
    }

    /**
     * @param enabled      a link to an account another participant links too raises a signal
     * @param holdsPayment the tranches of everyone an open signal involves are held until two operators decide
     */
    public record SharedAccount(@DefaultValue("true") boolean enabled, @DefaultValue("true") boolean holdsPayment) {
    }

    public IncentiveSchedule incentiveSchedule() {
        return new IncentiveSchedule(new PayoutCalendar(schedule.payoutAnchor(), schedule.payoutEvery()),
                TrancheInterval.parse(schedule.trancheInterval()), schedule.zone(), schedule.surveyPaidWithin());
    }
}
