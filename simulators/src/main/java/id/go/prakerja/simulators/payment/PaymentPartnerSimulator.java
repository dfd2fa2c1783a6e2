package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.FaultMode;
import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.Simulator;
import id.go.prakerja.simulators.http.Auth;
import id.go.prakerja.simulators.http.HttpFailure;
import id.go.prakerja.simulators.http.Json;
import id.go.prakerja.simulators.http.JsonFields;
import id.go.prakerja.simulators.http.Router;
import id.go.prakerja.simulators.http.SimRequest;
import id.go.prakerja.simulators.http.SimResponse;
import id.go.prakerja.simulators.population.Nik;
import id.go.prakerja.simulators.population.PhoneNumbers;
import id.go.prakerja.simulators.population.Resident;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.net.URI;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * One payment partner speaking SNAP, shaped by its {@link PartnerProfile}.
 *
 * <p>Money rules it enforces, because the platform's must hold against them: {@code partnerReferenceNo}
 * is the idempotency key. A repeat of an accepted transfer is refused with {@code 409xx01}
 * (duplicate partnerReferenceNo) and never paid again; the same reference with another amount or
 * destination is {@code 404xx18} (inconsistent request); an {@code X-EXTERNAL-ID} used twice on
 * one day is {@code 409xx00}. Refused transfers do not consume the reference. A TIMEOUT or
 * ERROR_AFTER_WORK fault pays and then withholds the answer, so only a status inquiry tells the
 * truth; a pending transfer settles later, and may then fail ({@code 06}).
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
    static final int CALLBACKS_KEPT = 10_000;
    static final int INQUIRIES_KEPT = 1_000;

    private static final Pattern AMOUNT = Pattern.compile("\\d{1,13}\\.\\d{2}");
    private static final Pattern ACCOUNT_NUMBER = Pattern.compile("\\d{6,20}");
    private static final Pattern NIK = Pattern.compile("\\d{16}");
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern NUMERIC_EXTERNAL_ID = Pattern.compile("\\d{1,36}");
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9\\-_.]{1,64}");
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final SecureRandom RANDOM = new SecureRandom();

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

    private final PartnerProfile profile;
    private final String clientId;
    private final String clientSecret;
    private final PublicKey clientKey;
    private final boolean simulateLatency;
    private final List<PartnerAccount> seededAccounts;

    /** Guarded by {@code this}: check-then-insert must be atomic to pay only once. */
    private final Map<String, PartnerAccount> accounts = new LinkedHashMap<>();
    private final Map<String, PaymentRecord> payments = new HashMap<>();
    private final List<String> paymentOrder = new ArrayList<>();
    private final Map<LocalDate, List<String>> paymentsByDay = new HashMap<>();
    private final Map<LocalDate, Set<String>> externalIdsByDay = new HashMap<>();
    private final Map<String, Discrepancy> discrepancies = new HashMap<>();
    private final Deque<CallbackAttempt> callbacks = new ArrayDeque<>();
    private final Deque<String> inquiries = new ArrayDeque<>();

    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final AtomicLong referenceSequence = new AtomicLong();
    private final AtomicLong callbackSequence = new AtomicLong();
    /** Bumped by reset so settlements scheduled before it are dropped. */
    private final AtomicLong epoch = new AtomicLong();
    private final ScheduledExecutorService scheduler;
    private final CloseableHttpClient http;

    private volatile String callbackUrl;
    /** Where notifications go from the start and again after a reset; null: nowhere. */
    private volatile String defaultCallbackUrl;
    /** Guarded by {@code this}: the accounts added after start, kept across restarts; null: memory only. */
    private Journal accountsJournal;
    /** Guarded by {@code this}: every state of every transfer, kept across restarts; null: memory only. */
    private Journal ledgerJournal;
    private volatile int pendingPercent;
    private volatile int failPercent;
    private volatile long settleAfterMillis;
    private volatile long latencyMillis;
    private volatile CallbackMode callbackMode = CallbackMode.NORMAL;
    private volatile long callbackDelayMillis = 5_000;
    private volatile int rateLimitPerSecond;
    private volatile long recordAfterMillis;
    private volatile boolean limitBeforeDuplicate;
    private long rateWindowSecond;
    private int rateWindowCount;

    public PaymentPartnerSimulator(Party party, String clientId, String clientSecret, String clientPublicKeyPem,
                                   List<Resident> population, long seed, boolean simulateLatency) {
        super(party);
        this.profile = PartnerProfile.of(party);
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clientKey = SnapSignature.publicKey(clientPublicKeyPem);
        this.simulateLatency = simulateLatency;
        this.seededAccounts = PartnerAccounts.seed(profile, population, seed);
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "sim-" + party.slug() + "-settlement");
            t.setDaemon(true);
            return t;
        });
        // notifications: a pooled keep-alive client (the JDK's HttpClient cost several times as much CPU per
        // notification, most of it in its asynchronous machinery, at a thousand notifications a second)
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(512).setMaxConnPerRoute(512)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(2)).setSocketTimeout(Timeout.ofSeconds(15)).build())
                        .build())
                // longer than the gateway waits for a receipt to commit (10 s) before answering 503: a notification
                // the gateway records is acknowledged, not abandoned and sent again
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(Timeout.ofSeconds(5))
                        .setResponseTimeout(Timeout.ofSeconds(15)).build())
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
                .disableContentCompression().disableConnectionState()
                .evictIdleConnections(TimeValue.ofSeconds(10))
                .build();
        resetState();
    }

    // ---- Java API for tests -------------------------------------------------------------------

    public PartnerProfile profile() {
        return profile;
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    public synchronized List<PartnerAccount> accounts() {
        return List.copyOf(accounts.values());
    }

    /** By account number (BNI) or phone in any Indonesian format (e-wallets). */
    public synchronized Optional<PartnerAccount> account(String numberOrPhone) {
        String key = profile.isBank() ? numberOrPhone : PhoneNumbers.toNational(numberOrPhone).orElse(numberOrPhone);
        return Optional.ofNullable(accounts.get(key));
    }

    public synchronized List<PartnerAccount> accountsOf(String nik) {
        return accounts.values().stream().filter(a -> nik.equals(a.nik())).toList();
    }

    /** Adds or replaces an account (keyed by account number or phone). */
    public synchronized PartnerAccount addAccount(PartnerAccount account) {
        PartnerAccount normalized = normalize(account);
        if (accountsJournal != null) {
            accountsJournal.append(normalized);
        }
        accounts.put(normalized.key(), normalized);
        return normalized;
    }

    /**
     * Keeps the accounts added from now on in {@code file} and adds back those it already holds (a
     * later line replaces an earlier one with the same account number or phone), so that accounts
     * opened through the control endpoint outlive a restart, as a real partner's do. A reset
     * empties it. See {@link Journal} for how it is written.
     */
    public synchronized void keepAccountsIn(Path file) {
        Map<String, PartnerAccount> kept = new LinkedHashMap<>();
        for (JsonNode a : Journal.read(file)) {
            PartnerAccount account = new PartnerAccount(textOrNull(a, "accountNumber"), textOrNull(a, "phone"),
                    textOrNull(a, "ownerName"), textOrNull(a, "nik"), a.path("kycUpgraded").asBoolean(),
                    a.path("active").asBoolean());
            if (account.key() == null) {
                log.warn("{} account without number or phone in {}; skipped", party(), file);
                continue;
            }
            kept.remove(account.key()); // the latest write of an account is its place in the compacted file
            kept.put(account.key(), account);
        }
        accounts.putAll(kept);
        if (accountsJournal != null) {
            accountsJournal.close();
        }
        accountsJournal = Journal.rewrite(file, List.copyOf(kept.values()));
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
        if (!payments.isEmpty()) {
            throw new IllegalStateException(party() + " has already accepted transfers; keep the ledger before the first");
        }
        Map<String, PaymentRecord> kept = new LinkedHashMap<>();
        for (JsonNode entry : Journal.read(file)) {
            PaymentRecord record;
            try {
                record = Json.mapper().treeToValue(entry, PaymentRecord.class);
            } catch (JacksonException e) {
                log.warn("{} ledger line in {} is not a transfer ({}); skipped", party(), file, e.getOriginalMessage());
                continue;
            }
            if (record.partnerReferenceNo() == null || record.status() == null || record.createdAt() == null) {
                log.warn("{} ledger line in {} lacks a reference, status or creation time; skipped", party(), file);
                continue;
            }
            kept.put(record.partnerReferenceNo(), record); // a settlement replaces the transfer, in its place
        }
        LocalDate today = LocalDate.now(SnapSignature.WIB);
        long sequence = referenceSequence.get();
        List<String> pending = new ArrayList<>();
        for (PaymentRecord record : kept.values()) {
            String reference = record.partnerReferenceNo();
            payments.put(reference, record);
            paymentOrder.add(reference);
            LocalDate day = LocalDate.ofInstant(record.createdAt(), SnapSignature.WIB);
            paymentsByDay.computeIfAbsent(day, d -> new ArrayList<>()).add(reference);
            if (record.externalId() != null && !day.isBefore(today.minusDays(1))) {
                externalIdsByDay.computeIfAbsent(day, d -> new HashSet<>()).add(record.externalId());
            }
            sequence = Math.max(sequence, sequenceOf(record.referenceNo()));
            if (record.status() == PaymentStatus.PENDING) {
                pending.add(reference);
            }
        }
        referenceSequence.set(sequence); // no referenceNo handed out before the restart is handed out again
        if (ledgerJournal != null) {
            ledgerJournal.close();
        }
        ledgerJournal = Journal.rewrite(file, List.copyOf(kept.values()));
        long scheduledIn = epoch.get();
        Instant now = Instant.now();
        for (String reference : pending) {
            long due = payments.get(reference).createdAt().plusMillis(settleAfterMillis).toEpochMilli() - now.toEpochMilli();
            scheduler.schedule(() -> settle(reference, scheduledIn), Math.max(0, due), TimeUnit.MILLISECONDS);
        }
        if (!kept.isEmpty()) {
            log.info("{} ledger: {} transfers loaded from {} ({} still pending)", party(), kept.size(), file, pending.size());
        }
    }

    /** The sequence at the end of a referenceNo this partner issued ({@link #nextReferenceNo()}), else 0. */
    private long sequenceOf(String referenceNo) {
        int start = profile.referencePrefix().length() + 8;
        if (referenceNo == null || !referenceNo.startsWith(profile.referencePrefix()) || referenceNo.length() <= start
                || referenceNo.length() > start + 18) {
            return 0;
        }
        String digits = referenceNo.substring(start);
        return digits.chars().allMatch(Character::isDigit) ? Long.parseLong(digits) : 0;
    }

    /** Appends a transfer's new state to the ledger file, if one is kept; before memory changes, so a failed write changes nothing. */
    private void journal(PaymentRecord record) {
        if (ledgerJournal != null) {
            ledgerJournal.append(record);
        }
    }

    private static String textOrNull(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asString() : null;
    }

    /** Every accepted transfer, oldest first: the partner's ledger, so a test can assert "paid exactly once". */
    public synchronized List<PaymentRecord> payments() {
        return paymentOrder.stream().map(payments::get).toList();
    }

    /** A page of the ledger, oldest first. */
    public synchronized List<PaymentRecord> payments(int offset, int limit) {
        int from = Math.min(Math.max(offset, 0), paymentOrder.size());
        int to = Math.min(paymentOrder.size(), from + Math.max(limit, 0));
        return paymentOrder.subList(from, to).stream().map(payments::get).toList();
    }

    public synchronized int paymentCount() {
        return paymentOrder.size();
    }

    public synchronized Optional<PaymentRecord> payment(String partnerReferenceNo) {
        return Optional.ofNullable(payments.get(partnerReferenceNo));
    }

    /** Where settlement notifications go; null stops them. A reset goes back to {@link #defaultCallbackUrl(String)}. */
    public void callbackUrl(String url) {
        this.callbackUrl = url == null || url.isBlank() ? null : URI.create(url).toString();
    }

    /**
     * Where settlement notifications go from now on and again after every reset, as a real partner
     * keeps the address the platform registered with it (e.g. {@code http://localhost:8080/partner/payments/bni/callback}
     * under {@code run-local}); null: nowhere, the default.
     */
    public void defaultCallbackUrl(String url) {
        callbackUrl(url);
        this.defaultCallbackUrl = this.callbackUrl;
    }

    public String callbackUrl() {
        return callbackUrl;
    }

    /** The latest delivery attempts (at most 10,000), oldest first. */
    public synchronized List<CallbackAttempt> callbacks() {
        return List.copyOf(callbacks);
    }

    /**
     * The bodies of the latest account inquiries that passed authentication (at most 1,000), oldest
     * first, as they arrived: everything the caller told the partner about the account's owner.
     */
    public synchronized List<String> inquiries() {
        return List.copyOf(inquiries);
    }

    /** Share (0-100) of transfers answered "pending" and settled later; chosen per reference, deterministically. */
    public void pendingPercent(int percent) {
        this.pendingPercent = percent(percent);
    }

    /** Share (0-100) of pending transfers that end failed instead of paid; chosen per reference. */
    public void failPercent(int percent) {
        this.failPercent = percent(percent);
    }

    public void settleAfter(Duration delay) {
        this.settleAfterMillis = delay.toMillis();
    }

    public void latency(Duration latency) {
        this.latencyMillis = latency.toMillis();
    }

    public void callbackMode(CallbackMode mode) {
        this.callbackMode = mode;
    }

    public void callbackDelay(Duration delay) {
        this.callbackDelayMillis = delay.toMillis();
    }

    /**
     * How long a transfer, credited at once, stays out of the partner's status inquiry ("not found"):
     * a partner whose inquiry reads a ledger that lags its transfers. 0 (the default) shows it at once.
     */
    public void recordAfter(Duration delay) {
        this.recordAfterMillis = delay.toMillis();
    }

    /**
     * Whether a transfer under a reference the partner already holds is refused for a limit (403,
     * "Exceeds Transaction Amount Limit") rather than answered as a duplicate (409): a partner that
     * checks the account's limit before its duplicate check, so a resend after a credit is refused
     * although the first transfer paid.
     */
    public void limitBeforeDuplicate(boolean on) {
        this.limitBeforeDuplicate = on;
    }

    /** Transfers and inquiries per second beyond which the partner answers 429; 0 turns it off. */
    public void rateLimit(int perSecond) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("perSecond must be >= 0");
        }
        this.rateLimitPerSecond = perSecond;
    }

    /** Makes the next settlement report of this transfer's day differ from the ledger. */
    public synchronized void discrepancy(String partnerReferenceNo, Discrepancy kind) {
        discrepancies.put(partnerReferenceNo, kind);
    }

    /** Settles every pending transfer now, instead of waiting for the partner. */
    public void settlePending() {
        List<String> pending;
        synchronized (this) {
            pending = payments.values().stream()
                    .filter(p -> p.status() == PaymentStatus.PENDING)
                    .map(PaymentRecord::partnerReferenceNo)
                    .toList();
        }
        pending.forEach(ref -> settle(ref, epoch.get()));
    }

    /** Forgets every issued access token, as when a partner rotates them: callers must fetch a new one. */
    public void revokeTokens() {
        tokens.clear();
    }

    /**
     * The partner's view of what it settled on one day (Jakarta time): every final transfer created
     * that day, with the discrepancies a test injected.
     */
    public synchronized List<SettlementLine> settlementReport(LocalDate day) {
        List<SettlementLine> lines = new ArrayList<>();
        for (String reference : paymentsByDay.getOrDefault(day, List.of())) {
            PaymentRecord p = payments.get(reference);
            if (p.status() == PaymentStatus.PENDING) {
                continue;
            }
            SettlementLine line = SettlementLine.of(p);
            Discrepancy d = discrepancies.get(reference);
            if (d == Discrepancy.MISSING) {
                continue;
            }
            if (d != null) {
                line = line.with(d);
            }
            lines.add(line);
        }
        discrepancies.forEach((reference, d) -> {
            if (d == Discrepancy.EXTRA && !payments.containsKey(reference)) {
                lines.add(new SettlementLine(reference, profile.referencePrefix() + "X" + Math.abs(reference.hashCode()),
                        "0000000000", 600_000, PaymentStatus.SUCCESS.snapCode(), SnapSignature.timestamp(
                        day.atTime(12, 0).toInstant(SnapSignature.WIB))));
            }
        });
        return lines;
    }

    /**
     * One line of a settlement report.
     *
     * @param status SNAP status code: {@code 00} paid, {@code 06} failed
     */
    public record SettlementLine(String partnerReferenceNo, String referenceNo, String destination, long amount,
                                 String status, String finishedTime) {

        static SettlementLine of(PaymentRecord p) {
            return new SettlementLine(p.partnerReferenceNo(), p.referenceNo(), p.destination(), p.amount(),
                    p.status().snapCode(), SnapSignature.timestamp(p.settledAt() != null ? p.settledAt() : p.createdAt()));
        }

        SettlementLine with(Discrepancy d) {
            return switch (d) {
                case AMOUNT -> new SettlementLine(partnerReferenceNo, referenceNo, destination, amount + 1_000, status, finishedTime);
                case ACCOUNT -> new SettlementLine(partnerReferenceNo, referenceNo, "9" + destination.substring(1), amount, status, finishedTime);
                case STATUS -> new SettlementLine(partnerReferenceNo, referenceNo, destination, amount,
                        PaymentStatus.SUCCESS.snapCode().equals(status) ? PaymentStatus.FAILED.snapCode()
                                : PaymentStatus.SUCCESS.snapCode(), finishedTime);
                default -> this;
            };
        }
    }

    @Override
    public void close() {
        super.close();
        scheduler.shutdownNow();
        http.close(org.apache.hc.core5.io.CloseMode.IMMEDIATE);
        synchronized (this) {
            if (accountsJournal != null) {
                accountsJournal.close();
                accountsJournal = null;
            }
            if (ledgerJournal != null) {
                ledgerJournal.close();
                ledgerJournal = null;
            }
        }
    }

    // ---- routes -------------------------------------------------------------------------------

    @Override
    protected void registerRoutes(Router router) {
        router.party("POST", PartnerProfile.TOKEN_PATH, stamped(this::accessToken));
        router.party("POST", profile.inquiryPath(), stamped(this::accountInquiry));
        router.party("POST", profile.transferPath(), stamped(this::transfer));
        router.party("POST", profile.statusPath(), stamped(this::transferStatus));
        router.party("POST", PartnerProfile.SETTLEMENT_PATH, stamped(this::settlementReportOverHttp));
        router.simulator("GET", "/_control/accounts", this::listAccounts);
        router.simulator("POST", "/_control/accounts", this::addAccountOverHttp);
        router.simulator("GET", "/_control/payments", this::listPayments);
        router.simulator("GET", "/_control/callbacks", this::listCallbacks);
        router.simulator("POST", "/_control/callback-url", this::setCallbackUrl);
        router.simulator("POST", "/_control/behaviour", this::setBehaviour);
        router.simulator("GET", "/_control/behaviour", r -> SimResponse.json(200, behaviour()));
        router.simulator("POST", "/_control/settlement-discrepancies", this::addDiscrepancy);
        router.simulator("POST", "/_control/settle", r -> {
            settlePending();
            return SimResponse.json(200, Map.of("status", "SETTLED"));
        });
    }

    /** Every SNAP answer, refusals included, carries the partner's X-TIMESTAMP. */
    private static id.go.prakerja.simulators.http.Handler stamped(id.go.prakerja.simulators.http.Handler handler) {
        return request -> {
            SimResponse response;
            try {
                response = handler.handle(request);
            } catch (HttpFailure failure) {
                response = failure.response();
            }
            return response.withHeader("X-TIMESTAMP", SnapSignature.timestampNow());
        };
    }

    @Override
    protected synchronized void resetState() {
        epoch.incrementAndGet();
        accounts.clear();
        if (accountsJournal != null) {
            accountsJournal.clear();
        }
        if (ledgerJournal != null) {
            ledgerJournal.clear();
        }
        seededAccounts.forEach(a -> accounts.put(a.key(), a));
        payments.clear();
        paymentOrder.clear();
        paymentsByDay.clear();
        externalIdsByDay.clear();
        discrepancies.clear();
        callbacks.clear();
        inquiries.clear();
        callbackUrl = defaultCallbackUrl;
        pendingPercent = profile.pendingPercent();
        failPercent = 0;
        settleAfterMillis = profile.settleAfterMillis();
        latencyMillis = simulateLatency ? profile.latencyMillis() : 0;
        callbackMode = CallbackMode.NORMAL;
        callbackDelayMillis = 5_000;
        rateLimitPerSecond = 0;
        recordAfterMillis = 0;
        limitBeforeDuplicate = false;
        // access tokens survive a reset: a reset is about business state, and a platform that
        // cached its token should not start failing because a test cleaned up
    }

    /** Faults answer in SNAP's format, with the service code of the endpoint that was called. */
    @Override
    protected SimResponse faultResponse(FaultMode mode, SimRequest request) {
        String svc = serviceCodeOf(request.path());
        SimResponse response = switch (mode) {
            case DOWN -> SnapFailure.response(503, svc, "00", "Service Unavailable");
            case ERROR, ERROR_AFTER_WORK -> SnapFailure.response(500, svc, "00", "General Error");
            case TIMEOUT -> SnapFailure.response(504, svc, "00", "Timeout");
            case RATE_LIMITED -> SnapFailure.response(429, svc, "00", "Too Many Requests").withHeader("Retry-After", "1");
            default -> throw new IllegalArgumentException(mode.name());
        };
        return response.withHeader("X-TIMESTAMP", SnapSignature.timestampNow());
    }

    private String serviceCodeOf(String path) {
        if (path.equals(PartnerProfile.TOKEN_PATH)) {
            return PartnerProfile.TOKEN_SERVICE_CODE;
        }
        if (path.equals(profile.inquiryPath())) {
            return profile.inquiryServiceCode();
        }
        if (path.equals(profile.transferPath())) {
            return profile.transferServiceCode();
        }
        if (path.equals(profile.statusPath())) {
            return profile.statusServiceCode();
        }
        if (path.equals(PartnerProfile.SETTLEMENT_PATH)) {
            return PartnerProfile.SETTLEMENT_SERVICE_CODE;
        }
        return "00";
    }

    // ---- SNAP endpoints -----------------------------------------------------------------------

    private SimResponse accessToken(SimRequest request) {
        String svc = PartnerProfile.TOKEN_SERVICE_CODE;
        simulateLatency();
        String clientKeyHeader = requiredHeader(request, "X-CLIENT-KEY", svc);
        String timestamp = checkedTimestamp(request, svc);
        String signature = requiredHeader(request, "X-SIGNATURE", svc);
        if (!Auth.constantTimeEquals(clientKeyHeader, clientId)) {
            throw SnapFailure.of(401, svc, "00", "Unauthorized. Unknown client");
        }
        if (!SnapSignature.verifyAccessToken(clientKey, clientId, timestamp, signature)) {
            throw SnapFailure.of(401, svc, "00", "Unauthorized. Signature");
        }
        JsonNode body = parseBody(request, svc);
        String grantType = text(body, "grantType", svc, true);
        if (!"client_credentials".equals(grantType)) {
            throw SnapFailure.format(svc, "grantType");
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = Instant.now();
        tokens.values().removeIf(expiry -> expiry.isBefore(now)); // keeps a long-running launcher lean
        tokens.put(token, now.plusSeconds(TOKEN_TTL_SECONDS));
        Map<String, Object> answer = success(200, svc);
        answer.put("accessToken", token);
        answer.put("tokenType", "Bearer");
        answer.put("expiresIn", String.valueOf(TOKEN_TTL_SECONDS));
        return SimResponse.json(200, answer);
    }

    private SimResponse accountInquiry(SimRequest request) {
        String svc = profile.inquiryServiceCode();
        JsonNode body = authenticate(request, svc);
        String partnerReferenceNo = text(body, "partnerReferenceNo", svc, false);
        String key = destination(body, svc);
        PartnerAccount account;
        synchronized (this) {
            if (inquiries.size() >= INQUIRIES_KEPT) {
                inquiries.removeFirst();
            }
            inquiries.addLast(request.bodyText());
            account = accounts.get(key);
        }
        if (account == null) {
            throw SnapFailure.of(404, svc, "11", "Invalid Account");
        }
        Map<String, Object> answer = success(200, svc);
        answer.put("referenceNo", nextReferenceNo());
        if (partnerReferenceNo != null) {
            answer.put("partnerReferenceNo", partnerReferenceNo);
        }
        if (profile.isBank()) {
            answer.put("beneficiaryAccountNo", account.accountNumber());
            answer.put("beneficiaryAccountName", account.ownerName());
            answer.put("beneficiaryAccountStatus", account.active() ? "ACTIVE" : "INACTIVE");
            answer.put("currency", "IDR");
        } else {
            answer.put("customerNumber", account.phone());
            answer.put("customerName", account.ownerName());
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("kycUpgraded", account.kycUpgraded());
        info.put("accountType", account.kycUpgraded() ? profile.upgradedAccountType() : profile.basicAccountType());
        info.put("accountStatus", account.active() ? "ACTIVE" : "INACTIVE");
        if (account.nik() != null) {
            info.put("maskedNik", Nik.mask(account.nik()));
        }
        Boolean nikMatch = nikMatch(body, account, svc);
        if (nikMatch != null) {
            info.put("nikMatch", nikMatch);
        }
        answer.put("additionalInfo", info);
        return SimResponse.json(200, answer);
    }

    private SimResponse transfer(SimRequest request) {
        String svc = profile.transferServiceCode();
        JsonNode body = authenticate(request, svc);
        String externalId = request.header("X-EXTERNAL-ID").trim();
        String reference = text(body, "partnerReferenceNo", svc, true);
        if (!REFERENCE.matcher(reference).matches()) {
            throw SnapFailure.format(svc, "partnerReferenceNo");
        }
        long amount = amount(body, svc);
        String destination = destination(body, svc);

        PaymentRecord record;
        synchronized (this) {
            PaymentRecord existing = payments.get(reference);
            if (existing != null) {
                if (limitBeforeDuplicate) {
                    throw SnapFailure.of(403, svc, "02", "Exceeds Transaction Amount Limit");
                }
                if (existing.amount() != amount || !existing.destination().equals(destination)) {
                    throw SnapFailure.of(404, svc, "18", "Inconsistent Request");
                }
                throw SnapFailure.of(409, svc, "01", "Duplicate partnerReferenceNo");
            }
            PartnerAccount account = accounts.get(destination);
            if (account == null) {
                throw SnapFailure.of(404, svc, "11", "Invalid Account");
            }
            if (!account.active()) {
                throw SnapFailure.of(403, svc, "18", "Inactive Account");
            }
            long limit = account.kycUpgraded() ? profile.perTransferLimit()
                    : Math.min(profile.perTransferLimit(), profile.basicAccountLimit());
            if (amount > limit) {
                throw SnapFailure.of(403, svc, "02", "Exceeds Transaction Amount Limit");
            }
            boolean pending = Math.floorMod(reference.hashCode(), 100) < pendingPercent;
            Instant now = Instant.now();
            record = new PaymentRecord(party(), reference, nextReferenceNo(), externalId, destination,
                    account.ownerName(), amount, pending ? PaymentStatus.PENDING : PaymentStatus.SUCCESS,
                    now, pending ? null : now, null);
            journal(record);
            payments.put(reference, record);
            paymentOrder.add(reference);
            paymentsByDay.computeIfAbsent(LocalDate.ofInstant(now, SnapSignature.WIB), d -> new ArrayList<>()).add(reference);
        }
        if (log.isDebugEnabled()) {
            log.debug("{} accepted transfer {} of Rp{} to {}: {}", party(), reference, amount,
                    maskDestination(destination), record.status());
        }
        if (record.status() == PaymentStatus.PENDING) {
            long scheduledIn = epoch.get();
            scheduler.schedule(() -> settle(reference, scheduledIn), settleAfterMillis, TimeUnit.MILLISECONDS);
        } else if (profile.callbackOnEveryTransfer()) {
            notifySettlement(record);
        }
        return transferAnswer(record, svc);
    }

    private SimResponse transferStatus(SimRequest request) {
        String svc = profile.statusServiceCode();
        JsonNode body = authenticate(request, svc);
        String reference = text(body, "originalPartnerReferenceNo", svc, true);
        String serviceCode = text(body, "serviceCode", svc, true);
        if (!profile.transferServiceCode().equals(serviceCode)) {
            throw SnapFailure.format(svc, "serviceCode");
        }
        long hiddenFor = recordAfterMillis;
        PaymentRecord record = payment(reference)
                .filter(r -> hiddenFor == 0 || r.createdAt().plusMillis(hiddenFor).isBefore(Instant.now()))
                .orElseThrow(() -> SnapFailure.of(404, svc, "01", "Transaction Not Found"));
        Map<String, Object> answer = success(200, svc);
        answer.put("originalReferenceNo", record.referenceNo());
        answer.put("originalPartnerReferenceNo", record.partnerReferenceNo());
        answer.put("originalExternalId", record.externalId());
        answer.put("serviceCode", profile.transferServiceCode());
        answer.put("transactionDate", SnapSignature.timestamp(record.createdAt()));
        answer.put("amount", money(record.amount()));
        answer.put(profile.isBank() ? "beneficiaryAccountNo" : "customerNumber", record.destination());
        answer.put("latestTransactionStatus", record.status().snapCode());
        answer.put("transactionStatusDesc", record.status().description());
        if (record.failureCode() != null) {
            answer.put("additionalInfo", Map.of("failureCode", record.failureCode()));
        }
        return SimResponse.json(200, answer);
    }

    private SimResponse settlementReportOverHttp(SimRequest request) {
        String svc = PartnerProfile.SETTLEMENT_SERVICE_CODE;
        JsonNode body = authenticate(request, svc);
        String dateText = text(body, "settlementDate", svc, true);
        LocalDate day;
        try {
            day = LocalDate.parse(dateText);
        } catch (DateTimeParseException e) {
            throw SnapFailure.format(svc, "settlementDate");
        }
        int page = body.path("page").isInt() ? body.path("page").asInt() : 0;
        int size = body.path("size").isInt() ? body.path("size").asInt() : 1_000;
        if (page < 0 || size < 1 || size > 10_000) {
            throw SnapFailure.format(svc, "page/size");
        }
        List<SettlementLine> all = settlementReport(day);
        int from = (int) Math.min((long) page * size, all.size());
        Map<String, Object> answer = success(200, svc);
        answer.put("settlementDate", day.toString());
        answer.put("page", page);
        answer.put("size", size);
        answer.put("totalItems", all.size());
        answer.put("items", all.subList(from, Math.min(all.size(), from + size)).stream().map(l -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("partnerReferenceNo", l.partnerReferenceNo());
            item.put("referenceNo", l.referenceNo());
            item.put(profile.isBank() ? "beneficiaryAccountNo" : "customerNumber", l.destination());
            item.put("amount", money(l.amount()));
            item.put("latestTransactionStatus", l.status());
            item.put("finishedTime", l.finishedTime());
            return item;
        }).toList());
        return SimResponse.json(200, answer);
    }

    private SimResponse transferAnswer(PaymentRecord record, String svc) {
        boolean pending = record.status() == PaymentStatus.PENDING;
        int status = pending ? 202 : 200;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("responseCode", PartnerProfile.code(status, svc, "00"));
        answer.put("responseMessage", pending ? "Request In Progress" : "Successful");
        answer.put("referenceNo", record.referenceNo());
        answer.put("partnerReferenceNo", record.partnerReferenceNo());
        answer.put("amount", money(record.amount()));
        if (profile.isBank()) {
            answer.put("beneficiaryAccountNo", record.destination());
        } else {
            answer.put("customerNumber", record.destination());
        }
        answer.put("transactionDate", SnapSignature.timestamp(record.createdAt()));
        return SimResponse.json(status, answer);
    }

    // ---- SNAP request checks ------------------------------------------------------------------

    /** Token, timestamp, partner id, channel, external id and signature; returns the parsed body. */
    private JsonNode authenticate(SimRequest request, String svc) {
        simulateLatency();
        String token = Auth.bearerToken(request)
                .orElseThrow(() -> SnapFailure.of(401, svc, "01", "Invalid Token (B2B)"));
        Instant expiry = tokens.get(token);
        if (expiry == null || expiry.isBefore(Instant.now())) {
            throw SnapFailure.of(401, svc, "01", "Invalid Token (B2B)");
        }
        String timestamp = checkedTimestamp(request, svc);
        String partnerId = requiredHeader(request, "X-PARTNER-ID", svc);
        if (!partnerId.equals(clientId)) {
            throw SnapFailure.of(401, svc, "00", "Unauthorized. Unknown X-PARTNER-ID");
        }
        requiredHeader(request, "CHANNEL-ID", svc);
        String externalId = requiredHeader(request, "X-EXTERNAL-ID", svc);
        if (!NUMERIC_EXTERNAL_ID.matcher(externalId).matches()) {
            throw SnapFailure.format(svc, "X-EXTERNAL-ID");
        }
        String signature = requiredHeader(request, "X-SIGNATURE", svc);
        String expected = SnapSignature.sign(clientSecret, request.method(), request.pathWithQuery(), token,
                request.bodyText(), timestamp);
        if (!SnapSignature.matches(expected, signature)) {
            throw SnapFailure.of(401, svc, "00", "Unauthorized. Signature");
        }
        throttle(svc);
        // X-EXTERNAL-ID is unique per day: any second use is a conflict, even of the same message
        LocalDate today = LocalDate.now(SnapSignature.WIB);
        synchronized (this) {
            if (!externalIdsByDay.containsKey(today)) {
                externalIdsByDay.keySet().removeIf(day -> day.isBefore(today.minusDays(1)));
            }
            if (!externalIdsByDay.computeIfAbsent(today, d -> new HashSet<>()).add(externalId)) {
                throw SnapFailure.of(409, svc, "00", "Conflict. X-EXTERNAL-ID already used today");
            }
        }
        return parseBody(request, svc);
    }

    /** The contracted rate, when enforced: 429 with Retry-After beyond it in the current second. */
    private void throttle(String svc) {
        int limit = rateLimitPerSecond;
        if (limit <= 0) {
            return;
        }
        long second = System.currentTimeMillis() / 1000;
        synchronized (this) {
            if (second != rateWindowSecond) {
                rateWindowSecond = second;
                rateWindowCount = 0;
            }
            if (++rateWindowCount > limit) {
                throw new HttpFailure(SnapFailure.response(429, svc, "00", "Too Many Requests").withHeader("Retry-After", "1"));
            }
        }
    }

    private static String checkedTimestamp(SimRequest request, String svc) {
        String timestamp = requiredHeader(request, "X-TIMESTAMP", svc);
        Instant at;
        try {
            at = SnapSignature.parseTimestamp(timestamp);
        } catch (DateTimeParseException e) {
            throw SnapFailure.format(svc, "X-TIMESTAMP");
        }
        Duration skew = Duration.between(at, Instant.now()).abs();
        if (skew.compareTo(TIMESTAMP_WINDOW) > 0) {
            throw SnapFailure.of(401, svc, "00", "Unauthorized. X-TIMESTAMP outside the allowed window");
        }
        return timestamp;
    }

    private static String requiredHeader(SimRequest request, String name, String svc) {
        String value = request.header(name);
        if (value == null || value.isBlank()) {
            throw SnapFailure.mandatory(svc, name);
        }
        return value.trim();
    }

    private static JsonNode parseBody(SimRequest request, String svc) {
        try {
            JsonNode body = Json.mapper().readTree(request.body());
            if (body == null || !body.isObject()) {
                throw SnapFailure.format(svc, "request body");
            }
            return body;
        } catch (JacksonException e) {
            throw SnapFailure.format(svc, "request body");
        }
    }

    private static String text(JsonNode body, String field, String svc, boolean required) {
        JsonNode n = body.path(field);
        if (n.isMissingNode() || n.isNull() || (n.isString() && n.asString().isBlank())) {
            if (required) {
                throw SnapFailure.mandatory(svc, field);
            }
            return null;
        }
        if (!n.isString()) {
            throw SnapFailure.format(svc, field);
        }
        return n.asString().trim();
    }

    /** The account key a request names: account number (BNI) or national-format phone (e-wallets). */
    private String destination(JsonNode body, String svc) {
        if (profile.isBank()) {
            String field = "beneficiaryAccountNo";
            String number = text(body, field, svc, true);
            if (!ACCOUNT_NUMBER.matcher(number).matches()) {
                throw SnapFailure.format(svc, field);
            }
            return number;
        }
        String phone = text(body, "customerNumber", svc, true);
        if (profile.nationalPhoneFormatOnly()) {
            if (!PhoneNumbers.isNationalMobile(phone)) {
                throw SnapFailure.of(400, svc, "01", "Invalid Field Format customerNumber (expected 08…)");
            }
            return phone;
        }
        return PhoneNumbers.toNational(phone).orElseThrow(() -> SnapFailure.format(svc, "customerNumber"));
    }

    /** Whole rupiah from {@code {"value":"600000.00","currency":"IDR"}}; cents must be zero. */
    private static long amount(JsonNode body, String svc) {
        JsonNode amount = body.path("amount");
        if (!amount.isObject()) {
            throw SnapFailure.mandatory(svc, "amount");
        }
        String value = text(amount, "value", svc, true);
        String currency = text(amount, "currency", svc, true);
        if (!"IDR".equals(currency)) {
            throw SnapFailure.format(svc, "amount.currency");
        }
        if (!AMOUNT.matcher(value).matches()) {
            throw SnapFailure.format(svc, "amount.value");
        }
        BigDecimal decimal = new BigDecimal(value);
        if (decimal.signum() <= 0 || decimal.stripTrailingZeros().scale() > 0) {
            throw SnapFailure.format(svc, "amount.value");
        }
        return decimal.longValueExact();
    }

    /** True/false when the caller sent {@code additionalInfo.nik} or {@code additionalInfo.nikHash}, else null. */
    private static Boolean nikMatch(JsonNode body, PartnerAccount account, String svc) {
        JsonNode info = body.path("additionalInfo");
        String nik = info.isObject() ? text(info, "nik", svc, false) : null;
        String nikHash = info.isObject() ? text(info, "nikHash", svc, false) : null;
        if (nik != null && !NIK.matcher(nik).matches()) {
            throw SnapFailure.format(svc, "additionalInfo.nik");
        }
        if (nikHash != null && !HEX_SHA256.matcher(nikHash).matches()) {
            throw SnapFailure.format(svc, "additionalInfo.nikHash");
        }
        if (nik == null && nikHash == null) {
            return null;
        }
        if (account.nik() == null) {
            return false; // never KYC'd: the partner cannot vouch for anyone's NIK
        }
        return nik != null ? nik.equals(account.nik()) : nikHash.equalsIgnoreCase(SnapSignature.sha256Hex(account.nik()));
    }

    private void simulateLatency() {
        long millis = latencyMillis;
        if (millis > 0) {
            try {
                // +-25% jitter: partners are never exactly on time
                Thread.sleep(millis * 3 / 4 + (long) (Math.random() * millis / 2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Map<String, Object> success(int status, String svc) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("responseCode", PartnerProfile.code(status, svc, "00"));
        answer.put("responseMessage", "Successful");
        return answer;
    }

    private static Map<String, String> money(long rupiah) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("value", rupiah + ".00");
        m.put("currency", "IDR");
        return m;
    }

    private String nextReferenceNo() {
        String sequence = Long.toString(referenceSequence.incrementAndGet());
        String day = LocalDate.now(SnapSignature.WIB).format(YYYYMMDD);
        return profile.referencePrefix() + day + "0".repeat(Math.max(0, 8 - sequence.length())) + sequence;
    }

    private static String maskDestination(String destination) {
        return destination.length() <= 4 ? "****" : "*".repeat(destination.length() - 4)
                + destination.substring(destination.length() - 4);
    }

    private static int percent(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 0..100");
        }
        return percent;
    }

    // ---- settlement and callbacks -------------------------------------------------------------

    private void settle(String reference, long scheduledIn) {
        PaymentRecord settled;
        synchronized (this) {
            if (epoch.get() != scheduledIn) {
                return; // a reset happened since: that transfer no longer exists
            }
            PaymentRecord record = payments.get(reference);
            if (record == null || record.status() != PaymentStatus.PENDING) {
                return;
            }
            // a different hash than the pending choice, so that failing is independent of pending
            boolean fails = Math.floorMod((reference + "#fail").hashCode(), 100) < failPercent;
            settled = fails ? record.failed(Instant.now(), PartnerProfile.code(403, profile.transferServiceCode(), "02"))
                    : record.settled(Instant.now());
            journal(settled);
            payments.put(reference, settled);
        }
        log.debug("{} settled pending transfer {}: {}", party(), reference, settled.status());
        notifySettlement(settled);
    }

    private void notifySettlement(PaymentRecord record) {
        String url = callbackUrl;
        if (url == null) {
            return;
        }
        CallbackMode mode = callbackMode;
        switch (mode) {
            case LOST -> {
                // the partner believes it sent it
            }
            case DELAYED -> scheduler.schedule(() -> Thread.ofVirtual().start(() -> deliver(url, record, mode)),
                    callbackDelayMillis, TimeUnit.MILLISECONDS);
            default -> Thread.ofVirtual().start(() -> deliver(url, record, mode));
        }
    }

    /**
     * POSTs the notification, signed like a service call with an empty access token, retrying a
     * failed delivery a few times; partners with {@code callbackCopies > 1} deliver it again even
     * after success, as at-least-once senders do.
     */
    private void deliver(String url, PaymentRecord record, CallbackMode mode) {
        String body = Json.writeString(callbackBody(record, record.status()));
        String externalId = String.valueOf(callbackSequence.incrementAndGet() * 1_000 + RANDOM.nextInt(1_000));
        int copies = profile.callbackCopies() + (mode == CallbackMode.DUPLICATED ? 2 : 0);
        send(url, record, body, externalId, copies, mode == CallbackMode.BAD_SIGNATURE ? "not-" + clientSecret : clientSecret);
        if (mode == CallbackMode.OUT_OF_ORDER) {
            String stale = Json.writeString(callbackBody(record, PaymentStatus.PENDING));
            send(url, record, stale, String.valueOf(callbackSequence.incrementAndGet() * 1_000 + RANDOM.nextInt(1_000)),
                    1, clientSecret);
        }
    }

    private void send(String url, PaymentRecord record, String body, String externalId, int copies, String secret) {
        URI uri = URI.create(url);
        String relativeUrl = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
        int attempt = 0;
        for (int copy = 0; copy < copies; copy++) {
            for (int tries = 0; tries < 3; tries++) {
                attempt++;
                String timestamp = SnapSignature.timestampNow();
                int status = post(uri, body, timestamp, externalId,
                        SnapSignature.sign(secret, "POST", relativeUrl, "", body, timestamp));
                synchronized (this) {
                    if (callbacks.size() >= CALLBACKS_KEPT) {
                        callbacks.removeFirst();
                    }
                    callbacks.addLast(new CallbackAttempt(url, record.partnerReferenceNo(), attempt, status, body, Instant.now()));
                }
                if (status >= 200 && status < 500) {
                    break; // delivered, or refused for good: a partner does not retry a 4xx
                }
                try {
                    Thread.sleep(300L * (tries + 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private int post(URI uri, String body, String timestamp, String externalId, String signature) {
        HttpPost request = new HttpPost(uri);
        request.setHeader("X-TIMESTAMP", timestamp);
        request.setHeader("X-PARTNER-ID", clientId);
        request.setHeader("X-EXTERNAL-ID", externalId);
        request.setHeader("CHANNEL-ID", "95221");
        request.setHeader("X-SIGNATURE", signature);
        request.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON));
        try {
            return http.execute(request, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
        } catch (IOException e) {
            log.info("{} callback to {} failed: {}", party(), uri, e.toString());
            return -1;
        }
    }

    private Map<String, Object> callbackBody(PaymentRecord record, PaymentStatus status) {
        Map<String, Object> body = new LinkedHashMap<>();
        String finished = SnapSignature.timestamp(record.settledAt() != null ? record.settledAt() : Instant.now());
        if (profile.callbackShape() == PartnerProfile.CallbackShape.GOPAY) {
            body.put("transactionId", record.referenceNo());
            body.put("partnerReferenceNo", record.partnerReferenceNo());
            body.put("status", switch (status) {
                case SUCCESS -> "SETTLEMENT";
                case PENDING -> "PENDING";
                case FAILED -> "FAILURE";
            });
            body.put("grossAmount", money(record.amount()));
            body.put("customerNumber", record.destination());
            body.put("settlementTime", finished);
            return body;
        }
        body.put("originalPartnerReferenceNo", record.partnerReferenceNo());
        body.put("originalReferenceNo", record.referenceNo());
        body.put("originalExternalId", record.externalId());
        body.put("serviceCode", profile.transferServiceCode());
        body.put("latestTransactionStatus", status.snapCode());
        body.put("transactionStatusDesc", status.description());
        body.put("amount", money(record.amount()));
        body.put(profile.isBank() ? "beneficiaryAccountNo" : "customerNumber", record.destination());
        body.put("finishedTime", finished);
        return body;
    }

    // ---- controls over HTTP -------------------------------------------------------------------

    private SimResponse listAccounts(SimRequest request) {
        Optional<String> nik = request.query("nik");
        List<PartnerAccount> all = nik.map(this::accountsOf).orElseGet(this::accounts);
        int limit = Math.min(request.intQuery("limit", 20), 1_000);
        int from = Math.min(request.intQuery("offset", 0), all.size());
        return SimResponse.json(200, all.subList(from, Math.min(all.size(), from + limit)));
    }

    /** {@code ?partnerReferenceNo=} for one transfer, else a page ({@code offset}, {@code limit} up to 10,000) and the total. */
    private SimResponse listPayments(SimRequest request) {
        Optional<String> reference = request.query("partnerReferenceNo");
        if (reference.isPresent()) {
            return SimResponse.json(200, payment(reference.get()).map(List::of).orElse(List.of()));
        }
        int limit = Math.min(request.intQuery("limit", 100), 10_000);
        int offset = request.intQuery("offset", 0);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("total", paymentCount());
        page.put("offset", offset);
        page.put("items", payments(offset, limit));
        return SimResponse.json(200, page);
    }

    private SimResponse listCallbacks(SimRequest request) {
        List<CallbackAttempt> all = callbacks();
        int limit = Math.min(request.intQuery("limit", 100), 10_000);
        int from = Math.min(request.intQuery("offset", 0), all.size());
        return SimResponse.json(200, all.subList(from, Math.min(all.size(), from + limit)));
    }

    private SimResponse addAccountOverHttp(SimRequest request) {
        JsonFields f = request.fields();
        String accountNumber = f.optionalText("accountNumber");
        String phone = f.optionalText("phone");
        String ownerName = f.requiredText("ownerName", 120);
        String nik = f.optionalText("nik");
        boolean kyc = f.optionalBoolean("kycUpgraded", true);
        boolean active = f.optionalBoolean("active", true);
        if (profile.isBank() && (accountNumber == null || !ACCOUNT_NUMBER.matcher(accountNumber).matches())) {
            f.reject("accountNumber", "is required for " + party() + ": 6 to 20 digits");
        }
        if (!profile.isBank() && (phone == null || PhoneNumbers.toNational(phone).isEmpty())) {
            f.reject("phone", "is required for " + party() + ": an Indonesian mobile number");
        }
        if (nik != null && !NIK.matcher(nik).matches()) {
            f.reject("nik", "must be 16 digits");
        }
        f.throwIfInvalid();
        PartnerAccount added = addAccount(new PartnerAccount(
                profile.isBank() ? accountNumber : null, profile.isBank() ? null : phone, ownerName, nik, kyc, active));
        return SimResponse.json(201, added);
    }

    private SimResponse setCallbackUrl(SimRequest request) {
        JsonFields f = request.fields();
        String url = f.optionalUrl("url"); // null or absent stops callbacks
        f.throwIfInvalid();
        callbackUrl(url);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("url", callbackUrl);
        return SimResponse.json(200, answer);
    }

    private SimResponse setBehaviour(SimRequest request) {
        JsonFields f = request.fields();
        Integer pending = f.optionalInt("pendingPercent", 0, 100);
        Integer fail = f.optionalInt("failPercent", 0, 100);
        Long settle = f.optionalLong("settleAfterMillis", 0, 600_000);
        Long latency = f.optionalLong("latencyMillis", 0, 600_000);
        Long callbackDelay = f.optionalLong("callbackDelayMillis", 0, 600_000);
        Integer rate = f.optionalInt("rateLimitPerSecond", 0, 1_000_000);
        Long recordAfter = f.optionalLong("recordAfterMillis", 0, 600_000);
        boolean limitFirst = f.optionalBoolean("limitBeforeDuplicate", limitBeforeDuplicate);
        String mode = f.optionalText("callbackMode");
        CallbackMode callbacks = null;
        if (mode != null) {
            try {
                callbacks = CallbackMode.valueOf(mode.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                f.reject("callbackMode", "must be one of " + java.util.Arrays.toString(CallbackMode.values()));
            }
        }
        f.throwIfInvalid();
        if (pending != null) {
            pendingPercent(pending);
        }
        if (fail != null) {
            failPercent(fail);
        }
        if (settle != null) {
            settleAfter(Duration.ofMillis(settle));
        }
        if (latency != null) {
            latency(Duration.ofMillis(latency));
        }
        if (callbackDelay != null) {
            callbackDelay(Duration.ofMillis(callbackDelay));
        }
        if (rate != null) {
            rateLimit(rate);
        }
        if (recordAfter != null) {
            recordAfter(Duration.ofMillis(recordAfter));
        }
        limitBeforeDuplicate(limitFirst);
        if (callbacks != null) {
            callbackMode(callbacks);
        }
        return SimResponse.json(200, behaviour());
    }

    private SimResponse addDiscrepancy(SimRequest request) {
        JsonFields f = request.fields();
        String reference = f.requiredText("partnerReferenceNo", 64);
        String kind = f.requiredText("kind", 20);
        Discrepancy d = null;
        if (kind != null) {
            try {
                d = Discrepancy.valueOf(kind.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                f.reject("kind", "must be one of " + java.util.Arrays.toString(Discrepancy.values()));
            }
        }
        f.throwIfInvalid();
        discrepancy(reference, d);
        return SimResponse.json(200, Map.of("partnerReferenceNo", reference, "kind", d));
    }

    private Map<String, Object> behaviour() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("pendingPercent", pendingPercent);
        b.put("failPercent", failPercent);
        b.put("settleAfterMillis", settleAfterMillis);
        b.put("latencyMillis", latencyMillis);
        b.put("recordAfterMillis", recordAfterMillis);
        b.put("limitBeforeDuplicate", limitBeforeDuplicate);
        b.put("callbackMode", callbackMode);
        b.put("callbackDelayMillis", callbackDelayMillis);
        b.put("rateLimitPerSecond", rateLimitPerSecond);
        b.put("contractedRatePerSecond", profile.contractedRatePerSecond());
        return b;
    }

    private PartnerAccount normalize(PartnerAccount a) {
        if (a.ownerName() == null || a.ownerName().isBlank()) {
            throw new IllegalArgumentException("ownerName is required");
        }
        if (profile.isBank()) {
            if (a.accountNumber() == null || !ACCOUNT_NUMBER.matcher(a.accountNumber()).matches()) {
                throw new IllegalArgumentException(party() + " accounts need a 6-20 digit account number");
            }
            return new PartnerAccount(a.accountNumber(), null, a.ownerName(), a.nik(), a.kycUpgraded(), a.active());
        }
        String phone = PhoneNumbers.toNational(a.phone()).orElseThrow(
                () -> new IllegalArgumentException(party() + " accounts need an Indonesian mobile number"));
        return new PartnerAccount(null, phone, a.ownerName(), a.nik(), a.kycUpgraded(), a.active());
    }
}
