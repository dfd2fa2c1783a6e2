package id.go.prakerja.training.config;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

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
 * @param completionPull       reading the platforms' lists of completions, for those whose webhook was lost
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
        @DefaultValue Reconciliation reconciliation,
        @DefaultValue CompletionPull completionPull) {

    /**
     * @param enabled       whether the scheduled deadline, expiry and reminder jobs run here
     * @param interval      pause between passes that left no backlog
     * @param batchSize     rows one transaction of a job takes
     * @param passTimeLimit how long one job of a pass keeps taking batches while there is backlog; a pass that stopped
     *                      with backlog left is followed by the next at once (not after {@code interval})
     * @param workers       transactions a job runs at once while it has backlog (a wave at its deadline)
     * @param closeBatchSize balances one transaction closes (deadline forfeit, programme end, revoked): set-based, a
     *                      larger batch costs little more than a small one
     */
    public record Jobs(@DefaultValue("true") boolean enabled, @DefaultValue("15s") Duration interval,
            @DefaultValue("200") int batchSize, @DefaultValue("1m") Duration passTimeLimit,
            @DefaultValue("2") int workers, @DefaultValue("1000") int closeBatchSize) {
    }

    /**
     * @param feedUrl              base URL of the platforms' catalogue feeds ({@code GET /platforms/v1/catalogue?platform=CODE})
     * @param pullInterval         how often each platform's feed is read
     * @param approveInitialImport trainings of a platform's first import are published at once (the programme
     *                             curated the 2020 catalogue before launch); later new trainings wait for an operator
     * @param feedMaxPrice         a feed row priced above this (or at 0 or less) is refused, as are rows with a field longer
     *                             than its column or without an id or title (see {@code CatalogueFeed})
     * @param searchCacheBytes     bytes of search results kept for the catalogue's current version: written pages (their
     *                             JSON, by normalised query: words, filters, sort, page) and texts' full-text matches,
     *                             least recently used out first; a change of the catalogue made here drops them once it
     *                             commits
     * @param searchMaxPageSize    the largest page a search answers ({@code size}); a larger one is refused (400
     *                             {@code PAGE_SIZE_TOO_LARGE})
     * @param searchRateLimit      searches one participant (one token subject) may make per {@code searchRatePeriod};
     *                             beyond it, 429 {@code SEARCH_RATE_LIMITED} with {@code Retry-After}
     * @param searchCacheTtl       the longest a kept page is served (a bound for a change whose shared version was lost)
     * @param searchVersionPoll    how often the shared catalogue version is read: how late a change made by another
     *                             instance of the service shows in this one's search
     */
    public record Catalogue(@DefaultValue("http://localhost:9007") String feedUrl,
            @DefaultValue("1h") Duration pullInterval,
            @DefaultValue("true") boolean pullEnabled,
            @DefaultValue("true") boolean approveInitialImport,
            @DefaultValue("10000000") long feedMaxPrice,
            @DefaultValue("64MB") DataSize searchCacheBytes,
            @DefaultValue("10m") Duration searchCacheTtl,
            @DefaultValue("1s") Duration searchVersionPoll,
            @DefaultValue("100") int searchMaxPageSize,
            @DefaultValue("30") int searchRateLimit,
            @DefaultValue("10s") Duration searchRatePeriod) {
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

    /**
     * @param enabled        whether this instance reads the platforms' completions on a schedule (an operator may ask for
     *                       a platform's at any time); one instance reads at a time
     * @param interval       pause between two scheduled reads (also {@code prakerja.training.completion-pull.interval}
     *                       for the schedule itself); only platforms with redeemed purchases that have no completion yet
     *                       are read
     * @param baseUrl        base URL of the platforms' API ({@code GET /platforms/v1/completions}); each request is signed
     *                       with the platform's own secret ({@code prakerja.security.partners.<CODE>.secret})
     * @param pageSize       completions asked for per page
     * @param maxPages       pages one read of a platform takes at most; the rest are read next time
     * @param connectTimeout connect timeout of one request
     * @param readTimeout    read timeout of one request
     */
    public record CompletionPull(@DefaultValue("true") boolean enabled, @DefaultValue("15m") Duration interval,
            @DefaultValue("http://localhost:9007") String baseUrl, @DefaultValue("200") int pageSize,
            @DefaultValue("50") int maxPages, @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("20s") Duration readTimeout) {
    }
}
