package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.FaultMode;
import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.Simulator;
import id.go.prakerja.simulators.http.Auth;
import id.go.prakerja.simulators.http.Json;
import id.go.prakerja.simulators.http.JsonFields;
import id.go.prakerja.simulators.http.Router;
import id.go.prakerja.simulators.http.SimRequest;
import id.go.prakerja.simulators.http.SimResponse;
import id.go.prakerja.simulators.population.Nik;
import id.go.prakerja.simulators.population.PhoneNumbers;
import id.go.prakerja.simulators.population.Resident;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * One payment partner speaking SNAP, shaped by its {@link PartnerProfile}.
 *
 * <p>Money rules it enforces, because the platform's must hold against them: {@code partnerReferenceNo}
 * is the idempotency key (a repeat returns the original result and never pays twice; the same
 * reference with another amount or destination is refused as a duplicate); refused transfers do not
 * consume the reference; a TIMEOUT fault pays and then withholds the answer, so only a status
 * inquiry tells the truth.
 */
public final class PaymentPartnerSimulator extends Simulator {

    public static final long TOKEN_TTL_SECONDS = 900;
    /** How far X-TIMESTAMP may be from the partner's clock before a request is refused. */
    public static final Duration TIMESTAMP_WINDOW = Duration.ofMinutes(15);

    private static final Pattern AMOUNT = Pattern.compile("\\d{1,13}\\.\\d{2}");
    private static final Pattern ACCOUNT_NUMBER = Pattern.compile("\\d{6,20}");
    private static final Pattern NIK = Pattern.compile("\\d{16}");
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PartnerProfile profile;
    private final String clientId;
    private final String clientSecret;
    private final boolean simulateLatency;
    private final List<PartnerAccount> seededAccounts;

    /** These three are guarded by {@code this}: check-then-insert must be atomic to pay only once. */
    private final Map<String, PartnerAccount> accounts = new LinkedHashMap<>();
    private final Map<String, PaymentRecord> payments = new LinkedHashMap<>();
    private final Map<String, String> externalIds = new HashMap<>();

    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final List<CallbackAttempt> callbacks = new CopyOnWriteArrayList<>();
    private final AtomicLong referenceSequence = new AtomicLong();
    /** Bumped by reset so settlements scheduled before it are dropped. */
    private final AtomicLong epoch = new AtomicLong();
    private final ScheduledExecutorService scheduler;
    private final HttpClient http;

    private volatile String callbackUrl;
    private volatile int pendingPercent;
    private volatile long settleAfterMillis;
    private volatile long latencyMillis;

    public PaymentPartnerSimulator(Party party, String clientId, String clientSecret, List<Resident> population,
                                   long seed, boolean simulateLatency) {
        super(party);
        this.profile = PartnerProfile.of(party);
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.simulateLatency = simulateLatency;
        this.seededAccounts = PartnerAccounts.seed(profile, population, seed);
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "sim-" + party.slug() + "-settlement");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
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
        accounts.put(normalized.key(), normalized);
        return normalized;
    }

    /** Every accepted transfer, oldest first: lets a test assert "paid exactly once". */
    public synchronized List<PaymentRecord> payments() {
        return List.copyOf(payments.values());
    }

    public synchronized Optional<PaymentRecord> payment(String partnerReferenceNo) {
        return Optional.ofNullable(payments.get(partnerReferenceNo));
    }

    /** Where settlement notifications go; null stops them. */
    public void callbackUrl(String url) {
        this.callbackUrl = url == null || url.isBlank() ? null : URI.create(url).toString();
    }

    public String callbackUrl() {
        return callbackUrl;
    }

    public List<CallbackAttempt> callbacks() {
        return List.copyOf(callbacks);
    }

    /** Share (0-100) of transfers answered "pending" and settled later; chosen per reference, deterministically. */
    public void pendingPercent(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 0..100");
        }
        this.pendingPercent = percent;
    }

    public void settleAfter(Duration delay) {
        this.settleAfterMillis = delay.toMillis();
    }

    public void latency(Duration latency) {
        this.latencyMillis = latency.toMillis();
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

    @Override
    public void close() {
        super.close();
        scheduler.shutdownNow();
    }

    // ---- routes -------------------------------------------------------------------------------

    @Override
    protected void registerRoutes(Router router) {
        router.party("POST", PartnerProfile.TOKEN_PATH, this::accessToken);
        router.party("POST", profile.inquiryPath(), this::accountInquiry);
        router.party("POST", profile.transferPath(), this::transfer);
        router.party("POST", PartnerProfile.STATUS_PATH, this::transferStatus);
        router.simulator("GET", "/_control/accounts", this::listAccounts);
        router.simulator("POST", "/_control/accounts", this::addAccountOverHttp);
        router.simulator("GET", "/_control/payments", r -> SimResponse.json(200, payments()));
        router.simulator("GET", "/_control/callbacks", r -> SimResponse.json(200, callbacks()));
        router.simulator("POST", "/_control/callback-url", this::setCallbackUrl);
        router.simulator("POST", "/_control/behaviour", this::setBehaviour);
        router.simulator("POST", "/_control/settle", r -> {
            settlePending();
            return SimResponse.json(200, Map.of("status", "SETTLED"));
        });
    }

    @Override
    protected synchronized void resetState() {
        epoch.incrementAndGet();
        accounts.clear();
        seededAccounts.forEach(a -> accounts.put(a.key(), a));
        payments.clear();
        externalIds.clear();
        callbacks.clear();
        callbackUrl = null;
        pendingPercent = profile.pendingPercent();
        settleAfterMillis = profile.settleAfterMillis();
        latencyMillis = simulateLatency ? profile.latencyMillis() : 0;
        // access tokens survive a reset: a reset is about business state, and a platform that
        // cached its token should not start failing because a test cleaned up
    }

    /** Faults answer in SNAP's format, with the service code of the endpoint that was called. */
    @Override
    protected SimResponse faultResponse(FaultMode mode, SimRequest request) {
        String svc = serviceCodeOf(request.path());
        return switch (mode) {
            case DOWN -> SnapFailure.response(503, svc, "00", "Service Unavailable");
            case ERROR -> SnapFailure.response(500, svc, "00", "General Error");
            case TIMEOUT -> SnapFailure.response(504, svc, "00", "Timeout");
            default -> throw new IllegalArgumentException(mode.name());
        };
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
        if (path.equals(PartnerProfile.STATUS_PATH)) {
            return profile.statusServiceCode();
        }
        return "00";
    }

    // ---- SNAP endpoints -----------------------------------------------------------------------

    private SimResponse accessToken(SimRequest request) {
        String svc = PartnerProfile.TOKEN_SERVICE_CODE;
        simulateLatency();
        String clientKey = requiredHeader(request, "X-CLIENT-KEY", svc);
        String timestamp = checkedTimestamp(request, svc);
        String signature = requiredHeader(request, "X-SIGNATURE", svc);
        if (!Auth.constantTimeEquals(clientKey, clientId)) {
            throw SnapFailure.of(401, svc, "00", "Unauthorized. Unknown client");
        }
        if (!SnapSignature.matches(SnapSignature.accessTokenSignature(clientSecret, clientId, timestamp), signature)) {
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
        String key = destination(body, svc, true);
        PartnerAccount account;
        synchronized (this) {
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
            answer.put("beneficiaryBankCode", PartnerProfile.BNI_BANK_CODE);
            answer.put("beneficiaryBankName", profile.partnerName());
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
        String externalId = request.header("X-EXTERNAL-ID");
        String reference = text(body, "partnerReferenceNo", svc, true);
        if (reference.length() > 64) {
            throw SnapFailure.format(svc, "partnerReferenceNo");
        }
        long amount = amount(body, svc);
        String destination = destination(body, svc, false);

        PaymentRecord record;
        boolean repeat;
        synchronized (this) {
            PaymentRecord existing = payments.get(reference);
            if (existing != null) {
                if (existing.amount() != amount || !existing.destination().equals(destination)) {
                    throw SnapFailure.of(409, svc, "00", "Duplicate partnerReferenceNo");
                }
                record = existing;
                repeat = true;
            } else {
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
                record = new PaymentRecord(party(), reference, nextReferenceNo(), externalId, destination,
                        account.ownerName(), amount, pending ? PaymentStatus.PENDING : PaymentStatus.SUCCESS,
                        Instant.now(), pending ? null : Instant.now());
                payments.put(reference, record);
                repeat = false;
            }
        }
        if (!repeat) {
            log.info("{} accepted transfer {} of Rp{} to {}: {}", party(), reference, amount,
                    maskDestination(destination), record.status());
            if (record.status() == PaymentStatus.PENDING) {
                long scheduledIn = epoch.get();
                scheduler.schedule(() -> settle(reference, scheduledIn), settleAfterMillis, TimeUnit.MILLISECONDS);
            } else if (profile.callbackOnEveryTransfer()) {
                notifySettlement(record);
            }
        }
        return transferAnswer(record, svc);
    }

    private SimResponse transferStatus(SimRequest request) {
        String svc = profile.statusServiceCode();
        JsonNode body = authenticate(request, svc);
        String reference = text(body, "originalPartnerReferenceNo", svc, true);
        PaymentRecord record = payment(reference)
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
            answer.put("beneficiaryBankCode", PartnerProfile.BNI_BANK_CODE);
        } else {
            answer.put("customerNumber", record.destination());
        }
        answer.put("transactionDate", SnapSignature.timestamp(record.createdAt()));
        return SimResponse.json(status, answer);
    }

    // ---- SNAP request checks ------------------------------------------------------------------

    /** Token, timestamp, partner id, external id and signature; returns the parsed body. */
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
        String externalId = requiredHeader(request, "X-EXTERNAL-ID", svc);
        if (externalId.length() > 36) {
            throw SnapFailure.format(svc, "X-EXTERNAL-ID");
        }
        String signature = requiredHeader(request, "X-SIGNATURE", svc);
        String expected = SnapSignature.sign(clientSecret, request.method(), request.pathWithQuery(), token,
                request.bodyText(), timestamp);
        if (!SnapSignature.matches(expected, signature)) {
            throw SnapFailure.of(401, svc, "00", "Unauthorized. Signature");
        }
        // X-EXTERNAL-ID is unique per day; re-sending the very same message is a retry, not a conflict
        String day = LocalDate.now(SnapSignature.WIB).toString();
        String bodyHash = SnapSignature.sha256Hex(SnapSignature.minify(request.bodyText()));
        synchronized (this) {
            String previous = externalIds.putIfAbsent(day + "|" + externalId, request.path() + "|" + bodyHash);
            if (previous != null && !previous.equals(request.path() + "|" + bodyHash)) {
                throw SnapFailure.of(409, svc, "01", "Conflict. X-EXTERNAL-ID already used today");
            }
        }
        return parseBody(request, svc);
    }

    private static String checkedTimestamp(SimRequest request, String svc) {
        String timestamp = requiredHeader(request, "X-TIMESTAMP", svc);
        OffsetDateTime at;
        try {
            at = OffsetDateTime.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw SnapFailure.format(svc, "X-TIMESTAMP");
        }
        Duration skew = Duration.between(at.toInstant(), Instant.now()).abs();
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
    private String destination(JsonNode body, String svc, boolean inquiry) {
        if (profile.isBank()) {
            String field = "beneficiaryAccountNo";
            String number = text(body, field, svc, true);
            if (!ACCOUNT_NUMBER.matcher(number).matches()) {
                throw SnapFailure.format(svc, field);
            }
            String bankCode = text(body, "beneficiaryBankCode", svc, !inquiry);
            if (bankCode != null && !bankCode.equals(PartnerProfile.BNI_BANK_CODE)) {
                // the simulator only holds BNI's own accounts
                throw SnapFailure.of(404, svc, "11", "Invalid Account");
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
        return profile.referencePrefix() + LocalDate.now(SnapSignature.WIB).format(YYYYMMDD)
                + String.format("%08d", referenceSequence.incrementAndGet());
    }

    private static String maskDestination(String destination) {
        return destination.length() <= 4 ? "****" : "*".repeat(destination.length() - 4)
                + destination.substring(destination.length() - 4);
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
            settled = record.settled(Instant.now());
            payments.put(reference, settled);
        }
        log.info("{} settled pending transfer {}", party(), reference);
        notifySettlement(settled);
    }

    private void notifySettlement(PaymentRecord record) {
        String url = callbackUrl;
        if (url != null) {
            scheduler.execute(() -> deliver(url, record));
        }
    }

    /**
     * POSTs the notification, signed like a service call with an empty access token, retrying a
     * failed delivery a few times; partners with {@code callbackCopies > 1} deliver it again even
     * after success, as at-least-once senders do.
     */
    private void deliver(String url, PaymentRecord record) {
        String body = Json.writeString(callbackBody(record));
        String externalId = String.valueOf(Math.abs(RANDOM.nextLong() % 1_000_000_000_000L));
        URI uri = URI.create(url);
        String relativeUrl = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
        int attempt = 0;
        for (int copy = 0; copy < profile.callbackCopies(); copy++) {
            for (int tries = 0; tries < 3; tries++) {
                attempt++;
                String timestamp = SnapSignature.timestampNow();
                int status = post(uri, body, timestamp, externalId,
                        SnapSignature.sign(clientSecret, "POST", relativeUrl, "", body, timestamp));
                callbacks.add(new CallbackAttempt(url, record.partnerReferenceNo(), attempt, status, body, Instant.now()));
                if (status >= 200 && status < 300) {
                    break;
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
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header("X-TIMESTAMP", timestamp)
                .header("X-PARTNER-ID", clientId)
                .header("X-EXTERNAL-ID", externalId)
                .header("X-SIGNATURE", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            log.info("{} callback to {} failed: {}", party(), uri, e.toString());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private Map<String, Object> callbackBody(PaymentRecord record) {
        Map<String, Object> body = new LinkedHashMap<>();
        String finished = SnapSignature.timestamp(record.settledAt() != null ? record.settledAt() : Instant.now());
        if (profile.callbackShape() == PartnerProfile.CallbackShape.GOPAY) {
            body.put("transactionId", record.referenceNo());
            body.put("partnerReferenceNo", record.partnerReferenceNo());
            body.put("status", "SETTLEMENT");
            body.put("grossAmount", money(record.amount()));
            body.put("customerNumber", record.destination());
            body.put("settlementTime", finished);
            return body;
        }
        body.put("originalPartnerReferenceNo", record.partnerReferenceNo());
        body.put("originalReferenceNo", record.referenceNo());
        body.put("originalExternalId", record.externalId());
        body.put("serviceCode", profile.transferServiceCode());
        body.put("latestTransactionStatus", record.status().snapCode());
        body.put("transactionStatusDesc", record.status().description());
        body.put("amount", money(record.amount()));
        body.put(profile.isBank() ? "beneficiaryAccountNo" : "customerNumber", record.destination());
        body.put("finishedTime", finished);
        return body;
    }

    // ---- controls over HTTP -------------------------------------------------------------------

    private SimResponse listAccounts(SimRequest request) {
        Optional<String> nik = request.query("nik");
        List<PartnerAccount> all = nik.map(this::accountsOf).orElseGet(this::accounts);
        int limit = request.intQuery("limit", 20);
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
        Long settle = f.optionalLong("settleAfterMillis", 0, 600_000);
        Long latency = f.optionalLong("latencyMillis", 0, 600_000);
        f.throwIfInvalid();
        if (pending != null) {
            pendingPercent(pending);
        }
        if (settle != null) {
            settleAfter(Duration.ofMillis(settle));
        }
        if (latency != null) {
            latency(Duration.ofMillis(latency));
        }
        return SimResponse.json(200, behaviour());
    }

    private Map<String, Object> behaviour() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("pendingPercent", pendingPercent);
        b.put("settleAfterMillis", settleAfterMillis);
        b.put("latencyMillis", latencyMillis);
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
