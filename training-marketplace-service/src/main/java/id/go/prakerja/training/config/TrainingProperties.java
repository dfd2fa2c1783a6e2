package id.go.prakerja.training.config;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The marketplace's rules with time and money, and its jobs.
 *
 * @param voucherValidFor      a voucher not redeemed within this is void and its amount returns to the balance
 * @param voucherReminderBefore the participant is reminded this long before the voucher lapses
 * @param deadlineReminders    reminders before the first-purchase deadline (e.g. 7 days and 1 day)
 * @param programmeEnd         the balance expires at this instant
 * @param reviewEditableFor    a rating or review may be changed this long after it was first given
 * @param maxReviewLength      characters of a review
 * @param reconciliation       what operators see of purchases that cannot reconcile
 */
@ConfigurationProperties("prakerja.training")
public record TrainingProperties(
        @DefaultValue("7d") Duration voucherValidFor,
        @DefaultValue("1d") Duration voucherReminderBefore,
        @DefaultValue({"7d", "1d"}) List<Duration> deadlineReminders,
        @DefaultValue("2027-12-31T16:59:59Z") Instant programmeEnd,
        @DefaultValue("7d") Duration reviewEditableFor,
        @DefaultValue("20") int minReviewLength,
        @DefaultValue("2000") int maxReviewLength,
        @DefaultValue Jobs jobs,
        @DefaultValue Catalogue catalogue,
        @DefaultValue Notifications notifications,
        @DefaultValue Reconciliation reconciliation) {

    /**
     * @param enabled   whether the scheduled deadline, expiry and reminder jobs run here
     * @param batchSize rows one transaction of a job takes
     */
    public record Jobs(@DefaultValue("true") boolean enabled, @DefaultValue("1m") Duration interval,
            @DefaultValue("200") int batchSize) {
    }

    /**
     * @param feedUrl              base URL of the platforms' catalogue feeds ({@code GET /platforms/v1/catalogue?platform=CODE})
     * @param pullInterval         how often each platform's feed is read
     * @param approveInitialImport trainings of a platform's first import are published at once (the programme
     *                             curated the 2020 catalogue before launch); later new trainings wait for an operator
     * @param searchCacheEntries   search result pages kept per catalogue version (normalised query: words, filters,
     *                             sort, page); a change of the catalogue made here drops them once it commits
     * @param searchCacheTtl       the longest a kept page is served (a bound for a change whose shared version was lost)
     * @param searchVersionPoll    how often the shared catalogue version is read: how late a change made by another
     *                             instance of the service shows in this one's search
     */
    public record Catalogue(@DefaultValue("http://localhost:9007") String feedUrl,
            @DefaultValue("1h") Duration pullInterval,
            @DefaultValue("true") boolean pullEnabled,
            @DefaultValue("true") boolean approveInitialImport,
            @DefaultValue("20000") int searchCacheEntries,
            @DefaultValue("10m") Duration searchCacheTtl,
            @DefaultValue("1s") Duration searchVersionPoll) {
    }

    public record Notifications(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("100") int batchSize) {
    }

    /**
     * @param ratedWithoutCertificateAfter a purchase rated or reviewed but with no completion from its platform is listed
     *                                     as a mismatch only this long after the rating (the platform's report is often
     *                                     a little behind the participant)
     * @param refusalsKeptFor              refused platform reports are deleted this long after the refusal, unless the
     *                                     purchase they concern is still open (reserved, redeemed, in progress): those
     *                                     stay, they say why it has not reconciled
     */
    public record Reconciliation(@DefaultValue("2d") Duration ratedWithoutCertificateAfter,
            @DefaultValue("90d") Duration refusalsKeptFor) {
    }
}
