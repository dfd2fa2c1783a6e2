package id.go.prakerja.payment.partner;

import java.time.LocalDate;
import java.util.List;

import id.go.prakerja.events.incentive.PayoutPartner;
import tools.jackson.databind.JsonNode;

/**
 * What the payment gateway needs from a payout partner: check an account, pay into it, ask what
 * became of a payment, read the day's settlement, and understand its notifications. One adapter
 * per partner ({@link BniPartner}, {@link LinkAjaPartner}, {@link OvoPartner}, {@link GoPayPartner})
 * carries that partner's paths, service codes and quirks.
 *
 * <p>None of these throws for what a partner answers; a call that could not be made at all throws
 * {@link id.go.prakerja.payment.snap.SnapClient.NotSent}, and one whose answer was lost
 * {@link id.go.prakerja.payment.snap.SnapClient.Unanswered}.
 */
public interface PaymentPartner {

    PayoutPartner id();

    /** Fetches (or keeps) the partner's access token, so the first payment does not wait for it. */
    void signIn();

    /**
     * The account's holder as the partner knows it, or empty when it has no such account. The
     * account is all that is sent: the inquiry needs no NIK (the partner shows its masked NIK,
     * compared here), and a NIK or an unkeyed hash of it would give the partner, and whoever reads
     * its request logs, the participant's NIK (16 digits of known structure are soon brute-forced).
     */
    AccountLookup lookUp(String accountNumber);

    /** Pays {@code amount} rupiah under the idempotency key {@code reference}. */
    PartnerAnswer transfer(String reference, long amount, String accountNumber);

    /** What became of the transfer under {@code reference}. */
    PartnerAnswer status(String reference);

    /** One page of the partner's settlement report for a day (Jakarta time). */
    SettlementPage settlement(LocalDate day, int page, int size);

    /** A notification in the partner's own shape, or null when it names no transfer. */
    CallbackNotice notice(JsonNode body);

    /** How the partner knows an account in its requests: BNI keeps digits, OVO wants {@code 08…}, others take either. */
    String destination(String accountNumber);

    record SettlementPage(int totalItems, List<SettlementLine> items) {
    }

    /**
     * @param paid true for a settled credit ({@code 00}), false for a failed one
     */
    record SettlementLine(String partnerReferenceNo, String referenceNo, String destination, long amount, boolean paid,
            String rawStatus) {
    }

    /**
     * What a notification claims.
     *
     * @param finalState PAID or FAILED when it announces an outcome, PENDING otherwise
     */
    record CallbackNotice(String partnerReferenceNo, PartnerAnswer.Kind finalState, String rawStatus) {
    }
}
