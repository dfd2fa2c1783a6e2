package id.go.prakerja.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.go.prakerja.launcher.LocalPlatform;
import id.go.prakerja.testsupport.ConsoleBrowser;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.journey.Applicants;
import id.go.prakerja.testsupport.journey.Trainees;
import tools.jackson.databind.JsonNode;

/**
 * The packaged platform, started as a user starts it (separate JVMs, real Kafka, real
 * PostgreSQL, simulators, gateway on :8080), driven only over HTTP through the entry point.
 */
class PlatformJourneyIT {

    private static final HttpApi GATEWAY = HttpApi.at("http://localhost:8080");
    private static final HttpApi SMS = HttpApi.at("http://localhost:9001");
    /** Applicants walking through the platform at the same moment. */
    private static final int CLIENTS = 32;
    private static final List<String> SERVICES = List.of("registration", "verification", "training", "incentive",
            "payment", "survey", "console");
    private static Path repository;
    private static Path data;
    private static LocalPlatform platform;

    @BeforeAll
    static void start() throws Exception {
        // a step may wait for a service the journey kills to be started again
        Applicants.patience(Duration.ofMinutes(4));
        repository = Path.of("").toAbsolutePath().getParent();
        data = Files.createTempDirectory(Path.of("").toAbsolutePath().resolve("target"), "platform-data-");
        platform = newPlatform();
        platform.start();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.stop();
        }
    }

    private static LocalPlatform newPlatform() {
        // the demo schedule: a payout date every 20 s, so the first tranche and survey are paid within the journey
        return new LocalPlatform(repository, data, List.of(LocalPlatform.DEFAULT_JVM_OPTIONS.split(" ")),
                LocalPlatform.packagedClasspath(repository), List.of("demo"));
    }

    /**
     * One platform start for the whole journey: two people register across a consumer outage,
     * 1,000 people Dukcapil knows walk from registration through the four verification layers
     * (codes read from the simulated mailbox and handset, Dukcapil and face match asked by the
     * platform, a few undecided faces settled by an operator) into a wave with province quotas;
     * the selected buy a training, learn on the platform, rate and review it, link a payout
     * account and are paid their first tranche and first survey through the simulated partners,
     * exactly once each, while the payment gateway is killed (SIGKILL, started again by the launcher)
     * and OVO is down for 30 s; no event is left stuck; then the whole platform restarts on the same
     * data and everyone's state, the payments, and the rule "nobody selected twice", survive it.
     */
    @Test
    void the_platform_takes_a_thousand_applicants_to_a_wave_through_a_consumer_outage_and_a_restart() throws Exception {
        for (String service : SERVICES) {
            var health = GATEWAY.get("/health/" + service);
            assertThat(health.status()).as(service).isEqualTo(200);
            assertThat(health.json().get("status").asString()).as(service).isEqualTo("UP");
        }
        Early early = twoParticipantsRegisterAcrossAConsumerOutage();
        HttpApi operator = GATEWAY.withToken(GATEWAY.post("/api/v1/auth/operator-token",
                Map.of("username", "operator", "password", "operator-local-password")).json().get("accessToken").asString());
        Selection selection = sixHundredApplicantsRegisterVerifyAndAreSelectedWithinEveryQuota(operator);
        Map<String, String> paid = theSelectedTrainAndArePaidExactlyOnce(operator, selection);
        noEventIsStuckInAnyService(operator);
        theConsoleShowsWhatEachServiceCounts(operator, selection, paid.size());

        // the whole platform stops and starts again on the same data, the simulated partners' ledgers
        // too: what was paid before must still be credited there, once, and nothing paid again
        Set<String> paidBeforeRestart = succeeded(operator);
        platform.stop();
        platform = newPlatform();
        platform.start();

        assertThat(GATEWAY.withToken(early.budiToken()).get("/api/v1/verification/me").json().get("participantId").asString())
                .isEqualTo(early.budi());
        assertThat(GATEWAY.withToken(early.sitiToken()).get("/api/v1/participants/me").json().get("nik").asString())
                .isEqualTo("3273********0002");
        var again = GATEWAY.post("/api/v1/participants", applicant("3174050101900001", "081234560003", "other@example.id",
                "1990-01-01", "MALE"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("NIK_ALREADY_REGISTERED");
        nobodyIsSelectedTwice(operator, selection);
        for (var winner : selection.winners()) {
            String reference = paid.get(winner.participantId());
            if (reference != null) {
                assertThat(winner.api().get("/api/v1/incentives/me").json().get("postTraining").get(0).get("partnerReference")
                        .asString()).isEqualTo(reference);
            }
        }
        noInstructionIsPaidTwice(operator, paidBeforeRestart, Instant.EPOCH);
    }

    private static Set<String> succeeded(HttpApi operator) {
        Set<String> ids = new HashSet<>();
        Trainees.payments(operator).stream().filter(p -> p.get("status").asString().equals("SUCCEEDED"))
                .forEach(p -> ids.add(p.get("instructionId").asString()));
        return ids;
    }

    /**
     * The selected spend their balance and are paid: most walk the whole way; every tenth stops before
     * buying, before reviewing, or before linking an account, and the operators' lists say why each waits.
     * Returns the partner's reference of each participant's first tranche.
     */
    private Map<String, String> theSelectedTrainAndArePaidExactlyOnce(HttpApi operator, Selection selection) throws Exception {
        List<Applicants.Applicant> winners = selection.winners();
        Map<String, String> firstTranche = new java.util.concurrent.ConcurrentHashMap<>();
        Set<String> noReview = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Set<String> noAccount = java.util.concurrent.ConcurrentHashMap.newKeySet();
        long started = System.nanoTime();
        ExecutorService people = Executors.newVirtualThreadPerTaskExecutor();
        java.util.concurrent.CountDownLatch linking = new java.util.concurrent.CountDownLatch(20);
        // once payments flow: the payment gateway dies mid-work and a partner is down for half a minute
        Future<?> faults = people.submit(() -> {
            linking.await();
            platform.killApp("payment-gateway-service");
            HttpApi ovo = Trainees.PARTNERS.get("OVO");
            assertThat(ovo.post("/_control/fault", Map.of("mode", "DOWN")).status()).isEqualTo(200);
            Thread.sleep(30_000);
            assertThat(ovo.post("/_control/fault", Map.of("mode", "NONE")).status()).isEqualTo(200);
            return null;
        });
        try {
            List<Future<?>> walks = new ArrayList<>();
            for (int i = 0; i < winners.size(); i++) {
                var a = winners.get(i);
                int variant = i % 10;
                if (variant == 7) {
                    continue;   // selected, has not bought yet
                }
                walks.add(people.submit(() -> {
                    JsonNode purchase = Trainees.buyTheBestRatedTraining(a);
                    Trainees.learn(a, purchase);
                    Trainees.rateAndReview(a, purchase, variant != 8);
                    if (variant == 8) {
                        noReview.add(a.participantId());
                        return null;
                    }
                    if (variant == 9) {
                        noAccount.add(a.participantId());
                        return null;
                    }
                    Trainees.linkAnAccount(a);
                    linking.countDown();
                    JsonNode incentives = Trainees.awaitFirstTranchePaid(a);
                    JsonNode tranche = incentives.get("postTraining").get(0);
                    assertThat(tranche.get("amount").asLong()).isEqualTo(600_000L);
                    firstTranche.put(a.participantId(), tranche.get("partnerReference").asString());
                    Trainees.answerTheFirstSurveyAndArePaidForIt(a);
                    return null;
                }));
            }
            for (Future<?> walk : walks) {
                walk.get(10, TimeUnit.MINUTES);
            }
            faults.get(1, TimeUnit.MINUTES);
        } finally {
            people.shutdownNow();
        }
        assertThat(platform.restarts()).as("the launcher started the killed gateway again").containsEntry("payment-gateway-service", 1);
        System.out.printf("%d selected bought, learned, rated and %d of them were paid their first tranche and survey in %d s%n",
                winners.size() - winners.size() / 10, firstTranche.size(), (System.nanoTime() - started) / 1_000_000_000);

        // what the participants stopped before is what the operators' lists say they wait for
        var waiting = operator.get("/admin/trainings/completions/waiting?limit=1000").json();
        Set<String> waitingForReview = new HashSet<>();
        waiting.forEach(w -> {
            if (w.get("missing").toString().contains("REVIEW")) {
                waitingForReview.add(w.get("participantId").asString());
            }
        });
        assertThat(waitingForReview).containsExactlyInAnyOrderElementsOf(noReview);
        Map<String, String> backlog = new TreeMap<>();
        operator.get("/admin/incentives/backlog?limit=1000").json()
                .forEach(row -> backlog.put(row.get("participantId").asString(), row.get("reason").asString()));
        for (String participant : noAccount) {
            assertThat(backlog).containsEntry(participant, "NO_ACCOUNT");
        }
        assertThat(noInstructionIsPaidTwice(operator, Set.of(), Instant.EPOCH)).isNotEmpty();
        return firstTranche;
    }

    /**
     * The operators' page, in a real browser, shows the funnel each service counts for itself, opens a
     * backlog reason down to a participant's timeline across services, and downloads the funnel as CSV.
     */
    private void theConsoleShowsWhatEachServiceCounts(HttpApi operator, Selection selection, int paid) throws Exception {
        long registered = 0;
        for (var entry : operator.get("/admin/participants/counts").json().get("byStatus").properties()) {
            registered += entry.getValue().asLong();
        }
        long verified = operator.get("/admin/verification/counts").json().get("cases").get("VERIFIED").asLong();
        long selected = selection.winners().size();
        long bought = selected - variants(selection.winners().size(), 7);   // index 7, 17, ... have not bought
        long reconciled = bought - variants(selection.winners().size(), 8); // 8, 18, ... have not reviewed
        Path downloads = Files.createTempDirectory(data, "console-downloads-");
        try (ConsoleBrowser browser = ConsoleBrowser.open("http://localhost:8080", downloads)) {
            browser.signIn("operator", "operator-local-password");
            // the console reads the topics on its own; it catches up with the services
            Map<String, Long> funnel = browser.funnelOnceAtLeast("SURVEY_1_PAID", paid);
            assertThat(funnel).containsEntry("REGISTERED", registered).containsEntry("VERIFIED", verified)
                    .containsEntry("SELECTED", selected).containsEntry("FIRST_PURCHASE", bought)
                    .containsEntry("TRANCHE_1_PAID", (long) paid).containsEntry("SURVEY_1_PAID", (long) paid);
            assertThat(funnel).containsEntry("FIRST_TRAINING_COMPLETED", bought).containsEntry("RECONCILED", reconciled);
            assertThat(Files.readString(browser.downloadCsv("csv-funnel", "funnel.csv"))).contains("REGISTERED");
            var timeline = browser.openTimeline("SELECTION", "NOT_SELECTED");
            assertThat(timeline.eventTypes()).contains("ParticipantRegistered", "ParticipantVerified", "ParticipantNotSelected");
            assertThat(Files.readString(browser.downloadCsv("csv-timeline", "timeline.csv"))).contains("ParticipantNotSelected");
            assertThat(browser.errors()).isEmpty();
            browser.showFunnel().screenshot(repository.resolve("docs").resolve("operator-console-funnel.png"));
        }
    }

    /** How many of the first {@code n} winners walk variant {@code v} (their index modulo 10). */
    private static long variants(int n, int v) {
        return java.util.stream.IntStream.range(0, n).filter(i -> i % 10 == v).count();
    }

    /**
     * The partners' own ledgers against the gateway's payments: every payment we hold as succeeded since
     * {@code since} was credited exactly once, no instruction was credited under two references, and
     * every instruction paid earlier ({@code paidEarlier}, e.g. before a restart of the whole platform,
     * the simulated partners' ledgers included) is still credited there. Returns the instructions
     * credited in the ledgers.
     */
    private Set<String> noInstructionIsPaidTwice(HttpApi operator, Set<String> paidEarlier, Instant since) {
        List<JsonNode> before = Trainees.payments(operator);
        Map<String, Integer> credits = Trainees.creditsByReference();
        List<JsonNode> after = Trainees.payments(operator);
        for (JsonNode payment : before) {
            if (payment.get("status").asString().equals("SUCCEEDED")
                    && !Instant.parse(payment.get("finishedAt").asString()).isBefore(since)) {
                assertThat(credits.get(payment.get("partnerReferenceNo").asString())).as(payment.toString()).isEqualTo(1);
            }
        }
        Map<String, String> instructionOf = new java.util.HashMap<>();
        after.forEach(p -> instructionOf.put(p.get("partnerReferenceNo").asString(), p.get("instructionId").asString()));
        Map<String, Integer> creditsPerInstruction = new TreeMap<>();
        credits.forEach((reference, count) -> {
            assertThat(count).as("credits under " + reference).isEqualTo(1);
            assertThat(instructionOf).as("a credit the gateway knows: " + reference).containsKey(reference);
            creditsPerInstruction.merge(instructionOf.get(reference), 1, Integer::sum);
        });
        assertThat(creditsPerInstruction.values()).allMatch(n -> n == 1);
        assertThat(creditsPerInstruction.keySet()).as("credits kept in the partners' ledgers across the restart")
                .containsAll(paidEarlier);
        return creditsPerInstruction.keySet();
    }

    private record Early(String budi, String budiToken, String siti, String sitiToken) {
    }

    private record Selection(List<Applicants.Applicant> winners, Applicants.Applicant notChosen, Map<String, Long> quotas) {
    }

    private Early twoParticipantsRegisterAcrossAConsumerOutage() throws Exception {
        String budi = register("3174050101900001", "081234560001", "budi@example.id", "1990-01-01", "MALE");
        String budiToken = login("+6281234560001");
        await().atMost(Duration.ofSeconds(60)).until(() -> GATEWAY.withToken(budiToken).get("/api/v1/verification/me").status() == 200);
        assertThat(GATEWAY.withToken(budiToken).get("/api/v1/verification/me").json().get("participantId").asString()).isEqualTo(budi);

        // verification is down while Siti registers: her event waits in Kafka
        platform.stopApp("verification-service");
        String siti = register("3273154512850002", "081234560002", "siti@example.id", "1985-12-05", "FEMALE");
        String sitiToken = login("+6281234560002");
        assertThat(GATEWAY.withToken(sitiToken).get("/api/v1/verification/me").status()).isGreaterThanOrEqualTo(500);
        platform.startApp("verification-service");
        await().atMost(Duration.ofSeconds(60)).until(() -> GATEWAY.withToken(sitiToken).get("/api/v1/verification/me").status() == 200);
        assertThat(GATEWAY.withToken(sitiToken).get("/api/v1/verification/me").json().get("participantId").asString()).isEqualTo(siti);
        return new Early(budi, budiToken, siti, sitiToken);
    }

    /** Every service's outbox drains, nothing is parked and no dead letter waits. */
    private void noEventIsStuckInAnyService(HttpApi operator) {
        for (String service : SERVICES) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                var outbox = operator.get("/admin/messaging/" + service + "/outbox").json();
                assertThat(outbox.get("pending").asLong()).as(service + " pending").isZero();
                assertThat(outbox.get("parked").asLong()).as(service + " parked").isZero();
            });
            assertThat(operator.get("/admin/messaging/" + service + "/dead-letters?status=PENDING").json().size())
                    .as(service + " dead letters").isZero();
        }
    }

    private Selection sixHundredApplicantsRegisterVerifyAndAreSelectedWithinEveryQuota(HttpApi operator) throws Exception {
        List<JsonNode> residents = Applicants.residents(600);
        List<Applicants.Applicant> applicants = new ArrayList<>(java.util.Collections.nCopies(residents.size(), null));
        Set<Integer> unfinished = new HashSet<>();   // stop after the e-mail layer
        Set<Integer> undecided = new HashSet<>();    // the face match cannot decide: an operator will
        for (int i = 0; i < residents.size(); i++) {
            if (i % 50 == 7) {
                unfinished.add(i);
            } else if (i % 50 == 13) {
                undecided.add(i);
            }
        }
        long started = System.nanoTime();
        // many people at once, as on a real day: each on a virtual thread, at most CLIENTS in flight
        Semaphore inFlight = new Semaphore(CLIENTS);
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<?>> walks = new ArrayList<>();
            for (int i = 0; i < residents.size(); i++) {
                int index = i;
                walks.add(clients.submit(() -> {
                    inFlight.acquireUninterruptibly();
                    try {
                        walk(index, residents, applicants, unfinished, undecided);
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            for (Future<?> walk : walks) {
                walk.get(10, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
        System.out.printf("%d applicants registered and walked verification through :8080 in %d s (%d clients)%n",
                residents.size(), (System.nanoTime() - started) / 1_000_000_000, CLIENTS);

        // the operator works the review queue: half approved, half rejected
        var queue = operator.get("/admin/verification/review-queue?size=200").json().get("content");
        Set<String> inQueue = new HashSet<>();
        queue.forEach(c -> inQueue.add(c.get("participantId").asString()));
        Set<String> rejected = new HashSet<>();
        for (int index : undecided) {
            String id = applicants.get(index).participantId();
            assertThat(inQueue).contains(id);
            assertThat(operator.get("/admin/verification/cases/" + id + "/kyc/selfie").body()).contains("UNSURE " + id);
            if (index % 100 == 13) {
                assertThat(operator.post("/admin/verification/cases/" + id + "/approve", Map.of("note", "same person"))
                        .json().get("status").asString()).isEqualTo("VERIFIED");
            } else {
                assertThat(operator.post("/admin/verification/cases/" + id + "/reject", Map.of("reasonCode", "FACE_MISMATCH"))
                        .json().get("status").asString()).isEqualTo("REJECTED");
                rejected.add(id);
            }
        }
        Set<String> notVerified = new HashSet<>(rejected);
        unfinished.forEach(i -> notVerified.add(applicants.get(i).participantId()));
        var counts = operator.get("/admin/verification/counts").json();
        assertThat(counts.get("cases").get("VERIFIED").asLong()).isEqualTo(residents.size() - notVerified.size());
        assertThat(counts.get("reasons").toString()).contains("FACE_UNDECIDED");

        // registration learns every outcome from the verification events
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> applicants.stream()
                .filter(a -> !notVerified.contains(a.participantId()))
                .allMatch(a -> "VERIFIED".equals(a.api().get("/api/v1/participants/me").json().get("status").asString())));

        // a wave for all provinces but three, 8 places each, 150 in all
        List<String> provinces = applicants.stream().map(Applicants.Applicant::province).distinct().sorted().toList();
        Set<String> outside = new HashSet<>(provinces.subList(provinces.size() - 3, provinces.size()));
        Map<String, Long> quotas = new TreeMap<>();
        provinces.stream().filter(p -> !outside.contains(p)).forEach(p -> quotas.put(p, 8L));
        Instant now = Instant.now();
        assertThat(operator.post("/admin/waves", Map.of("number", 7, "opensAt", now.toString(), "closesAt",
                now.plus(Duration.ofDays(7)).toString(), "totalQuota", 150, "quotaByProvince", quotas,
                "priorityRules", List.of("LAID_OFF_FIRST"))).status()).isEqualTo(201);
        assertThat(operator.post("/admin/waves/7/open", null).status()).isEqualTo(200);

        Map<String, Long> joinedPerProvince = new TreeMap<>();
        Map<String, Integer> refusals = new TreeMap<>();
        List<Applicants.Applicant> joined = new ArrayList<>();
        for (var a : applicants) {
            var join = a.api().post("/api/v1/waves/7/applications", null);
            if (join.status() == 201) {
                joined.add(a);
                joinedPerProvince.merge(a.province(), 1L, Long::sum);
            } else {
                refusals.merge(join.json().get("code").asString(), 1, Integer::sum);
            }
        }
        long outsideVerified = applicants.stream().filter(a -> outside.contains(a.province()) && !notVerified.contains(a.participantId())).count();
        assertThat(refusals).containsExactlyInAnyOrderEntriesOf(Map.of("NOT_VERIFIED", notVerified.size(),
                "PROVINCE_NOT_IN_WAVE", (int) outsideVerified));

        assertThat(operator.post("/admin/waves/7/close", null).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(120)).until(() -> "SELECTED".equals(operator.get("/admin/waves/7").json().get("status").asString()));
        var wave = operator.get("/admin/waves/7").json();
        long expected = Math.min(150, joinedPerProvince.values().stream().mapToLong(n -> Math.min(n, 8)).sum());
        long selected = 0;
        for (var entry : wave.get("selectedByProvince").properties()) {
            assertThat(quotas).containsKey(entry.getKey());
            assertThat(entry.getValue().asLong()).as("province " + entry.getKey()).isLessThanOrEqualTo(8);
            selected += entry.getValue().asLong();
        }
        assertThat(selected).isEqualTo(expected);

        // what each applicant sees; card numbers are unique
        await().atMost(Duration.ofSeconds(120)).until(() -> joined.stream().allMatch(a ->
                !"WAITING".equals(a.api().get("/api/v1/waves/me").json().get(0).get("status").asString())
                        && !"PROCESSING".equals(a.api().get("/api/v1/waves/me").json().get(0).get("status").asString())));
        Set<String> cards = new HashSet<>();
        List<Applicants.Applicant> winners = new ArrayList<>();
        Applicants.Applicant notChosen = null;
        for (var a : joined) {
            var mine = a.api().get("/api/v1/waves/me").json().get(0);
            if (mine.get("status").asString().equals("SELECTED")) {
                assertThat(mine.get("cardNumber").asString()).hasSize(16);
                assertThat(mine.get("trainingBalance").asLong()).isEqualTo(1_000_000L);
                assertThat(cards.add(mine.get("cardNumber").asString())).isTrue();
                winners.add(a);
            } else {
                assertThat(mine.get("status").asString()).isEqualTo("NOT_SELECTED");
                notChosen = a;
            }
        }
        assertThat(winners).hasSize((int) selected);

        // each is told by SMS: the selected their card number
        var told = winners.get(0);
        String card = told.api().get("/api/v1/waves/me").json().get(0).get("cardNumber").asString();
        String inbox = "/sms/v1/messages?to=" + URLEncoder.encode(told.resident().get("phone").asString(), StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(120)).until(() -> SMS.get(inbox).body().contains(card));

        return new Selection(winners, notChosen, quotas);
    }

    /** The next wave refuses everyone already selected, and takes the others. */
    private void nobodyIsSelectedTwice(HttpApi operator, Selection selection) {
        Instant now = Instant.now();
        assertThat(operator.post("/admin/waves", Map.of("number", 8, "opensAt", now.toString(), "closesAt",
                now.plus(Duration.ofDays(7)).toString(), "totalQuota", 150, "quotaByProvince", selection.quotas())).status())
                .isEqualTo(201);
        operator.post("/admin/waves/8/open", null);
        for (var winner : selection.winners()) {
            assertThat(winner.api().post("/api/v1/waves/8/applications", null).json().get("code").asString())
                    .isEqualTo("ALREADY_SELECTED");
        }
        assertThat(selection.notChosen()).isNotNull();
        assertThat(selection.notChosen().api().post("/api/v1/waves/8/applications", null).status()).isEqualTo(201);
    }

    private static void walk(int index, List<JsonNode> residents, List<Applicants.Applicant> applicants,
            Set<Integer> unfinished, Set<Integer> undecided) {
        var a = Applicants.register(index, residents.get(index), index % 4 == 0 ? "LAID_OFF" : "JOB_SEEKER");
        applicants.set(index, a);
        Applicants.confirmEmail(a);
        if (unfinished.contains(index)) {
            return;
        }
        Applicants.awaitNikPassed(a);
        Applicants.confirmPhone(a);
        Applicants.uploadKyc(a, undecided.contains(index));
    }

    private static String register(String nik, String phone, String email, String birthDate, String sex) {
        var response = GATEWAY.post("/api/v1/participants", applicant(nik, phone, email, birthDate, sex));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("participantId").asString();
    }

    private static Map<String, Object> applicant(String nik, String phone, String email, String birthDate, String sex) {
        return Map.ofEntries(Map.entry("nik", nik), Map.entry("kkNumber", nik.substring(0, 6) + "1201090123"),
                Map.entry("fullName", "Peserta Uji"), Map.entry("birthPlace", "Jakarta"), Map.entry("birthDate", birthDate),
                Map.entry("sex", sex), Map.entry("email", email), Map.entry("phone", phone),
                Map.entry("address", "Jl. Merdeka 1"), Map.entry("provinceCode", nik.substring(0, 2)),
                Map.entry("regencyCode", nik.substring(0, 4)), Map.entry("education", "SMA_SMK"),
                Map.entry("jobStatus", "JOB_SEEKER"),
                Map.entry("declarations", Map.of("inFormalEducation", false, "publicOffice", "NONE")));
    }

    private static String login(String phoneE164) {
        assertThat(GATEWAY.post("/api/v1/auth/otp", Map.of("phone", phoneE164)).status()).isEqualTo(202);
        String query = "/sms/v1/messages?to=" + URLEncoder.encode(phoneE164, StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(10)).until(() -> SMS.get(query).json().size() > 0);
        String text = SMS.get(query).json().get(0).get("text").asString();
        String code = text.replaceAll("(?s).*?(\\d{6}).*", "$1");
        var token = GATEWAY.post("/api/v1/auth/token", Map.of("phone", phoneE164, "code", code));
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        return token.json().get("accessToken").asString();
    }
}
