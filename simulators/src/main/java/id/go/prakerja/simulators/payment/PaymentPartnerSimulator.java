package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.FaultMode;
import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.Simulator;
import id.go.prakerja.simulators.http.Router;
import id.go.prakerja.simulators.http.SimRequest;
import id.go.prakerja.simulators.http.SimResponse;
import id.go.prakerja.simulators.population.Resident;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One payment partner speaking SNAP, shaped by its {@link PartnerProfile}: its routes and its Java
 * API for tests, over parts that each live in their own class.
 *
 * <p>Money rules it enforces, because the platform's must hold against them: {@code partnerReferenceNo}
 * is the idempotency key. A repeat of an accepted transfer is refused with {@code 409xx01}
 * (duplicate partnerReferenceNo) and never paid again; the same reference with another amount or
 * destination is {@code 404xx18} (inconsistent request); an {@code X-EXTERNAL-ID} used twice on
 * one day is {@code 409xx00}. Refused transfers do not consume the reference. A TIMEOUT or
 * ERROR_AFTER_WORK fault pays and then withholds the answer, so only a status inquiry tells the
 * truth; a pending transfer settles later, and may then fail ({@code 06}). {@link PartnerParts}
 * shows which class does what.
 *
 * <p>Memory stays bounded per payment: a record and its reference in a per-day index; external ids
 * are kept for today and yesterday only; callback attempts in a ring of the latest 10,000.
 *
 * <p>State lives in memory only unless {@link #keepAccountsIn(Path)} and {@link #keepLedgerIn(Path)}
 * name files for it (the local launcher's {@code --state-dir}); in-process tests and the payments
 * benchmark name none, and write nothing.
 */
public final class PaymentPartnerSimulator extends Simulator {

    public static final long TOKEN_TTL_SECONDS = 900;
    /** How far X-TIMESTAMP may be from the partner's clock before a request is refused. */
    public static final Duration TIMESTAMP_WINDOW = Duration.ofMinutes(15);

    /** How a partner's settlement notifications misbehave, on demand. */
    public enum CallbackMode {
        /** Delivered once (GoPay: twice), right away. */
        NORMAL,
        /** Never delivered. */
        LOST,
        /** Every notification delivered twice more than usual. */
        DUPLICATED,
        /** Delivered after {@code callbackDelayMillis}. */
        DELAYED,
        /** The final notification first, then a stale "pending" one for the same transfer. */
        OUT_OF_ORDER,
        /** Signed with a wrong secret. */
        BAD_SIGNATURE
    }

    /** What a settlement report may get wrong, injected by a test. */
    public enum Discrepancy {
        /** The transfer is missing from the report. */
        MISSING,
        /** The report shows another amount. */
        AMOUNT,
        /** The report shows another destination. */
        ACCOUNT,
        /** The report shows the other final status. */
        STATUS,
        /** The report shows a paid transfer with this reference that the partner never made. */
        EXTRA
    }

    /**
     * One line of a settlement report.
     *
     * @param status SNAP status code: {@code 00} paid, {@code 06} failed
     */
    public record SettlementLine(String partnerReferenceNo, String referenceNo, String destination, long amount,
                                 String status, String finishedTime) {
    }

    private final PartnerParts parts;

    public PaymentPartnerSimulator(Party party, String clientId, String clientSecret, String clientPublicKeyPem,
                                   List<Resident> population, long seed, boolean simulateLatency) {
        super(party);
        this.parts = new PartnerParts(party, clientId, clientSecret, clientPublicKeyPem, population, seed, simulateLatency);
    }

    // ---- Java API for tests -------------------------------------------------------------------

    public PartnerProfile profile() {
        return parts.profile;
    }

    public String clientId() {
        return parts.clientId;
    }

    public String clientSecret() {
        return parts.clientSecret;
    }

    public List<PartnerAccount> accounts() {
        return parts.accounts.all();
    }

    /** By account number (BNI) or phone in any Indonesian format (e-wallets). */
    public Optional<PartnerAccount> account(String numberOrPhone) {
        return parts.accounts.find(numberOrPhone);
    }

    public List<PartnerAccount> accountsOf(String nik) {
        return parts.accounts.of(nik);
    }

    /** Adds or replaces an account (keyed by account number or phone). */
    public PartnerAccount addAccount(PartnerAccount account) {
        return parts.accounts.add(account);
    }

    /**
     * Keeps the accounts added from now on in {@code file} and adds back those it already holds (a
     * later line replaces an earlier one with the same account number or phone), so that accounts
     * opened through the control endpoint outlive a restart, as a real partner's do. A reset
     * empties it. See {@link Journal} for how it is written.
     */
    public synchronized void keepAccountsIn(Path file) {
        parts.accounts.keepIn(file);
    }

    /**
     * Keeps the ledger in {@code file}: every transfer the partner accepts and every settlement of a
     * pending one is written there as it happens, and what the file already holds is loaded back (the
     * latest line about a reference wins), so a transfer made before a restart is still found by the
     * status inquiry, appears in its day's settlement report and is refused as a duplicate if sent
     * again. A transfer still pending is settled after the usual delay, counted from its creation. A
     * reset empties the file. Call it before the first transfer. See {@link Journal} for how it is
     * written.
     */
    public synchronized void keepLedgerIn(Path file) {
        parts.keepLedgerIn(file);
    }

    /** Every accepted transfer, oldest first: the partner's ledger, so a test can assert "paid exactly once". */
    public List<PaymentRecord> payments() {
        return parts.ledger.all();
    }

    /** A page of the ledger, oldest first. */
    public List<PaymentRecord> payments(int offset, int limit) {
        return parts.ledger.page(offset, limit);
    }

    public int paymentCount() {
        return parts.ledger.count();
    }

    public Optional<PaymentRecord> payment(String partnerReferenceNo) {
        return parts.ledger.find(partnerReferenceNo);
    }

    /** Where settlement notifications go; null stops them. A reset goes back to {@link #defaultCallbackUrl(String)}. */
    public void callbackUrl(String url) {
        parts.notifications.url(url);
    }

    /**
     * Where settlement notifications go from now on and again after every reset, as a real partner
     * keeps the address the platform registered with it (e.g. {@code http://localhost:8080/partner/payments/bni/callback}
     * under {@code run-local}); null: nowhere, the default.
     */
    public void defaultCallbackUrl(String url) {
        parts.notifications.defaultUrl(url);
    }

    public String callbackUrl() {
        return parts.notifications.url();
    }

    /** The latest delivery attempts (at most 10,000), oldest first. */
    public List<CallbackAttempt> callbacks() {
        return parts.notifications.attempts();
    }

    /**
     * The bodies of the latest account inquiries that passed authentication (at most 1,000), oldest
     * first, as they arrived: everything the caller told the partner about the account's owner.
     */
    public List<String> inquiries() {
        return parts.inquiry.inquiries();
    }

    /** Share (0-100) of transfers answered "pending" and settled later; chosen per reference, deterministically. */
    public void pendingPercent(int percent) {
        parts.behaviour.pendingPercent(percent);
    }

    /** Share (0-100) of pending transfers that end failed instead of paid; chosen per reference. */
    public void failPercent(int percent) {
        parts.behaviour.failPercent(percent);
    }

    public void settleAfter(Duration delay) {
        parts.behaviour.settleAfter(delay);
    }

    public void latency(Duration latency) {
        parts.behaviour.latency(latency);
    }

    public void callbackMode(CallbackMode mode) {
        parts.behaviour.callbackMode(mode);
    }

    public void callbackDelay(Duration delay) {
        parts.behaviour.callbackDelay(delay);
    }

    /**
     * How long a transfer, credited at once, stays out of the partner's status inquiry ("not found"):
     * a partner whose inquiry reads a ledger that lags its transfers. 0 (the default) shows it at once.
     */
    public void recordAfter(Duration delay) {
        parts.behaviour.recordAfter(delay);
    }

    /**
     * Whether a transfer under a reference the partner already holds is refused for a limit (403,
     * "Exceeds Transaction Amount Limit") rather than answered as a duplicate (409): a partner that
     * checks the account's limit before its duplicate check, so a resend after a credit is refused
     * although the first transfer paid.
     */
    public void limitBeforeDuplicate(boolean on) {
        parts.behaviour.limitBeforeDuplicate(on);
    }

    /** Transfers and inquiries per second beyond which the partner answers 429; 0 turns it off. */
    public void rateLimit(int perSecond) {
        parts.behaviour.rateLimit(perSecond);
    }

    /** Makes the next settlement report of this transfer's day differ from the ledger. */
    public void discrepancy(String partnerReferenceNo, Discrepancy kind) {
        parts.settlements.discrepancy(partnerReferenceNo, kind);
    }

    /** Settles every pending transfer now, instead of waiting for the partner. */
    public void settlePending() {
        parts.pending.settleAll();
    }

    /** Forgets every issued access token, as when a partner rotates them: callers must fetch a new one. */
    public void revokeTokens() {
        parts.tokens.revokeAll();
    }

    /**
     * The partner's view of what it settled on one day (Jakarta time): every final transfer created
     * that day, with the discrepancies a test injected.
     */
    public List<SettlementLine> settlementReport(LocalDate day) {
        return parts.settlements.report(day);
    }

    @Override
    public void close() {
        super.close();
        synchronized (this) {
            parts.close();
        }
    }

    // ---- wiring -------------------------------------------------------------------------------

    @Override
    protected void registerRoutes(Router router) {
        parts.registerSnapRoutes(router);
        new PartnerControls(this, parts.behaviour).register(router);
    }

    /** Forgets everything learnt since start but the access tokens (see {@link PartnerParts#reset()}). */
    @Override
    protected synchronized void resetState() {
        parts.reset();
    }

    /** Faults answer in SNAP's format, with the service code of the endpoint that was called. */
    @Override
    protected SimResponse faultResponse(FaultMode mode, SimRequest request) {
        return parts.faults.response(mode, request);
    }
}
