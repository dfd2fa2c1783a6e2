package id.go.prakerja.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.Topics;
import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.IncentiveKind;
import id.go.prakerja.events.incentive.PayoutAccountLinkRequested;
import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.disbursement.Payment;
import id.go.prakerja.payment.disbursement.PaymentAccounts;
import id.go.prakerja.payment.disbursement.PaymentLedger;
import id.go.prakerja.payment.disbursement.PaymentReferences;
import id.go.prakerja.payment.disbursement.PaymentStatus;
import id.go.prakerja.simulators.Fault;
import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.SimulatorConfig;
import id.go.prakerja.simulators.Simulators;
import id.go.prakerja.simulators.payment.PartnerAccount;
import id.go.prakerja.simulators.payment.PaymentPartnerSimulator;
import id.go.prakerja.simulators.payment.PaymentRecord;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.support.crypto.SealContext;
import id.go.prakerja.support.security.Roles;
import id.go.prakerja.support.security.TokenIssuer;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.KafkaProbe;
import id.go.prakerja.testsupport.PlatformIntegrationTest;

/**
 * The payment gateway on the shared broker and database, with the four payment partners
 * simulated (SNAP, latency off); one context for all its tests. Tests play the incentive
 * service by publishing its request events.
 */
@PlatformIntegrationTest
public abstract class PaymentGatewayServiceTest {

    protected static final Duration WAIT = Duration.ofSeconds(30);
    protected static final Simulators SIMULATORS = Simulators.start(SimulatorConfig.builder().simulateLatency(false).build());
    private static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() % 1_000_000);

    @DynamicPropertySource
    static void partners(DynamicPropertyRegistry registry) {
        for (PayoutPartner p : PayoutPartner.values()) {
            registry.add("prakerja.payment.partners." + p + ".base-url", () -> SIMULATORS.baseUrl(party(p)));
        }
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected PaymentLedger ledger;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected PersonalDataCrypto crypto;
    /** Opens a payment's or an attempt's sealed account as the sender and reconciliation do. */
    @Autowired
    protected PaymentAccounts accounts;
    @Autowired
    protected TokenIssuer tokens;
    @Autowired
    protected id.go.prakerja.payment.partner.PaymentPartners partners;

    @BeforeEach
    void callbacksToThisGateway() {
        for (PayoutPartner p : PayoutPartner.values()) {
            sim(p).callbackUrl("http://localhost:" + port + "/partner/payments/" + p.name().toLowerCase() + "/callback");
        }
        // tokens are fetched before a test injects faults, which would otherwise strike the token call
        partners.signIn();
    }

    @AfterEach
    void partnersBehaveAgain() {
        for (PayoutPartner p : PayoutPartner.values()) {
            restore(sim(p));
        }
    }

    protected static void restore(PaymentPartnerSimulator sim) {
        sim.fault(Fault.none());
        sim.pendingPercent(sim.profile().pendingPercent());
        sim.failPercent(0);
        sim.settleAfter(Duration.ofMillis(sim.profile().settleAfterMillis()));
        sim.latency(Duration.ZERO);
        sim.rateLimit(0);
        sim.callbackMode(PaymentPartnerSimulator.CallbackMode.NORMAL);
        sim.recordAfter(Duration.ZERO);
        sim.limitBeforeDuplicate(false);
    }

    protected static Party party(PayoutPartner p) {
        return Party.valueOf(p.name());
    }

    protected static PaymentPartnerSimulator sim(PayoutPartner p) {
        return SIMULATORS.paymentPartner(party(p));
    }

    protected HttpApi operator() {
        return HttpApi.at("http://localhost:" + port).withToken(tokens.issue("operator-sari", Roles.OPERATOR).accessToken());
    }

    /** A new, active, KYC'd account at the partner: a BNI account number or an e-wallet phone. */
    protected static String newAccount(PayoutPartner p, String owner, String nik) {
        long n = NUMBERS.incrementAndGet();
        PartnerAccount added = p == PayoutPartner.BNI
                ? sim(p).addAccount(new PartnerAccount(String.format("77%08d", n % 100_000_000), null, owner, nik, true, true))
                : sim(p).addAccount(new PartnerAccount(null, String.format("0819%08d", n % 100_000_000), owner, nik, true, true));
        return added.key();
    }

    protected static String newAccount(PayoutPartner p) {
        return newAccount(p, "BUDI SANTOSO", "3174050101900001");
    }

    /** A disbursement request as the incentive service publishes it: its account sealed for this gateway. */
    protected EventEnvelope<DisbursementRequested> disbursement(PayoutPartner partner, String account, long amount) {
        UUID participant = UUID.randomUUID();
        return EventEnvelope.of(new DisbursementRequested(
                DisbursementRequested.instructionId(participant, IncentiveKind.POST_TRAINING, 1),
                IncentiveKind.POST_TRAINING, 1, amount, partner, sealedAccount(participant, account)), participant,
                UUID.randomUUID(), null, Instant.now());
    }

    /** An account to pay sealed as the incentive service seals it in a {@code DisbursementRequested}. */
    protected String sealedAccount(UUID participant, String account) {
        return crypto.encryptForTransport(account, SealContext.ofEvent(DisbursementRequested.class, "accountNumber", participant));
    }

    /** The account to pay a request names, opened as the gateway opens it. */
    protected String openedAccount(EventEnvelope<DisbursementRequested> request) {
        return crypto.decryptFromTransport(request.payload().accountNumber(),
                SealContext.ofEvent(DisbursementRequested.class, "accountNumber", request.participantId()));
    }

    /** A field of a {@code PayoutAccountLinkRequested} sealed as the incentive service seals it. */
    protected String sealedForLink(String field, UUID participant, String value) {
        return crypto.encryptForTransport(value, SealContext.ofEvent(PayoutAccountLinkRequested.class, field, participant));
    }

    protected static void publish(EventEnvelope<?> event) {
        KafkaProbe.send(Topics.INCENTIVE, event.participantId().toString(), EventJson.write(event));
    }

    protected Payment awaitStatus(String instructionId, PaymentStatus status) {
        await().atMost(WAIT).until(() -> ledger.find(instructionId).map(p -> p.status() == status).orElse(false));
        return ledger.find(instructionId).orElseThrow();
    }

    /** A LinkAja transfer left pending at the partner for ten minutes, with its notifications switched off. */
    protected Payment pendingAtLinkAja() {
        sim(PayoutPartner.LINKAJA).pendingPercent(100);
        sim(PayoutPartner.LINKAJA).settleAfter(Duration.ofMinutes(10));
        sim(PayoutPartner.LINKAJA).callbackMode(PaymentPartnerSimulator.CallbackMode.LOST);
        var request = disbursement(PayoutPartner.LINKAJA, newAccount(PayoutPartner.LINKAJA), 600_000);
        publish(request);
        return awaitStatus(request.payload().instructionId(), PaymentStatus.PENDING_AT_PARTNER);
    }

    protected Payment awaitFinal(String instructionId) {
        await().atMost(WAIT).until(() -> ledger.find(instructionId).map(p -> p.status().isFinal()).orElse(false));
        return ledger.find(instructionId).orElseThrow();
    }

    /**
     * Credits the partners' ledgers hold for the instruction of a reference, under that reference or
     * any other the instruction ever used, at any partner: the only thing that says how often money
     * moved for it ({@code p}, the partner the reference was sent to, must hold it).
     */
    protected static long credits(PayoutPartner p, String partnerReferenceNo) {
        assertThat(sim(p).payment(partnerReferenceNo)).as("%s holds %s", p, partnerReferenceNo).isPresent();
        return creditsUnder(partnerReferenceNo.replaceFirst("R\\d+$", ""));
    }

    /** Credits for an instruction in all four partners' ledgers, under any of its references. */
    protected static long creditsForInstruction(String instructionId) {
        return creditsUnder(PaymentReferences.of(instructionId, 1));
    }

    private static long creditsUnder(String firstReference) {
        return java.util.Arrays.stream(PayoutPartner.values()).flatMap(p -> sim(p).payments().stream())
                .filter(r -> r.partnerReferenceNo().equals(firstReference)
                        || r.partnerReferenceNo().matches(java.util.regex.Pattern.quote(firstReference) + "R\\d+"))
                .filter(PaymentRecord::credited).count();
    }

    protected static List<EventEnvelope<DomainEvent>> events(KafkaProbe probe) {
        return probe.records().stream().map(r -> EventJson.read(r.value()).orElseThrow()).toList();
    }

    protected static <E extends DomainEvent> List<E> events(KafkaProbe probe, Class<E> type) {
        return events(probe).stream().map(EventEnvelope::payload).filter(type::isInstance).map(type::cast).toList();
    }

    protected List<String> transitions(String instructionId) {
        return jdbc.queryForList("select coalesce(from_status, '-') || '>' || to_status from payment_transition where instruction_id = ? order by id",
                String.class, instructionId);
    }
}
