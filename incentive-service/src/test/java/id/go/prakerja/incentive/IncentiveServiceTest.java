package id.go.prakerja.incentive;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.Topics;
import id.go.prakerja.events.cohort.ParticipantSelected;
import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.IncentiveKind;
import id.go.prakerja.events.incentive.PayoutAccountLinkRequested;
import id.go.prakerja.events.payment.AccountRejectionReason;
import id.go.prakerja.events.payment.DisbursementFailed;
import id.go.prakerja.events.payment.DisbursementSucceeded;
import id.go.prakerja.events.payment.PayoutAccountRejected;
import id.go.prakerja.events.payment.PayoutAccountVerified;
import id.go.prakerja.events.registration.Education;
import id.go.prakerja.events.registration.JobStatus;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.events.registration.ParticipantRevoked;
import id.go.prakerja.events.registration.RevocationReason;
import id.go.prakerja.events.registration.Sex;
import id.go.prakerja.events.incentive.IncentiveEntitled;
import id.go.prakerja.events.survey.SurveyCompleted;
import id.go.prakerja.events.training.TrainingCompletionReconciled;
import id.go.prakerja.incentive.participant.SealedParticipantData;
import id.go.prakerja.incentive.payout.PayoutScheduler;
import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.SimulatorConfig;
import id.go.prakerja.simulators.Simulators;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.support.security.Roles;
import id.go.prakerja.support.security.TokenIssuer;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.KafkaProbe;
import id.go.prakerja.testsupport.PlatformIntegrationTest;
import id.go.prakerja.testsupport.TestInfrastructure;
import tools.jackson.databind.JsonNode;

/**
 * The incentive service on the shared broker and database; the events of registration, training,
 * the payment gateway and the survey service are published here as those services would. The
 * clock is a {@link TestClock}: tests move it to the next payout date instead of waiting.
 */
@PlatformIntegrationTest
@Import(TestClockConfiguration.class)
public abstract class IncentiveServiceTest {

    protected static final Duration WAIT = Duration.ofSeconds(30);
    protected static final Simulators SIMULATORS = Simulators.start(SimulatorConfig.builder().simulateLatency(false).build());
    private static final AtomicLong NEXT_PHONE = new AtomicLong(10_000_000L + System.nanoTime() % 80_000_000L);
    private static final AtomicLong NEXT_ACCOUNT = new AtomicLong(1_000_000_000_000_000L + System.nanoTime() % 1_000_000_000_000L);

    @DynamicPropertySource
    static void outsideParties(DynamicPropertyRegistry registry) {
        registry.add("prakerja.sms.base-url", () -> SIMULATORS.baseUrl(Party.SMS));
        registry.add("prakerja.email.base-url", () -> SIMULATORS.baseUrl(Party.EMAIL));
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected PersonalDataCrypto crypto;
    @Autowired
    protected TokenIssuer tokens;
    @Autowired
    protected TestClock clock;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected PayoutScheduler scheduler;

    protected HttpApi api() {
        return HttpApi.at("http://localhost:" + port);
    }

    /** An operator who reads and takes ordinary actions, and nothing that moves money. */
    protected HttpApi operator(String name) {
        return api().withToken(tokens.issue(name, Roles.OPERATOR).accessToken());
    }

    /** An operator who may ask for a change that moves money. */
    protected HttpApi maker(String name) {
        return api().withToken(tokens.issue(name, List.of(Roles.OPERATOR, Roles.PAYOUT_MAKER)).accessToken());
    }

    /** An operator who may approve another operator's request. */
    protected HttpApi checker(String name) {
        return api().withToken(tokens.issue(name, List.of(Roles.OPERATOR, Roles.PAYOUT_CHECKER)).accessToken());
    }

    /** A change request (the 202 answer of a maker's request) approved by a checker; fails unless applied. */
    protected JsonNode approveChange(HttpApi.Response requested, String checkerName) {
        if (requested.status() != 202) {
            throw new AssertionError(requested.toString());
        }
        JsonNode body = requested.json();
        List<JsonNode> requests = new java.util.ArrayList<>();
        if (body.has("requests")) {
            body.get("requests").forEach(requests::add);
        } else {
            requests.add(body);
        }
        JsonNode last = null;
        for (JsonNode request : requests) {
            var approved = checker(checkerName).post("/admin/incentives/change-requests/" + request.get("id").asLong() + "/approve",
                    Map.of("note", "checked"));
            if (approved.status() != 200 || !"APPLIED".equals(approved.json().get("status").asString())) {
                throw new AssertionError(approved.toString());
            }
            last = approved.json();
        }
        return last;
    }

    /** Payout settings changed as operators must: a maker asks, a different checker approves. */
    protected void changeSettings(Map<String, Object> settings) {
        Map<String, Object> body = new java.util.HashMap<>(settings);
        body.putIfAbsent("reason", "test setting");
        approveChange(maker("ops-maker").send("PUT", "/admin/incentives/payout-runs/settings", body, Map.of()), "ops-checker");
    }

    /** A participant as this service learns of them, with their own API. */
    protected record Participant(UUID id, String nik, String fullName, String phone, String email, String province,
            java.util.function.Supplier<HttpApi> token) {

        /** Their own API; the token is signed on first use (a thousand signatures up front cost seconds). */
        public HttpApi api() {
            return token.get();
        }
        public JsonNode incentives() {
            return api().get("/api/v1/incentives/me").json();
        }

        public JsonNode tranche(String kind, int sequence) {
            for (JsonNode t : incentives().get(kind.equals("SURVEY") ? "surveys" : "postTraining")) {
                if (t.get("sequence").asInt() == sequence) {
                    return t;
                }
            }
            throw new AssertionError("no tranche " + kind + " " + sequence);
        }

        public String status(String kind, int sequence) {
            return tranche(kind, sequence).get("status").asString();
        }

        public String instructionId(String kind, int sequence) {
            return DisbursementRequested.instructionId(id, IncentiveKind.valueOf(kind), sequence);
        }
    }

    /** Registers and selects a participant (wave 1) and waits until the service knows them. */
    protected Participant participant() {
        Participant p = newParticipant("31", 1);
        publish(Topics.REGISTRATION, registered(p));
        publish(Topics.COHORT, selected(p, 1));
        await().atMost(WAIT).until(() -> known(p.id()));
        return p;
    }

    protected Participant newParticipant(String province, int wave) {
        UUID id = UUID.randomUUID();
        String phone = "+62812" + NEXT_PHONE.getAndIncrement();
        return new Participant(id, province + "74010101900001", "Budi Santoso",
                phone, "p" + id.toString().substring(0, 8) + "@example.id", province, memoized(
                        () -> api().withToken(tokens.issue(id.toString(), Roles.PARTICIPANT).accessToken())));
    }

    private static <T> java.util.function.Supplier<T> memoized(java.util.function.Supplier<T> supplier) {
        var value = new java.util.concurrent.atomic.AtomicReference<T>();
        return () -> value.updateAndGet(v -> v != null ? v : supplier.get());
    }

    protected boolean known(UUID participant) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from participant where participant_id = ? and nik_sealed is not null)", Boolean.class,
                participant));
    }

    protected EventEnvelope<ParticipantRegistered> registered(Participant p) {
        Instant now = Instant.now();
        return EventEnvelope.of(new ParticipantRegistered(
                crypto.encryptForTransport(p.nik(), SealedParticipantData.nikFromRegistration(p.id())),
                crypto.encryptForTransport("3174010101010001", id.go.prakerja.support.crypto.SealContext.ofEvent(
                        ParticipantRegistered.class, "kkNumber", p.id())),
                crypto.blindIndex(p.nik() + p.id()), p.province(), p.province() + "71", "Jakarta", LocalDate.of(1990, 1, 1),
                Sex.MALE, p.email(), p.phone(), p.fullName(), Education.SMA_SMK, JobStatus.JOB_SEEKER, now),
                p.id(), UUID.randomUUID(), null, now);
    }

    protected EventEnvelope<ParticipantSelected> selected(Participant p, int wave) {
        return EventEnvelope.of(new ParticipantSelected(wave, "5" + String.format("%015d", Math.abs(p.id().getMostSignificantBits() % 1_000_000_000_000_000L)),
                1_000_000L, Instant.now().plus(Duration.ofDays(30))), p.id(), UUID.randomUUID(), null, Instant.now());
    }

    protected EventEnvelope<TrainingCompletionReconciled> reconciled(Participant p, boolean first) {
        return EventEnvelope.of(new TrainingCompletionReconciled(UUID.randomUUID(), "TRN-" + (first ? 1 : 2), "TOKOPEDIA",
                "CERT-" + UUID.randomUUID(), 5, clock.instant(), first), p.id(), UUID.randomUUID(), null, clock.instant());
    }

    protected EventEnvelope<ParticipantRevoked> revoked(Participant p) {
        return EventEnvelope.of(new ParticipantRevoked(RevocationReason.OPERATOR, clock.instant()), p.id(), UUID.randomUUID(),
                null, clock.instant());
    }

    protected EventEnvelope<SurveyCompleted> surveyCompleted(Participant p, int survey) {
        return EventEnvelope.of(new SurveyCompleted(survey, clock.instant()), p.id(), UUID.randomUUID(), null, clock.instant());
    }

    protected EventEnvelope<PayoutAccountVerified> accountVerified(Participant p, UUID linkId) {
        return EventEnvelope.of(new PayoutAccountVerified(linkId, clock.instant()), p.id(), UUID.randomUUID(), null,
                clock.instant());
    }

    protected EventEnvelope<PayoutAccountRejected> accountRejected(Participant p, UUID linkId, AccountRejectionReason reason,
            String masked) {
        return EventEnvelope.of(new PayoutAccountRejected(linkId, reason, clock.instant(), masked), p.id(), UUID.randomUUID(),
                null, clock.instant());
    }

    protected EventEnvelope<DisbursementSucceeded> paid(Participant p, String instructionId) {
        return EventEnvelope.of(new DisbursementSucceeded(instructionId, "REF-" + instructionId.hashCode(), clock.instant()),
                p.id(), UUID.randomUUID(), null, clock.instant());
    }

    protected EventEnvelope<DisbursementFailed> failed(Participant p, String instructionId, String reason, boolean afterAccount) {
        return EventEnvelope.of(new DisbursementFailed(instructionId, reason, afterAccount, clock.instant()), p.id(),
                UUID.randomUUID(), null, clock.instant());
    }

    protected static void publish(String topic, EventEnvelope<? extends DomainEvent> event) {
        KafkaProbe.send(topic, event.participantId().toString(), EventJson.write(event));
    }

    /** Many events at once, acknowledged together: a thousand participants' events in a few seconds. */
    protected static void publishAll(List<Map.Entry<String, EventEnvelope<? extends DomainEvent>>> events) {
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            List<Future<RecordMetadata>> sent = events.stream().map(e -> producer.send(new ProducerRecord<>(e.getKey(),
                    e.getValue().participantId().toString(), EventJson.write(e.getValue())))).toList();
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Links an account through the API and returns the link id the gateway is asked to check. */
    protected UUID link(Participant p, String partner, String accountOrPhone) {
        Map<String, Object> body = partner.equals("BNI") ? Map.of("partner", partner, "accountNumber", accountOrPhone)
                : Map.of("partner", partner, "phone", accountOrPhone);
        var response = p.api().post("/api/v1/payout-account", body);
        if (response.status() != 202) {
            throw new AssertionError(response.toString());
        }
        return UUID.fromString(response.json().get("linkId").asString());
    }

    /**
     * A BNI account number no other participant of the suite links: two participants linking one
     * account raise an integrity signal that holds both.
     */
    protected static String uniqueAccount() {
        return Long.toString(NEXT_ACCOUNT.getAndIncrement());
    }

    protected UUID linkVerified(Participant p) {
        UUID link = link(p, "BNI", uniqueAccount());
        publish(Topics.PAYMENT, accountVerified(p, link));
        await().atMost(WAIT).until(() -> "VERIFIED".equals(p.api().get("/api/v1/payout-account").json().get("status").asString()));
        return link;
    }

    /** The disbursement instructions this service published on its topic, read by a probe. */
    protected static List<EventEnvelope<DisbursementRequested>> requests(KafkaProbe probe) {
        return probe.records().stream().map(r -> EventJson.read(r.value())).flatMap(java.util.Optional::stream)
                .filter(e -> e.payload() instanceof DisbursementRequested).map(e -> e.as(DisbursementRequested.class)).toList();
    }

    /** The entitlements this service announced for one participant, in the order published. */
    protected static List<EventEnvelope<IncentiveEntitled>> entitlements(KafkaProbe probe, UUID participant) {
        return probe.records().stream().map(r -> EventJson.read(r.value())).flatMap(java.util.Optional::stream)
                .filter(e -> e.payload() instanceof IncentiveEntitled && participant.equals(e.participantId()))
                .map(e -> e.as(IncentiveEntitled.class)).toList();
    }

    protected static List<EventEnvelope<PayoutAccountLinkRequested>> linkRequests(KafkaProbe probe) {
        return probe.records().stream().map(r -> EventJson.read(r.value())).flatMap(java.util.Optional::stream)
                .filter(e -> e.payload() instanceof PayoutAccountLinkRequested)
                .map(e -> e.as(PayoutAccountLinkRequested.class)).toList();
    }

    protected static List<EventEnvelope<DisbursementRequested>> requestsOf(KafkaProbe probe, String instructionId) {
        return requests(probe).stream().filter(r -> Objects.equals(r.payload().instructionId(), instructionId)).toList();
    }

    /** Moves the clock past the next payout date (daily in tests) so what is due by then is requested. */
    protected void nextPayoutDate() {
        clock.advance(Duration.ofDays(1).plusMinutes(1));
    }

    protected void advanceMonths(int months) {
        clock.advance(Duration.ofDays(31L * months + 1));
    }
}
