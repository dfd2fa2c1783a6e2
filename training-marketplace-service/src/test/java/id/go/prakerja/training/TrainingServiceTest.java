package id.go.prakerja.training;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.Topics;
import id.go.prakerja.events.cohort.ParticipantSelected;
import id.go.prakerja.events.registration.Education;
import id.go.prakerja.events.registration.JobStatus;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.events.registration.ParticipantRevoked;
import id.go.prakerja.events.registration.RevocationReason;
import id.go.prakerja.events.registration.Sex;
import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.SimulatorConfig;
import id.go.prakerja.simulators.Simulators;
import id.go.prakerja.simulators.training.TrainingPlatform;
import id.go.prakerja.support.outbox.Outbox;
import id.go.prakerja.support.security.PartnerSignatureFilter;
import id.go.prakerja.support.security.Roles;
import id.go.prakerja.support.security.TokenIssuer;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.KafkaProbe;
import id.go.prakerja.testsupport.PlatformIntegrationTest;
import id.go.prakerja.training.config.TrainingProperties;
import id.go.prakerja.training.deadline.BalanceDeadlines;
import id.go.prakerja.training.ledger.Ledger;
import id.go.prakerja.training.notification.Notices;
import tools.jackson.databind.JsonNode;

/**
 * The marketplace on the shared broker and database, its catalogue pulled from the simulated
 * platforms and its notices sent to the simulated SMS and e-mail providers; one context for all
 * its tests. Participants are registered and selected by events, as registration would do it.
 */
@PlatformIntegrationTest
public abstract class TrainingServiceTest {

    protected static final Duration WAIT = Duration.ofSeconds(30);
    protected static final Simulators SIMULATORS = Simulators.start(SimulatorConfig.builder().simulateLatency(false)
            .populationSize(10).build());

    @DynamicPropertySource
    static void outsideParties(DynamicPropertyRegistry registry) {
        registry.add("prakerja.sms.base-url", () -> SIMULATORS.baseUrl(Party.SMS));
        registry.add("prakerja.email.base-url", () -> SIMULATORS.baseUrl(Party.EMAIL));
        registry.add("prakerja.training.catalogue.feed-url", () -> SIMULATORS.baseUrl(Party.TRAINING_PLATFORMS));
        registry.add("prakerja.training.completion-pull.base-url", () -> SIMULATORS.baseUrl(Party.TRAINING_PLATFORMS));
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected TokenIssuer tokens;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected TransactionTemplate transactions;
    @Autowired
    protected Ledger ledger;
    @Autowired
    protected Outbox outbox;
    @Autowired
    protected Notices notices;
    @Autowired
    protected TrainingProperties settings;

    protected HttpApi api() {
        return HttpApi.at("http://localhost:" + port);
    }

    protected HttpApi operator() {
        return api().withToken(tokens.issue("operator-sari", Roles.OPERATOR).accessToken());
    }

    /** A selected participant: who they are, their token, their contact. */
    protected record Participant(UUID id, String phone, String email, HttpApi api) {
        public JsonNode balance() {
            return api.get("/api/v1/balance/me").json();
        }

        public long available() {
            return balance().get("available").asLong();
        }

        public HttpApi.Response buy(String trainingId) {
            return api.post("/api/v1/purchases", Map.of("trainingId", trainingId));
        }
    }

    protected Participant selected() {
        return selected(Instant.now().plus(30, ChronoUnit.DAYS));
    }

    /** Registers and selects a participant by events, and waits until their balance is open. */
    protected Participant selected(Instant firstPurchaseDeadline) {
        UUID id = UUID.randomUUID();
        String phone = "+62812" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        String email = "t" + id.toString().substring(0, 8) + "@example.id";
        Instant now = Instant.now();
        UUID correlation = UUID.randomUUID();
        publish(EventEnvelope.of(new ParticipantRegistered("v2:1:sealed-nik", "v2:1:sealed-kk", "blind-" + id, "31", "3174",
                "Jakarta", LocalDate.of(1990, 1, 1), Sex.FEMALE, email, phone, "Siti Rahayu", Education.SMA_SMK,
                JobStatus.LAID_OFF, now), id, correlation, null, now));
        publish(EventEnvelope.of(new ParticipantSelected(1, "5" + String.format("%015d", Math.abs(id.getLeastSignificantBits() % 1_000_000_000_000_000L)),
                1_000_000, firstPurchaseDeadline), id, correlation, null, now));
        HttpApi mine = api().withToken(tokens.issue(id.toString(), Roles.PARTICIPANT).accessToken());
        await().atMost(WAIT).until(() -> mine.get("/api/v1/balance/me").status() == 200);
        return new Participant(id, phone, email, mine);
    }

    protected void revoke(Participant p) {
        Instant now = Instant.now();
        publish(EventEnvelope.of(new ParticipantRevoked(RevocationReason.OPERATOR, now), p.id(), UUID.randomUUID(), null, now));
        await().atMost(WAIT).until(() -> jdbc.queryForObject("select revoked_at is not null from participant where id = ?",
                Boolean.class, p.id()));
    }

    protected static void publish(EventEnvelope<?> event) {
        String topic = event.topic();
        KafkaProbe.send(topic, event.participantId().toString(), EventJson.write(event));
    }

    /** Waits until the whole simulated catalogue is in (pulled at start-up). */
    protected void awaitCatalogue() {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from training where id not like '%-T%'", Long.class) >= 1_500);
    }

    /** Distinct active trainings, set to this price for future purchases (through the operators' endpoint). */
    protected List<String> trainingsPriced(long price, int count) {
        awaitCatalogue();
        List<String> ids = jdbc.queryForList("""
                select id from training where status = 'ACTIVE' and id not in (select training_id from purchase)
                 order by random() limit ?""", String.class, count);
        List<String> priced = new ArrayList<>();
        for (String id : ids) {
            var changed = operator().send("PUT", "/admin/trainings/" + id + "/price", Map.of("price", price), Map.of());
            if (changed.status() != 200) {
                throw new AssertionError(changed.toString());
            }
            priced.add(id);
        }
        return priced;
    }

    protected String platformOf(String trainingId) {
        return jdbc.queryForObject("select platform_code from training where id = ?", String.class, trainingId);
    }

    // ---- platform webhooks, signed as the platform ----------------------------------------------

    protected HttpApi.Response webhook(String platform, String path, String body) {
        return webhook(platform, platform, TrainingPlatform.valueOf(platform).defaultWebhookSecret(), path, body,
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
    }

    protected HttpApi.Response webhook(String signer, String platformInPath, String secret, String path, String body,
            String timestamp) {
        String target = "/partner/platforms/" + platformInPath + path;
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String signature = Base64.getEncoder().encodeToString(PartnerSignatureFilter.sign(secret, "POST", target, timestamp, bytes));
        return api().sendRaw("POST", target, bytes, Map.of("Content-Type", "application/json", "X-PARTNER-ID", signer,
                "X-TIMESTAMP", timestamp, "X-SIGNATURE", signature));
    }

    protected HttpApi.Response redeem(String platform, String voucher) {
        return webhook(platform, "/vouchers/redeem", "{\"eventId\":\"" + UUID.randomUUID() + "\",\"voucherCode\":\"" + voucher + "\"}");
    }

    protected HttpApi.Response complete(String platform, String voucher, String certificate) {
        return webhook(platform, "/completions", "{\"eventId\":\"" + UUID.randomUUID() + "\",\"voucherCode\":\"" + voucher
                + "\",\"certificateNumber\":\"" + certificate + "\"}");
    }

    /** A purchase redeemed and completed by its platform. */
    protected JsonNode boughtAndCompleted(Participant p, String trainingId) {
        var bought = p.buy(trainingId);
        if (bought.status() != 201) {
            throw new AssertionError(bought.toString());
        }
        JsonNode purchase = bought.json();
        String platform = purchase.get("platformCode").asString();
        String voucher = purchase.get("voucherCode").asString();
        expectStatus(redeem(platform, voucher), 200);
        expectStatus(complete(platform, voucher, "CERT-" + UUID.randomUUID()), 200);
        return purchase;
    }

    protected static void expectStatus(HttpApi.Response response, int status) {
        if (response.status() != status) {
            throw new AssertionError("expected " + status + ": " + response);
        }
    }

    protected String status(UUID purchaseId) {
        return jdbc.queryForObject("select status from purchase where id = ?", String.class, purchaseId);
    }

    protected BalanceDeadlines jobsAt(Instant now) {
        return new BalanceDeadlines(jdbc, transactions, ledger, outbox, notices, settings, Clock.fixed(now, java.time.ZoneOffset.UTC));
    }

    protected static List<EventEnvelope<?>> events(KafkaProbe probe, Class<?> type, UUID participant) {
        List<EventEnvelope<?>> found = new ArrayList<>();
        for (var record : probe.records()) {
            EventJson.read(record.value()).ifPresent(event -> {
                if (type.isInstance(event.payload()) && event.participantId().equals(participant)) {
                    found.add(event);
                }
            });
        }
        return found;
    }
}
