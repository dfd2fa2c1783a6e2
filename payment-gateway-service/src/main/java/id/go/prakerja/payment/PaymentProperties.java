package id.go.prakerja.payment;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import id.go.prakerja.events.incentive.PayoutPartner;

/**
 * The payment gateway's settings ({@code prakerja.payment.*}).
 *
 * @param partners one entry per payout partner; a partner without a base URL is not called
 */
@ConfigurationProperties("prakerja.payment")
public record PaymentProperties(
        @DefaultValue Map<PayoutPartner, Partner> partners,
        @DefaultValue Sender sender,
        @DefaultValue Sweeper sweeper,
        @DefaultValue Accounts accounts,
        @DefaultValue Callbacks callbacks) {

    public Partner partner(PayoutPartner id) {
        Partner p = partners.get(id);
        if (p == null) {
            throw new IllegalStateException("prakerja.payment.partners." + id + " is not configured");
        }
        return p;
    }

    /**
     * One partner: where it is, who the platform is there, and how hard it may be pushed.
     *
     * @param privateKey           the platform's RSA private key at this partner (PKCS#8 PEM): a
     *                             {@code classpath:}/{@code file:} location or the PEM itself
     * @param ratePerSecond        contracted calls per second (transfers, inquiries and status together)
     * @param maxInFlight          calls waiting for this partner at once (bulkhead)
     * @param readTimeout          how long an answer is waited for; after that the payment is UNKNOWN
     * @param failureRateThreshold percentage of failed calls among the last {@code slidingWindow} that opens the circuit
     * @param openFor              how long an open circuit keeps calls away before letting a few try
     * @param rateLimitWait        how long a call waits for a permit of the rate limiter before giving its turn back
     */
    public record Partner(String baseUrl, String clientId, String clientSecret, String privateKey,
            @DefaultValue("95221") String channelId, String sourceAccountNo,
            @DefaultValue("2s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
            @DefaultValue("100") int ratePerSecond, @DefaultValue("32") int maxInFlight,
            @DefaultValue("50") int failureRateThreshold, @DefaultValue("20") int slidingWindow,
            @DefaultValue("10s") Duration openFor, @DefaultValue("2s") Duration rateLimitWait) {

        @Override
        public String toString() {
            return "Partner[baseUrl=" + baseUrl + ", clientId=" + clientId + "]";
        }
    }

    /**
     * The worker that sends due payments.
     *
     * @param lease          how long a claimed payment is the sender's; after it the sweeper asks the partner about it
     * @param outcomeWriters threads that write the partners' answers, each in batches on its own connection (answers
     *                       about one payment always go to the same one, in order)
     */
    public record Sender(@DefaultValue("true") boolean enabled, @DefaultValue("100ms") Duration pollInterval,
            @DefaultValue("500") int batchSize, @DefaultValue("2m") Duration lease,
            @DefaultValue("5s") Duration notSentWait, @DefaultValue("2") int outcomeWriters) {

        public Sender {
            if (outcomeWriters < 1) {
                throw new IllegalArgumentException("prakerja.payment.sender.outcome-writers must be at least 1");
            }
        }
    }

    /**
     * The worker that settles pending, unknown and abandoned payments by status inquiry.
     *
     * @param pendingFirstInquiry how long after a "pending" answer the partner is first asked
     * @param unknownFirstInquiry how long after an unknown outcome the partner is first asked
     * @param maxWait             the longest wait between two inquiries (waits double until then)
     * @param doubtFirstInquiry   how long after a refusal that followed an ambiguous attempt every reference of
     *                            the payment is first asked (a partner may record a credit some time after it)
     * @param share               the places of a partner's in-flight limit kept for the sweeper (at least one), so
     *                            inquiries never wait behind a large tranche's sends
     */
    public record Sweeper(@DefaultValue("true") boolean enabled, @DefaultValue("250ms") Duration pollInterval,
            @DefaultValue("200") int batchSize, @DefaultValue("5s") Duration pendingFirstInquiry,
            @DefaultValue("1s") Duration unknownFirstInquiry, @DefaultValue("5m") Duration maxWait,
            @DefaultValue("1m") Duration doubtFirstInquiry, @DefaultValue("0.2") double share) {

        public Sweeper {
            if (share <= 0 || share >= 1) {
                throw new IllegalArgumentException("prakerja.payment.sweeper.share must be between 0 and 1");
            }
        }

        public Duration waitAfter(Duration first, int inquiries) {
            long factor = 1L << Math.min(Math.max(inquiries, 0), 20);
            Duration wait = first.multipliedBy(factor);
            return wait.compareTo(maxWait) > 0 ? maxWait : wait;
        }
    }

    /** Payout-account verification. */
    public record Accounts(@DefaultValue("true") boolean enabled, @DefaultValue("80") int nameMatchThreshold,
            @DefaultValue("500ms") Duration pollInterval, @DefaultValue("50") int batchSize,
            @DefaultValue("2m") Duration lease, @DefaultValue("5s") Duration firstWait,
            @DefaultValue("5m") Duration maxWait) {
    }

    /**
     * SNAP callbacks of the partners.
     *
     * @param timestampWindow how far a notification's X-TIMESTAMP may be from our clock
     * @param recordTimeout   how long a notification waits for its receipt to commit before the partner is
     *                        answered 503 (and sends it again)
     * @param queueCapacity   the most notifications waiting for their receipt; beyond it a partner is answered 503
     *                        at once (more would only wait past {@code recordTimeout})
     */
    public record Callbacks(@DefaultValue("5m") Duration timestampWindow, @DefaultValue("10s") Duration recordTimeout,
            @DefaultValue("5000") int queueCapacity) {
    }
}
