package id.go.prakerja.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import id.go.prakerja.registration.auth.LoginProperties;
import id.go.prakerja.registration.participant.ParticipantRepository;
import id.go.prakerja.registration.participant.ProfileUpdate;
import id.go.prakerja.registration.wave.SelectionRun;
import id.go.prakerja.registration.wave.WaveNumbers;
import id.go.prakerja.registration.wave.Waves;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.support.security.Roles;
import id.go.prakerja.support.security.TokenIssuer;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.MalformedRequests;

/**
 * What many requests at once, or a request arriving at the wrong moment, must not break. Where a
 * race depends on timing, the test holds a lock or a row of its own to force the interleaving.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConcurrentClientsTest extends RegistrationServiceTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final ExecutorService CLIENTS = Executors.newVirtualThreadPerTaskExecutor();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    TokenIssuer tokens;
    @Autowired
    PersonalDataCrypto crypto;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    LoginProperties login;
    @Autowired
    Waves waves;
    @Autowired
    SelectionRun selection;
    @Autowired
    ProfileUpdate profileUpdate;
    @Autowired
    ParticipantRepository participants;
    @Autowired
    ApplicationContext context;

    @AfterAll
    static void stopClients() {
        CLIENTS.shutdown();
    }

    // --- 11: login codes ---------------------------------------------------------------------

    @Test
    void two_hundred_wrong_codes_at_once_use_exactly_the_attempt_limit_and_then_the_right_code_is_refused() throws Exception {
        Map<String, Object> applicant = applicant();
        assertThat(api().post("/api/v1/participants", applicant).status()).isEqualTo(201);
        String phone = internationalPhone(applicant);
        assertThat(api().post("/api/v1/auth/otp", Map.of("phone", phone)).status()).isEqualTo(202);
        String code = SIMULATORS.sms().latestCode(phone).orElseThrow();
        String wrong = code.equals("000000") ? "111111" : "000000";

        HttpApi client = api();
        List<Integer> statuses = all(200, () -> client.post("/api/v1/auth/token", Map.of("phone", phone, "code", wrong)).status());

        assertThat(statuses).containsOnly(401);
        assertThat(client.post("/api/v1/auth/token", Map.of("phone", phone, "code", code)).status())
                .as("the right code after the limit was used up").isEqualTo(401);
        assertThat(jdbc.queryForObject("select attempts from login_code where phone = ?", Integer.class, phone))
                .as("tries counted").isEqualTo(login.maxAttempts());
    }

    @Test
    void a_used_login_code_stays_used_when_wrong_guesses_race_the_right_one() throws Exception {
        for (int round = 0; round < 5; round++) {
            Map<String, Object> applicant = applicant();
            assertThat(api().post("/api/v1/participants", applicant).status()).isEqualTo(201);
            String phone = internationalPhone(applicant);
            api().post("/api/v1/auth/otp", Map.of("phone", phone));
            String code = SIMULATORS.sms().latestCode(phone).orElseThrow();
            String wrong = code.equals("000000") ? "111111" : "000000";
            HttpApi client = api();

            List<Callable<Integer>> guesses = new ArrayList<>();
            guesses.add(() -> client.post("/api/v1/auth/token", Map.of("phone", phone, "code", code)).status());
            for (int i = 0; i < 3; i++) {
                guesses.add(() -> client.post("/api/v1/auth/token", Map.of("phone", phone, "code", wrong)).status());
            }
            List<Integer> statuses = all(guesses);

            // four tries are within the limit of five, so the right one is always counted
            assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(200, 401, 401, 401);
            assertThat(client.post("/api/v1/auth/token", Map.of("phone", phone, "code", code)).status())
                    .as("round " + round + ": the fifth try, with the code already used").isEqualTo(401);
        }
    }

    // --- 12: family card ---------------------------------------------------------------------

    @Test
    void the_family_card_limit_holds_when_twelve_register_at_once() throws Exception {
        String familyCard = freshFamilyCard();
        List<Callable<HttpApi.Response>> registrations = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Map<String, Object> member = applicant();
            member.put("kkNumber", familyCard);
            registrations.add(() -> api().inLanguage("en").post("/api/v1/participants", member));
        }
        List<HttpApi.Response> answers = all(registrations);

        assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(2);
        assertThat(answers).filteredOn(r -> r.status() != 201).hasSize(10).allSatisfy(refused -> {
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.contentType()).contains("application/problem+json");
            assertThat(refused.body()).contains("FAMILY_CARD_LIMIT_REACHED");
        });
        assertThat(membersOf(familyCard)).isEqualTo(2);
    }

    @Test
    void a_registration_that_waited_for_the_family_card_counts_the_members_registered_while_it_waited() throws Exception {
        String familyCard = freshFamilyCard();
        Map<String, Object> first = applicant();
        first.put("kkNumber", familyCard);
        assertThat(api().post("/api/v1/participants", first).status()).isEqualTo(201);

        List<Future<Integer>> racing = new ArrayList<>();
        try (Connection held = dataSource.getConnection()) {
            held.setAutoCommit(false);
            try (PreparedStatement lock = held.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, "kk:" + crypto.blindIndex(familyCard));
                lock.execute();
            }
            for (int i = 0; i < 2; i++) {
                Map<String, Object> member = applicant();
                member.put("kkNumber", familyCard);
                racing.add(CLIENTS.submit(() -> api().post("/api/v1/participants", member).status()));
            }
            // both have begun and wait for the family card's turn
            await().atMost(WAIT).until(() -> waitingForAdvisoryLocks() == 2);
            held.commit();
        }

        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> status : racing) {
            statuses.add(status.get(30, TimeUnit.SECONDS));
        }
        assertThat(statuses).containsExactlyInAnyOrder(201, 422);
        assertThat(membersOf(familyCard)).isEqualTo(2);
    }

    // --- 13: joining a wave as it closes --------------------------------------------------------

    @Test
    void a_join_in_flight_when_the_wave_closes_is_decided_with_the_wave_and_never_left_waiting() throws Exception {
        Registered participant = verifiedParticipant();
        int number = WaveNumbers.next();
        int other = WaveNumbers.next();
        openWave(number);
        waves.create(new Waves.NewWave(other, Instant.now().plus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(2)), 10,
                Map.of("31", 10L), List.of(), 1L));

        Future<HttpApi.Response> join;
        CompletableFuture<Void> closeAndDecide;
        try (Connection held = dataSource.getConnection()) {
            // an uncommitted WAITING row of the same participant makes the join's insert wait
            // after it has checked that the wave is open
            held.setAutoCommit(false);
            try (PreparedStatement waiting = held.prepareStatement("insert into wave_application (wave_number, participant_id, "
                    + "province, priority, applied_at, status) values (?, ?, '31', 0, now(), 'WAITING')")) {
                waiting.setInt(1, other);
                waiting.setObject(2, participant.id());
                waiting.executeUpdate();
            }
            join = CLIENTS.submit(() -> participant.api().post("/api/v1/waves/" + number + "/applications", null));
            await().atMost(WAIT).until(() -> waitingOnLock("insert into wave_application") == 1);

            closeAndDecide = CompletableFuture.runAsync(() -> {
                waves.close(number);
                selection.decide(number);
            }, CLIENTS);
            // either closing waits for the join, or it has closed and decided the wave already
            await().atMost(WAIT).until(() -> closeAndDecide.isDone() || waitingOnLock("update wave ") == 1);
            held.rollback();
        }
        HttpApi.Response joined = join.get(30, TimeUnit.SECONDS);
        closeAndDecide.get(30, TimeUnit.SECONDS);

        assertThat(joined.status()).as(joined.toString()).isIn(201, 409);
        assertThat(jdbc.queryForObject("select status from wave where number = ?", String.class, number)).isEqualTo("SELECTED");
        assertThat(jdbc.queryForObject("select count(*) from wave_application where wave_number = ? and status = 'WAITING'",
                Long.class, number)).as("applications left waiting in a decided wave").isZero();
    }

    // --- 14: selection announcement against a profile update ----------------------------------

    @Test
    void a_profile_update_racing_the_selection_announcement_cannot_write_the_old_status_back() {
        Registered participant = verifiedParticipant();
        int number = WaveNumbers.next();
        openWave(number);
        assertThat(participant.api().post("/api/v1/waves/" + number + "/applications", null).status()).isEqualTo(201);

        Throwable update = catchThrowable(() -> transactions.executeWithoutResult(tx -> {
            // a profile update has read the participant, still VERIFIED ...
            participants.findById(participant.id()).orElseThrow();
            // ... when the wave is decided and the selection announced ...
            CompletableFuture.runAsync(() -> {
                waves.close(number);
                selection.decide(number);
                selection.announce(number);
            }, CLIENTS).orTimeout(30, TimeUnit.SECONDS).join();
            await().atMost(WAIT).until(() -> "SELECTED".equals(status(participant.id())));
            // ... and then writes its change
            profileUpdate.apply(participant.id(), new ProfileUpdate.Changes(null, null, "Jl. Baru 9", null, null));
        }));

        assertThat(status(participant.id())).isEqualTo("SELECTED");
        assertThat(update).as("the update that read the old status is refused").isInstanceOf(ConcurrencyFailureException.class);
    }

    // --- 15: nothing a client sends is a 5xx ------------------------------------------------------

    @Test
    void concurrent_profile_updates_answer_200_or_409_concurrent_update_and_never_500() throws Exception {
        Registered participant = registeredParticipant();
        List<Callable<HttpApi.Response>> updates = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String address = "Jl. Serentak " + i;
            updates.add(() -> participant.api().send("PATCH", "/api/v1/participants/me", Map.of("address", address), Map.of()));
        }
        List<HttpApi.Response> answers = all(updates);

        assertThat(answers).extracting(HttpApi.Response::status).contains(200).allMatch(s -> s == 200 || s == 409);
        assertThat(answers).filteredOn(r -> r.status() == 409).allSatisfy(conflict -> {
            assertThat(conflict.contentType()).contains("application/problem+json");
            assertThat(conflict.json().get("code").asString()).isEqualTo("CONCURRENT_UPDATE");
        });
    }

    @Test
    void a_multipart_request_without_a_boundary_is_a_400_problem_on_every_endpoint() {
        var report = MalformedRequests.sweep(context, registeredParticipant().api(), operator())
                .onlyShapes(List.of(MalformedRequests.MULTIPART_WITHOUT_BOUNDARY)).run();
        assertThat(report.faults()).as(report.toString()).isEmpty();
        assertThat(report.size()).isGreaterThan(10);

        var json = api().sendRaw("POST", "/api/v1/participants", MalformedRequests.MULTIPART_WITHOUT_BOUNDARY.body(),
                MalformedRequests.MULTIPART_WITHOUT_BOUNDARY.headers());
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.contentType()).contains("application/problem+json");
        assertThat(json.json().get("code").asString()).isEqualTo("MALFORMED");
    }

    @Test
    void no_malformed_request_to_any_endpoint_is_answered_with_a_5xx_or_changes_anything() {
        Registered participant = registeredParticipant();
        int wave = WaveNumbers.next();
        openWave(wave);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var grievance = id.go.prakerja.registration.grievance.GrievanceForms.file(participant.api(), "PAYMENT",
                "Insentif saya belum masuk ke rekening.", id.go.prakerja.testsupport.TestImages.jpeg("sweep", 100));
        assertThat(grievance.status()).as(grievance.toString()).isEqualTo(201);
        UUID grievanceId = UUID.fromString(grievance.json().get("grievanceId").asString());

        var report = MalformedRequests.sweep(context, participant.api(), operator())
                .id("number", wave)
                .id("id", grievanceId).id("position", 1)
                .param("source", "SWEEP").param("fromWave", wave)
                // each a request that would succeed, to be spoiled one field at a time
                .example("POST /api/v1/participants", applicant())
                .example("PATCH /api/v1/participants/me", Map.of("address", "Jl. Sweep No. 1"))
                .example("POST /admin/waves", Map.of("number", WaveNumbers.next(), "opensAt", now.plus(Duration.ofDays(1)).toString(),
                        "closesAt", now.plus(Duration.ofDays(8)).toString(), "totalQuota", 10, "quotaByProvince", Map.of("31", 10)))
                .example("POST /admin/grievances/{id}/assign", Map.of("operator", "petugas-sweep"))
                .example("POST /admin/grievances/{id}/answer", Map.of("text", "Jawaban untuk sweep."))
                .example("POST /admin/grievances/{id}/escalate", Map.of("reason", "sweep"))
                .example("POST /admin/grievances/{id}/resolve", Map.of("resolution", "EXPLAINED", "note", "sweep"))
                // only what the sweep could touch: other tests' selections may still be running
                .unchanged("participants", () -> jdbc.queryForObject("select count(*) from participant", Long.class))
                .unchanged("the participant", () -> jdbc.queryForMap("select * from participant where id = ?", participant.id()))
                .unchanged("waves", () -> jdbc.queryForList("select number, status, opens_at, closes_at from wave where number >= ? order by number", wave))
                .unchanged("applications", () -> jdbc.queryForObject("select count(*) from wave_application where wave_number = ?",
                        Long.class, wave))
                .unchanged("exclusions", () -> jdbc.queryForObject("select count(*) from assistance_exclusion", Long.class))
                .unchanged("the grievance", () -> jdbc.queryForMap("select * from grievance where id = ?", grievanceId))
                .unchanged("grievances", () -> jdbc.queryForObject("select count(*) from grievance", Long.class))
                .unchanged("answers", () -> jdbc.queryForObject("select count(*) from grievance_answer", Long.class))
                .unchanged("grievance notices", () -> jdbc.queryForObject("select count(*) from grievance_notice", Long.class))
                .unchanged("login codes", () -> jdbc.queryForObject("select count(*) from login_code", Long.class))
                .unchanged("events", () -> jdbc.queryForObject("select count(*) from outbox_message where message_key = ?",
                        Long.class, participant.id().toString()))
                .run();
        assertThat(report.faults()).as(report.toString()).isEmpty();
        assertThat(report.size()).isGreaterThan(300);
    }

    @Test
    void an_email_refused_by_the_database_is_answered_409_and_never_written_to_the_log(CapturedOutput output) throws Exception {
        Registered changing = registeredParticipant();
        Registered holder = registeredParticipant();
        String taken = "diambil" + SEQUENCE.incrementAndGet() + "x" + System.identityHashCode(this) + "@example.id";

        Future<HttpApi.Response> update;
        try (Connection held = dataSource.getConnection()) {
            // the other participant takes the address in a transaction not yet committed: the
            // update's own check cannot see it, and only the unique constraint refuses it
            held.setAutoCommit(false);
            try (PreparedStatement take = held.prepareStatement("update participant set email = ? where id = ?")) {
                take.setString(1, taken);
                take.setObject(2, holder.id());
                take.executeUpdate();
            }
            update = CLIENTS.submit(() -> changing.api().send("PATCH", "/api/v1/participants/me", Map.of("email", taken), Map.of()));
            await().atMost(WAIT).until(() -> waitingOnLock("update participant") == 1);
            held.commit();
        }

        HttpApi.Response refused = update.get(30, TimeUnit.SECONDS);
        // the embedded database server's own log is relayed into this output; it is the
        // database's log, not the service's, and is left out
        assertThat(output.getAll().lines().filter(line -> !line.contains("embedded.EmbeddedPostgres")))
                .as("the service's log").noneMatch(line -> line.contains(taken));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asString()).isEqualTo("EMAIL_ALREADY_REGISTERED");
    }

    // --- helpers --------------------------------------------------------------------------------

    record Registered(UUID id, HttpApi api) {
    }

    private Registered registeredParticipant() {
        var response = api().post("/api/v1/participants", applicant());
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        UUID id = UUID.fromString(response.json().get("participantId").asString());
        return new Registered(id, api().withToken(tokens.issue(id.toString(), Roles.PARTICIPANT).accessToken()));
    }

    /** Verification passing is another service's business; here the participant is simply marked as it would be. */
    private HttpApi operator() {
        return api().withToken(tokens.issue("ops", Roles.OPERATOR).accessToken());
    }

    private Registered verifiedParticipant() {
        Registered participant = registeredParticipant();
        jdbc.update("update participant set status = 'VERIFIED', version = version + 1 where id = ?", participant.id());
        return participant;
    }

    private void openWave(int number) {
        Instant now = Instant.now();
        waves.create(new Waves.NewWave(number, now.minusSeconds(1), now.plus(Duration.ofDays(7)), 10, Map.of("31", 10L),
                List.of(), 1L));
        waves.open(number);
    }

    private String status(UUID participant) {
        return jdbc.queryForObject("select status from participant where id = ?", String.class, participant);
    }

    private long membersOf(String familyCard) {
        return jdbc.queryForObject("select count(*) from participant where kk_hash = ?", Long.class,
                crypto.blindIndex(familyCard));
    }

    private long waitingForAdvisoryLocks() {
        return jdbc.queryForObject("select count(*) from pg_locks where locktype = 'advisory' and not granted", Long.class);
    }

    /** Sessions waiting for a lock while running a statement that contains {@code statement}. */
    private long waitingOnLock(String statement) {
        return jdbc.queryForObject("select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
                + "and lower(query) like ?", Long.class, "%" + statement + "%");
    }

    private static <T> List<T> all(int times, Callable<T> task) throws Exception {
        List<Callable<T>> tasks = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            tasks.add(task);
        }
        return all(tasks);
    }

    private static <T> List<T> all(List<Callable<T>> tasks) throws Exception {
        List<T> results = new ArrayList<>();
        for (Future<T> result : CLIENTS.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
            results.add(result.get());
        }
        return results;
    }

    private static String internationalPhone(Map<String, Object> applicant) {
        return "+62" + ((String) applicant.get("phone")).substring(1);
    }

    private static String freshFamilyCard() {
        return "3175" + "%012d".formatted(900_000_000L + SEQUENCE.incrementAndGet());
    }

    /** A valid applicant of its own: NIKs born 1 Jan 1991, 0819 phones and KK 3175... are used by no other test class. */
    private static Map<String, Object> applicant() {
        int n = SEQUENCE.incrementAndGet();
        return TestApplicants.body("317405010191" + "%04d".formatted(n), "3175" + "%012d".formatted(n), "Agus Setiawan",
                "Jakarta", "1991-01-01", "serentak" + n + "@example.id", "0819" + "%08d".formatted(n),
                "Jl. Kebon Sirih No. 5");
    }
}
