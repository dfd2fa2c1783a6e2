package id.go.prakerja.verification;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.Topics;
import id.go.prakerja.events.registration.Education;
import id.go.prakerja.events.registration.JobStatus;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.events.registration.Sex;
import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.Simulators;
import id.go.prakerja.simulators.SimulatorConfig;
import id.go.prakerja.simulators.population.Resident;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.support.security.Roles;
import id.go.prakerja.support.security.TokenIssuer;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.KafkaProbe;
import id.go.prakerja.testsupport.PlatformIntegrationTest;
import tools.jackson.databind.JsonNode;

/** The verification service on the shared broker and database, with every outside party simulated; one context for all its tests. */
@PlatformIntegrationTest
public abstract class VerificationServiceTest {

    protected static final Duration WAIT = Duration.ofSeconds(30);
    protected static final Simulators SIMULATORS = Simulators.start(SimulatorConfig.builder().simulateLatency(false).build());
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_RESIDENT =
            new java.util.concurrent.atomic.AtomicInteger((int) (System.nanoTime() % 5000));

    @DynamicPropertySource
    static void outsideParties(DynamicPropertyRegistry registry) {
        registry.add("prakerja.dukcapil.base-url", () -> SIMULATORS.baseUrl(Party.DUKCAPIL));
        registry.add("prakerja.sms.base-url", () -> SIMULATORS.baseUrl(Party.SMS));
        registry.add("prakerja.face-match.base-url", () -> SIMULATORS.baseUrl(Party.FACE_MATCH));
        registry.add("prakerja.email.base-url", () -> SIMULATORS.baseUrl(Party.EMAIL));
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected PersonalDataCrypto crypto;
    @Autowired
    protected TokenIssuer tokens;

    protected HttpApi api() {
        return HttpApi.at("http://localhost:" + port);
    }

    protected HttpApi operator() {
        return api().withToken(tokens.issue("operator-sari", Roles.OPERATOR).accessToken());
    }

    /** A person registered with the platform: who they are at Dukcapil, and their own API. */
    protected record Applicant(UUID id, Resident resident, String email, HttpApi api) {
        public JsonNode myCase() {
            return api.get("/api/v1/verification/me").json();
        }

        public String layerStatus(String layer) {
            for (JsonNode node : myCase().get("layers")) {
                if (node.get("layer").asString().equals(layer)) {
                    return node.get("status").asString();
                }
            }
            throw new AssertionError("no layer " + layer);
        }
    }

    /** Registers a resident Dukcapil knows, exactly as they are on record, and waits for their case. */
    protected Applicant registered() {
        return registered(SIMULATORS.resident(NEXT_RESIDENT.getAndIncrement() % SIMULATORS.residents().size()), null);
    }

    /** Registers a resident, with a different name than Dukcapil has if {@code declaredName} is given. */
    protected Applicant registered(Resident resident, String declaredName) {
        UUID participant = UUID.randomUUID();
        String email = "p" + participant.toString().substring(0, 8) + "@example.id";
        Instant now = Instant.now();
        var event = EventEnvelope.of(new ParticipantRegistered(
                crypto.encryptForTransport(resident.nik(), SealedApplicantData.nikOnTheWire(participant)),
                crypto.encryptForTransport(resident.kkNumber(), SealedApplicantData.kkOnTheWire(participant)), crypto.blindIndex(resident.nik() + participant),
                resident.provinceCode(), resident.regencyCode(), resident.birthPlace(), resident.birthDate(),
                resident.sex() == id.go.prakerja.simulators.population.Sex.FEMALE ? Sex.FEMALE : Sex.MALE, email,
                resident.phone(), declaredName == null ? resident.fullName() : declaredName, Education.SMA_SMK,
                JobStatus.JOB_SEEKER, now), participant, UUID.randomUUID(), null, now);
        KafkaProbe.send(Topics.REGISTRATION, participant.toString(), EventJson.write(event));
        HttpApi mine = api().withToken(tokens.issue(participant.toString(), Roles.PARTICIPANT).accessToken());
        await().atMost(WAIT).until(() -> mine.get("/api/v1/verification/me").status() == 200);
        return new Applicant(participant, resident, email, mine);
    }

    protected void passEmail(Applicant a) {
        var sent = a.api().post("/api/v1/verification/me/email/code", null);
        if (sent.status() != 202) {
            throw new AssertionError(sent.toString());
        }
        String code = SIMULATORS.email().latestCode(a.email()).orElseThrow();
        var confirmed = a.api().post("/api/v1/verification/me/email", java.util.Map.of("code", code));
        if (confirmed.status() != 200) {
            throw new AssertionError(confirmed.toString());
        }
    }

    protected void passPhone(Applicant a) {
        var sent = a.api().post("/api/v1/verification/me/phone/code", null);
        if (sent.status() != 202) {
            throw new AssertionError(sent.toString());
        }
        String code = SIMULATORS.sms().latestCode(a.resident().phone()).orElseThrow();
        var confirmed = a.api().post("/api/v1/verification/me/phone", java.util.Map.of("code", code));
        if (confirmed.status() != 200) {
            throw new AssertionError(confirmed.toString());
        }
    }

    protected void awaitLayer(Applicant a, String layer, String status) {
        await().atMost(WAIT).until(() -> a.layerStatus(layer).equals(status));
    }
}
