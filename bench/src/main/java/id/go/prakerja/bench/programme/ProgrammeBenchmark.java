package id.go.prakerja.bench.programme;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import id.go.prakerja.launcher.LocalPlatform;
import id.go.prakerja.launcher.PlatformLayout;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.journey.Applicants;
import id.go.prakerja.testsupport.journey.Applicants.Applicant;
import id.go.prakerja.testsupport.journey.Trainees;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The 2020 programme replayed on this machine: {@code bench/programme [--participants=20000]
 * [--clients=64] [--faults] [--replicas=2] [--attach] [--seed=7]}. Starts the whole platform as
 * {@code ./run-local --demo} does (fresh data; or uses a running one with {@code --attach}) and drives
 * a wave of people only through what a front end, a training platform and a payment partner use:
 * registration and the four verification layers, two waves with province quotas (who is not
 * selected joins the next), purchases, learning, rating and review, payout accounts at the four
 * partners, surveys; each person stops where their {@link Fate} says. Prints each stage's rate and
 * per-person p50/p99, the time from the last wave's close to the last tranche paid, the console's
 * funnel against what this script did, every participant not fully paid by the reason the platform
 * gives, the machine's own limits measured in the same run and the CPU each process used; and writes
 * it to {@code docs/benchmarks/programme.md}, newest first.
 */
public final class ProgrammeBenchmark {

    private static final HttpApi GATEWAY = HttpApi.at("http://localhost:8080").retrying(Duration.ofMinutes(3));

    private final Options options;
    private final LocalPlatform platform;
    private final Map<String, StageClock> stages = new java.util.LinkedHashMap<>();
    private final Map<String, Long> did = new ConcurrentHashMap<>();
    private final Map<String, Fate> fateOf = new ConcurrentHashMap<>();
    private final Map<String, Applicant> applicantOf = new ConcurrentHashMap<>();
    private final Set<String> fullyPaid = ConcurrentHashMap.newKeySet();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private HttpApi operator;

    record Options(int participants, int clients, boolean faults, int replicas, boolean attach, long seed, String command) {

        static Options parse(String[] args) {
            int participants = 20_000;
            int clients = 64;
            boolean faults = false;
            int replicas = 1;
            boolean attach = false;
            long seed = 7;
            for (String arg : args) {
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
                if (arg.startsWith("--participants=")) {
                    participants = Integer.parseInt(value);
                } else if (arg.startsWith("--clients=")) {
                    clients = Integer.parseInt(value);
                } else if (arg.equals("--faults")) {
                    faults = true;
                } else if (arg.startsWith("--replicas=")) {
                    replicas = Integer.parseInt(value);
                } else if (arg.equals("--attach")) {
                    attach = true;
                } else if (arg.startsWith("--seed=")) {
                    seed = Long.parseLong(value);
                } else {
                    throw new IllegalArgumentException("unknown option " + arg + "; use --participants=N --clients=N --faults "
                            + "--replicas=1|2 --attach --seed=N");
                }
            }
            if (attach && (faults || replicas > 1)) {
                throw new IllegalArgumentException("--faults and --replicas need the platform this benchmark starts itself");
            }
            return new Options(participants, clients, faults, replicas, attach, seed,
                    "bench/programme " + String.join(" ", args));
        }
    }

    private ProgrammeBenchmark(Options options, LocalPlatform platform) {
        this.options = options;
        this.platform = platform;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path repository = Path.of("").toAbsolutePath();
        LocalPlatform platform = null;
        if (!options.attach()) {
            Path data = repository.resolve("bench").resolve("target").resolve("programme-data");
            deleteRecursively(data);
            platform = new LocalPlatform(repository, data, List.of(LocalPlatform.DEFAULT_JVM_OPTIONS.split(" ")),
                    LocalPlatform.packagedClasspath(repository), List.of("demo"))
                    .population(Math.max(10_000, options.participants() * 3 / 2 + 1_000))
                    .replicas(options.replicas()).startTimeout(Duration.ofMinutes(10));
            LocalPlatform started = platform;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "platform-stop"));   // Ctrl-C stops it too
            platform.start();
        }
        try {
            new ProgrammeBenchmark(options, platform).run(repository);
        } finally {
            System.exit(0);   // the shutdown hook stops the platform
        }
    }

    private StageClock stage(String name) {
        return stages.computeIfAbsent(name, StageClock::new);
    }

    private void count(String step) {
        did.merge(step, 1L, Long::sum);
    }

    private void run(Path repository) throws Exception {
        Applicants.patience(options.faults() ? Duration.ofMinutes(6) : Duration.ofMinutes(3));
        Instant began = Instant.now();
        double pgbench = MachineLimits.pgbenchTps(PlatformLayout.POSTGRES_PORT, 30);
        double kafka = MachineLimits.kafkaProducerRecordsPerSecond("localhost:" + PlatformLayout.KAFKA_PORT, 200_000);
        System.out.printf(Locale.ROOT, "machine: pgbench -N 32 clients %.0f tps; Kafka producer %.0f records/s%n", pgbench, kafka);
        operator = GATEWAY.withToken(GATEWAY.post("/api/v1/auth/operator-token",
                Map.of("username", "operator", "password", "operator-local-password")).json().get("accessToken").asString());
        Faults faults = options.faults() ? new Faults(platform, options.seed()) : null;
        List<Applicant> verified;
        List<Applicant> selected = new ArrayList<>();
        Instant lastClose;
        Instant lastPaid;
        try (CpuSampler cpu = new CpuSampler(platform == null ? Map::of : platform::processIds,
                PlatformLayout.POSTGRES_PORT)) {
            List<JsonNode> residents = Applicants.residents(options.participants());
            if (faults != null) {
                faults.during("verification", Duration.ofSeconds(90), List.of(faults.kill("registration-service"),
                        faults.kill("verification-service"), faults.kill("gateway"), faults.restartKafka()));
            }
            verified = registerAndVerify(residents);
            System.out.printf("%,d registered, %,d verified%n", did.getOrDefault("REGISTERED", 0L), verified.size());
            if (faults != null) {
                faults.during("waves", Duration.ofSeconds(20), List.of(faults.kill("operator-console")));
            }
            List<Applicant> waiting = verified;
            for (int round = 0; round < 2 && !waiting.isEmpty(); round++) {
                List<Applicant> notSelected = new ArrayList<>();
                wave(waiting, round == 0 ? 0.7 : 1.0, selected, notSelected);
                waiting = notSelected;
            }
            lastClose = Instant.now();
            System.out.printf("%,d selected in two waves%n", selected.size());
            if (faults != null) {
                List<Faults.Fault> training = new ArrayList<>();
                for (String name : platform.instanceNames()) {
                    if (!Set.of("registration-service", "verification-service", "gateway", "operator-console").contains(name)) {
                        training.add(faults.kill(name));
                    }
                }
                training.add(faults.restartPostgres());
                training.add(faults.down("OVO", "http://localhost:9005"));
                training.add(faults.down("training platforms", "http://localhost:9007"));
                faults.during("training", Duration.ofSeconds(120), training);
            }
            lastPaid = trainAndBePaid(selected);
            if (faults != null) {
                faults.awaitAll();
            }
            Map<String, Double> cpuSeconds = cpu.cpuSeconds();
            double wall = cpu.wallSeconds();
            String report = report(began, lastClose, lastPaid, pgbench, kafka, cpuSeconds, wall,
                    faults == null ? List.of() : faults.happened());
            System.out.println(report);
            write(repository.resolve("docs").resolve("benchmarks").resolve("programme.md"), report);
        }
        if (!problems.isEmpty()) {
            System.out.println("PROBLEMS:\n  " + String.join("\n  ", problems));
            System.exit(1);
        }
    }

    // ---- registration and verification

    private List<Applicant> registerAndVerify(List<JsonNode> residents) throws Exception {
        List<Applicant> verified = Collections.synchronizedList(new ArrayList<>());
        forEach(residents.size(), i -> {
            Fate fate = Fate.of(options.seed(), i);
            JsonNode resident = residents.get(i);
            if (fate == Fate.NAME_MISMATCH) {
                resident = ((ObjectNode) resident.deepCopy()).put("fullName", "Nama Yang Lain Sekali");
            }
            var registering = stage("register and log in through :8080").start();
            Applicant a = Applicants.register(i, resident, i % 4 == 0 ? "LAID_OFF" : "JOB_SEEKER");
            registering.done();
            fateOf.put(a.participantId(), fate);
            applicantOf.put(a.participantId(), a);
            count("REGISTERED");
            if (fate == Fate.NO_EMAIL) {
                return;
            }
            var verifying = stage("verify: e-mail, Dukcapil, phone, KYC").start();
            Applicants.confirmEmail(a);
            count("EMAIL_VERIFIED");
            if (fate == Fate.NAME_MISMATCH) {
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> String.valueOf(Applicants.myCase(a)).contains("NAME_MISMATCH"));
                return;
            }
            Applicants.awaitNikPassed(a);
            count("NIK_VERIFIED");
            if (fate == Fate.NO_PHONE) {
                return;
            }
            Applicants.confirmPhone(a);
            count("PHONE_VERIFIED");
            boolean unsure = fate == Fate.FACE_APPROVED || fate == Fate.FACE_REJECTED;
            Applicants.uploadKyc(a, unsure);
            if (unsure) {   // an operator works the review queue
                var decided = fate == Fate.FACE_APPROVED
                        ? operator.post("/admin/verification/cases/" + a.participantId() + "/approve", Map.of("note", "same person"))
                        : operator.post("/admin/verification/cases/" + a.participantId() + "/reject",
                                Map.of("reasonCode", "FACE_MISMATCH"));
                require(decided.status() == 200, decided);
            }
            if (fate.verified()) {
                count("KYC_VERIFIED");
                count("VERIFIED");
                verified.add(a);
                verifying.done();
            }
        });
        return new ArrayList<>(verified);
    }

    // ---- waves

    private void wave(List<Applicant> applicants, double share, List<Applicant> selected, List<Applicant> notSelected)
            throws Exception {
        Map<String, Long> perProvince = new TreeMap<>();
        applicants.forEach(a -> perProvince.merge(a.province(), 1L, Long::sum));
        Map<String, Long> quotas = new TreeMap<>();
        perProvince.forEach((p, n) -> quotas.put(p, Math.max(1, (long) Math.ceil(n * share))));
        long total = quotas.values().stream().mapToLong(Long::longValue).sum();
        Instant now = Instant.now();
        int number = 0;
        for (int candidate = 1; number == 0; candidate++) {
            var created = operator.post("/admin/waves", Map.of("number", candidate, "opensAt", now.toString(), "closesAt",
                    now.plus(Duration.ofDays(7)).toString(), "totalQuota", total, "quotaByProvince", quotas,
                    "priorityRules", List.of("LAID_OFF_FIRST")));
            if (created.status() == 201) {
                number = candidate;
            } else {
                require(created.status() == 409, created);
            }
        }
        require(operator.post("/admin/waves/" + number + "/open", null).status() == 200, "wave " + number + " opens");
        int wave = number;
        String join = "/api/v1/waves/" + wave + "/applications";
        forEach(applicants.size(), i -> {
            Applicant a = applicants.get(i);
            var joining = stage("join a wave").start();
            // registration learns the verdict from verification's event; until then the applicant is refused
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> a.api().post(join, null).status() == 201
                            || a.api().get("/api/v1/waves/me").body().contains("\"waveNumber\":" + wave));
            joining.done();
        });
        var selecting = stage("selection, per wave (close to every result)").start();
        require(operator.post("/admin/waves/" + wave + "/close", null).status() == 202, "wave " + wave + " closes");
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(1))
                .until(() -> "SELECTED".equals(operator.get("/admin/waves/" + wave).json().get("status").asString()));
        for (Applicant a : applicants) {
            JsonNode mine = null;
            for (int tries = 0; mine == null; tries++) {
                for (JsonNode application : a.api().get("/api/v1/waves/me").json()) {
                    if (application.get("waveNumber").asInt() == wave && Set.of("SELECTED", "NOT_SELECTED")
                            .contains(application.get("status").asString())) {
                        mine = application;
                    }
                }
                if (mine == null) {
                    require(tries < 600, "no result of wave " + wave + " for " + a.participantId());
                    Thread.sleep(500);
                }
            }
            if (mine.get("status").asString().equals("SELECTED")) {
                selected.add(a);
                count("SELECTED");
            } else {
                notSelected.add(a);
            }
        }
        selecting.done();
        count("JOINED_WAVE " + wave);
    }

    // ---- training, accounts, payments, surveys

    private Instant trainAndBePaid(List<Applicant> selected) throws Exception {
        Instant[] lastPaid = {Instant.EPOCH};
        // most of a person's time here is waiting for the payout dates and surveys of the demo schedule: many
        // more people walk at once than act at once (buying, learning, linking: at most --clients at a time)
        Semaphore acting = new Semaphore(options.clients());
        forEach(selected.size(), Math.max(options.clients(), Math.min(selected.size(), 2_000)), i -> {
            Applicant a = selected.get(i);
            Fate fate = fateOf.get(a.participantId());
            acting.acquireUninterruptibly();
            try {
                if (!act(a, fate, i)) {
                    return;
                }
            } finally {
                acting.release();
            }
            var paying = stage("paid in full (4 tranches, surveys)").start();
            for (int survey = 1; survey <= 3 && fate.answersSurveys(); survey++) {
                Trainees.answerSurvey(a, survey, Duration.ofSeconds(5));
            }
            awaitPaidInFull(a, fate, Duration.ofMinutes(15));
            paying.done();
            fullyPaid.add(a.participantId());
            synchronized (lastPaid) {
                lastPaid[0] = Instant.now();
            }
        });
        return lastPaid[0];
    }

    /** Buys, learns, rates and reviews, links an account, as far as the person's fate goes; true if they linked one. */
    private boolean act(Applicant a, Fate fate, int i) throws Exception {
        if (!fate.buys()) {
            return false;
        }
        var buying = stage("first purchase").start();
        JsonNode purchase = Trainees.buyTheBestRatedTraining(a);
        buying.done();
        count("FIRST_PURCHASE");
        if (!fate.completes()) {
            return false;
        }
        var learning = stage("learn until completion is reconciled").start();
        Trainees.learn(a, purchase);
        count("FIRST_TRAINING_COMPLETED");
        Trainees.rateAndReview(a, purchase, fate.reconciled());
        if (!fate.reconciled()) {
            return false;
        }
        learning.done();
        count("RECONCILED");
        if (!fate.linksAGoodAccount()) {
            return false;
        }
        var linking = stage("payout account verified").start();
        if (fate == Fate.REJECTED_THEN_GOOD) {
            var refused = a.api().post("/api/v1/payout-account", Map.of("partner", "BNI", "accountNumber", "9" + (100_000_000 + i)));
            require(refused.status() == 202, refused);
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> "REJECTED".equals(a.api().get("/api/v1/payout-account").json().get("status").asString()));
        }
        Trainees.linkAnAccount(a);
        linking.done();
        count("ACCOUNT_VERIFIED");
        return true;
    }

    /** Every tranche paid, and every survey the person answered. */
    private static void awaitPaidInFull(Applicant a, Fate fate, Duration within) {
        await().atMost(within).pollInterval(Duration.ofSeconds(5)).until(() -> paidInFull(a, fate));
    }

    private static boolean paidInFull(Applicant a, Fate fate) {
        JsonNode mine = a.api().get("/api/v1/incentives/me").json();
        for (JsonNode tranche : mine.get("postTraining")) {
            if (!"PAID".equals(tranche.get("status").asString())) {
                return false;
            }
        }
        for (JsonNode survey : mine.get("surveys")) {
            if (fate.answersSurveys() && !"PAID".equals(survey.get("status").asString())) {
                return false;
            }
        }
        return !mine.get("postTraining").isEmpty();
    }

    // ---- the report

    private String report(Instant began, Instant lastClose, Instant lastPaid, double pgbench, double kafka,
            Map<String, Double> cpuSeconds, double wall, List<String> faults) {
        StringBuilder out = new StringBuilder();
        out.append("## ").append(LocalDate.now()).append(": ").append(String.format(Locale.ROOT, "%,d", options.participants()))
                .append(" people").append(options.faults() ? ", with faults" : "")
                .append(options.replicas() > 1 ? ", " + options.replicas() + " replicas" : "").append("\n\n");
        out.append("`").append(options.command()).append("` (").append(Runtime.getRuntime().availableProcessors())
                .append(" cores; the whole run took ").append(Duration.between(began, Instant.now()).toMinutes()).append(" min)\n\n");
        out.append(String.format(Locale.ROOT, "Machine, same run: pgbench -N, 32 clients, durable: **%.0f tps**; Kafka producer "
                + "(1 KB, acks=all): **%.0f records/s**.%n%n", pgbench, kafka));
        out.append("| stage | people | per second | p50 ms (one person) | p99 ms |\n|---|---|---|---|---|\n");
        stages.values().forEach(s -> out.append(s.row()).append('\n'));
        payments(out);
        out.append(String.format(Locale.ROOT, "%n**From the last wave's close to the last tranche paid: %d s.**%n%n",
                lastPaid.isAfter(lastClose) ? Duration.between(lastClose, lastPaid).toSeconds() : -1));
        funnel(out);
        backlog(out);
        out.append("\nCPU by process over the run (").append(String.format(Locale.ROOT, "%.0f", wall))
                .append(" s of wall time, 2 cores = ").append(String.format(Locale.ROOT, "%.0f", 2 * wall))
                .append(" CPU s at most):\n\n| process | CPU s | share |\n|---|---|---|\n");
        double sum = cpuSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
        cpuSeconds.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).forEach(e -> out.append(
                String.format(Locale.ROOT, "| %s | %.0f | %.0f%% |%n", e.getKey(), e.getValue(), 100 * e.getValue() / Math.max(1, sum))));
        if (!faults.isEmpty()) {
            out.append("\nFaults injected (seconds from the start):\n\n```\n").append(String.join("\n", faults)).append("\n```\n");
            if (platform != null) {
                out.append("Restarts by the launcher: ").append(platform.restarts()).append("\n");
            }
        }
        if (!problems.isEmpty()) {
            out.append("\n**Problems found:**\n\n- ").append(String.join("\n- ", problems)).append('\n');
        }
        return out.toString();
    }

    /** The gateway's payments against the partners' own ledgers: each credited once, nobody paid beyond the rules. */
    private void payments(StringBuilder out) {
        List<JsonNode> payments = Trainees.payments(operator);
        Map<String, Integer> credits = Trainees.creditsByReference();
        Map<String, String> instructionOf = new TreeMap<>();
        Map<String, Long> paidTo = new TreeMap<>();
        Instant first = null;
        Instant last = null;
        long succeeded = 0;
        for (JsonNode p : payments) {
            instructionOf.put(p.get("partnerReferenceNo").asString(), p.get("instructionId").asString());
            if (p.get("status").asString().equals("SUCCEEDED")) {
                succeeded++;
                Instant finished = Instant.parse(p.get("finishedAt").asString());
                Instant created = Instant.parse(p.get("createdAt").asString());
                first = first == null || created.isBefore(first) ? created : first;
                last = last == null || finished.isAfter(last) ? finished : last;
            }
        }
        Map<String, Integer> perInstruction = new TreeMap<>();
        credits.forEach((reference, count) -> {
            if (count != 1) {
                problems.add("reference " + reference + " credited " + count + " times");
            }
            String instruction = instructionOf.get(reference);
            if (instruction == null) {
                problems.add("a credit the gateway does not know: " + reference);
                return;
            }
            perInstruction.merge(instruction, 1, Integer::sum);
        });
        perInstruction.forEach((instruction, n) -> {
            if (n > 1) {
                problems.add("instruction " + instruction + " credited under " + n + " references");
            }
        });
        for (JsonNode p : payments) {
            if (credits.containsKey(p.get("partnerReferenceNo").asString())) {
                paidTo.merge(p.get("participantId").asString(), p.get("amount").asLong(), Long::sum);
            }
        }
        paidTo.forEach((participant, amount) -> {
            if (amount > 2_550_000L) {
                problems.add(participant + " credited Rp" + amount + ", beyond the Rp2,550,000 the rules give");
            }
        });
        long expected = 0;
        for (String participant : fullyPaid) {
            expected += fateOf.get(participant).answersSurveys() ? 7 : 4;
        }
        out.append(String.format(Locale.ROOT, "%nPayments: %,d succeeded at the gateway, %,d credited in the partners' ledgers "
                + "(%,d expected for the %,d paid in full), %.1f payments/s from the first request to the last credit; "
                + "credits beyond the rules: %d.%n", succeeded, credits.size(), expected, fullyPaid.size(),
                first == null ? 0 : succeeded / Math.max(1.0, Duration.between(first, last).toMillis() / 1000.0),
                paidTo.values().stream().filter(v -> v > 2_550_000L).count()));
        if (credits.size() < expected) {
            problems.add(credits.size() + " credits in the ledgers, " + expected + " expected");
        }
    }

    /** The console's funnel against this script's own count of each step; they must agree exactly. */
    private void funnel(StringBuilder out) {
        Map<String, Long> mine = new TreeMap<>();
        did.forEach((step, n) -> {
            if (!step.startsWith("JOINED_WAVE")) {
                mine.put(step, n);
            }
        });
        mine.put("ACCOUNT_LINKED", mine.getOrDefault("ACCOUNT_VERIFIED", 0L));
        long tranche4 = fullyPaid.size();
        mine.put("TRANCHE_4_PAID", tranche4);
        mine.put("SURVEY_3_PAID", fullyPaid.stream().filter(p -> fateOf.get(p).answersSurveys()).count());
        Map<String, Long> console = new TreeMap<>();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            console.clear();
            for (JsonNode step : operator.get("/admin/reports/funnel").json().get("steps")) {
                console.put(step.get("step").asString(), step.get("count").asLong());
            }
            boolean agree = mine.entrySet().stream().allMatch(e -> e.getValue().equals(console.get(e.getKey())));
            if (agree || Instant.now().isAfter(deadline)) {
                break;
            }
            sleep(2_000);
        }
        out.append("| funnel step | this script did | the console counts |\n|---|---|---|\n");
        console.forEach((step, n) -> {
            Long expected = mine.get(step);
            out.append("| ").append(step).append(" | ").append(expected == null ? "" : String.format(Locale.ROOT, "%,d", expected))
                    .append(" | ").append(String.format(Locale.ROOT, "%,d", n)).append(" |\n");
            if (expected != null && expected.longValue() != n) {
                problems.add("funnel " + step + ": the script did " + expected + ", the console counts " + n);
            }
        });
    }

    /** Every participant not paid in full, by the console's backlog stage and reason; none may lack one. */
    private void backlog(StringBuilder out) {
        Map<String, String> reasonOf = new ConcurrentHashMap<>();
        for (JsonNode stage : operator.get("/admin/reports/backlog").json().get("stages")) {
            String name = stage.get("stage").asString();
            for (int offset = 0; ; offset += 1_000) {
                JsonNode page = operator.get("/admin/reports/backlog/" + name + "/participants?limit=1000&offset=" + offset).json();
                page.forEach(w -> reasonOf.put(w.get("participantId").asString(), name + " / " + w.get("reason").asString()));
                if (page.size() < 1_000) {
                    break;
                }
            }
        }
        Map<String, Map<Fate, Long>> byReason = new TreeMap<>();
        long withoutReason = 0;
        for (var entry : fateOf.entrySet()) {
            if (fullyPaid.contains(entry.getKey())) {
                continue;
            }
            String reason = reasonOf.get(entry.getKey());
            if (reason == null && entry.getValue() == Fate.SKIPS_SURVEYS) {
                continue;   // paid every tranche; the surveys they did not answer are theirs to answer
            }
            if (reason == null && fateOf.get(entry.getKey()).linksAGoodAccount()
                    && paidInFull(applicantOf.get(entry.getKey()), entry.getValue())) {
                continue;   // the person's walk stopped on an error, but the platform paid them in full
            }
            if (reason == null && entry.getValue() == Fate.FACE_REJECTED) {
                reason = rejection(entry.getKey());   // final, so not waiting in the backlog: the case says why
            }
            if (reason == null) {
                withoutReason++;
                reason = "(no reason given)";
            }
            byReason.computeIfAbsent(reason, r -> new TreeMap<>()).merge(entry.getValue(), 1L, Long::sum);
        }
        out.append("\nNot paid in full, by the reason the console's backlog gives (and where this script stopped them):\n\n"
                + "| stage / reason | participants | their fates |\n|---|---|---|\n");
        byReason.forEach((reason, fates) -> out.append("| ").append(reason).append(" | ")
                .append(fates.values().stream().mapToLong(Long::longValue).sum()).append(" | ").append(fates).append(" |\n"));
        if (withoutReason > 0) {
            problems.add(withoutReason + " participants not paid in full without a reason in the backlog");
        }
    }

    /** A rejected verification case's reason, as the verification counts and the case show it to operators. */
    private String rejection(String participantId) {
        JsonNode kase = operator.get("/admin/verification/cases/" + participantId).json().get("verificationCase");
        String reason = "";
        for (JsonNode layer : kase.get("layers")) {
            if (layer.hasNonNull("reason")) {
                reason = " " + layer.get("reason").asString();
            }
        }
        return "not eligible / VERIFICATION " + kase.get("status").asString() + reason;
    }

    // ---- plumbing

    /** Runs {@code body} for 0..n-1, each on a virtual thread, at most {@code --clients} at once; rethrows the first failure. */
    private void forEach(int n, ThrowingIntConsumer body) throws Exception {
        forEach(n, options.clients(), body);
    }

    private void forEach(int n, int atOnce, ThrowingIntConsumer body) throws Exception {
        Semaphore inFlight = new Semaphore(atOnce);
        try (ExecutorService people = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> walks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                walks.add(people.submit(() -> {
                    inFlight.acquireUninterruptibly();
                    try {
                        body.accept(index);
                    } finally {
                        inFlight.release();
                    }
                    return null;
                }));
            }
            int failed = 0;
            for (Future<?> walk : walks) {
                try {
                    walk.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (failed++ < 5) {
                        problems.add("a person's walk failed: " + e.getCause());
                        e.getCause().printStackTrace();   // at once: a run may take an hour
                    }
                }
            }
            if (failed > 0) {
                problems.add(failed + " walks failed in all");
            }
        }
    }

    interface ThrowingIntConsumer {
        void accept(int value) throws Exception;
    }

    private static void write(Path file, String report) throws java.io.IOException {
        String header = """
                # Programme benchmark

                The whole platform, started as `./run-local --demo` starts it (payout every 20 s, tranches a minute
                apart, surveys 2 and 3 one and two minutes after the first), driven by `bench/programme` only through
                what a front end, a training platform and a payment partner use. Each person stops where a seeded
                draw says, with rates shaped after the 2020 funnel (`Fate` in the benchmark). Of everyone: 10% never
                confirm the e-mail, 6% register a name Dukcapil does not hold (the NIK layer fails), 4% never confirm
                the phone, 1% have their face rejected by an operator and 1% approved (then walk the whole way); 8% are
                verified but never buy a training, 4% never start it, 4% never write the review, 4% never link an
                account, 4% link an account the partner refuses and then a good one, 6% never answer a survey, 48%
                walk the whole way. Wave 1 takes 70% of each
                province's applicants; the rest join wave 2. `--faults` kills (SIGKILL) every service once at a
                random moment of its stage (the launcher starts it again), restarts Kafka and PostgreSQL, and takes
                OVO and the training platforms down for 60 s each.

                Each stage: people who finished it, per second (from the first start to the last finish), and one
                person's time in it (their requests and the platform's work between them). Newest run first.

                """;
        String before = Files.exists(file) ? Files.readString(file) : header;
        int at = before.indexOf("\n## ");
        String rest = at < 0 ? "" : before.substring(at + 1);
        Files.writeString(file, header + report + "\n" + rest);
    }

    private static void require(boolean condition, Object what) {
        if (!condition) {
            throw new IllegalStateException(String.valueOf(what));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path path) throws java.io.IOException {
        if (Files.exists(path)) {
            try (var walk = Files.walk(path)) {
                walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
            }
        }
    }

}
