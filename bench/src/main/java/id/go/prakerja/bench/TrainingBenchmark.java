package id.go.prakerja.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.SimulatorConfig;
import id.go.prakerja.simulators.Simulators;
import id.go.prakerja.support.security.Roles;
import id.go.prakerja.support.security.TokenIssuer;
import id.go.prakerja.testsupport.TestInfrastructure;
import id.go.prakerja.training.TrainingMarketplaceApplication;

/**
 * Two figures of the training marketplace, measured on this machine against the real service
 * (Spring context, PostgreSQL and Kafka, embedded, durable settings), its catalogue pulled from the
 * simulated platforms (~1,500 trainings):
 * <ol>
 * <li>catalogue search latency, p50 and p99, with {@code --search-clients} concurrent clients for
 * {@code --search-seconds}: text queries, filters and the four sorts over the full catalogue;</li>
 * <li>first purchases per second through {@code POST /api/v1/purchases} by {@code --purchase-clients}
 * concurrent clients, each purchase by a different selected participant (row lock, ledger
 * reservation, outbox event and two notices per purchase).</li>
 * </ol>
 * The load comes from {@code wrk} in its own process when it is installed ({@code --load=wrk}, the default
 * then), so that the figures measure the service; {@code --load=java} runs the clients in this JVM
 * (virtual threads), where they take CPU from the service on a small machine; {@code --load=both} measures
 * search both ways (purchases with wrk).
 */
public final class TrainingBenchmark {

    private static final List<String> WORDS = List.of("barista", "pemasaran digital", "akuntansi", "bahasa inggris",
            "desain", "menjahit", "servis", "python", "kue", "usaha kuliner", "excel", "fotografi", "hidroponik",
            "negosiasi", "bahasa jepang", "toko online", "listrik", "k3", "content creator", "batik");
    private static final List<String> SORTS = List.of("rating", "price_asc", "price_desc", "reviews", "newest");

    public static void main(String[] args) {
        int exit = 0;
        try {
            run(args);
        } catch (Throwable e) {
            // a failed start leaves the embedded database and broker running: say why, and stop them all
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    private static void run(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("search-seconds", "20", "search-clients", "100",
                "purchase-seconds", "20", "purchase-clients", "32", "participants", "20000", "load",
                wrkInstalled() ? "wrk" : "java"));
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv[1]);
        }
        int searchSeconds = Integer.parseInt(options.get("search-seconds"));
        int searchClients = Integer.parseInt(options.get("search-clients"));
        int purchaseSeconds = Integer.parseInt(options.get("purchase-seconds"));
        int purchaseClients = Integer.parseInt(options.get("purchase-clients"));
        int participants = Integer.parseInt(options.get("participants"));
        String load = options.get("load");
        searchWarmUpSeconds = Integer.parseInt(options.getOrDefault("search-warm-up-seconds", "20"));
        if (!List.of("wrk", "java", "both").contains(load)) {
            throw new IllegalArgumentException("--load is wrk, java or both, not " + load);
        }

        System.setProperty("prakerja.test.durable", "true");
        TestInfrastructure infrastructure = TestInfrastructure.get();
        Simulators simulators = Simulators.start(SimulatorConfig.builder().simulateLatency(false).populationSize(10).build());
        ConfigurableApplicationContext app = new SpringApplicationBuilder(TrainingMarketplaceApplication.class)
                .profiles("test")
                .properties(Map.of("server.port", "0", "spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers(),
                        "spring.datasource.url", infrastructure.jdbcUrl("bench_training"), "spring.datasource.username",
                        infrastructure.username(), "spring.datasource.password", infrastructure.password(),
                        "spring.datasource.hikari.maximum-pool-size", "20", "logging.level.root", "WARN",
                        "logging.structured.format.console", "",
                        "prakerja.training.catalogue.initial-delay", "0s"))
                // arguments, not default properties: the service's own application.yml sets these and would win over
                // defaults (its port 8083 may be taken by a running platform). The local feed it names is not this run's simulators; no SMS or e-mail provider here (the
                // notices are recorded, not sent); no deadline or expiry jobs during the measurement
                .run("--prakerja.training.catalogue.feed-url=" + simulators.baseUrl(Party.TRAINING_PLATFORMS),
                        "--prakerja.training.notifications.enabled=false", "--prakerja.training.jobs.enabled=false",
                        "--server.port=0",
                        // one token searches for every client here: the per-participant search limit would refuse it
                        "--prakerja.training.catalogue.search-rate-limit=1000000000");
        try {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            long t0 = System.nanoTime();
            while (jdbc.queryForObject("select count(*) from training where status = 'ACTIVE'", Long.class) < 1_500) {
                if (System.nanoTime() - t0 > 120_000_000_000L) {
                    throw new IllegalStateException("catalogue not pulled in 2 minutes");
                }
                Thread.sleep(200);
            }
            jdbc.execute("analyze");
            String base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            TokenIssuer tokens = app.getBean(TokenIssuer.class);
            long trainings = jdbc.queryForObject("select count(*) from training where status = 'ACTIVE'", Long.class);

            List<String> report = new ArrayList<>();
            String searcher = tokens.issue(UUID.randomUUID().toString(), Roles.PARTICIPANT).accessToken();
            if (!load.equals("java")) {
                report.add(searchWithWrk(base, searcher, searchClients, searchSeconds, trainings));
            }
            if (!load.equals("wrk")) {
                report.add(search(base, searcher, searchClients, searchSeconds, trainings));
            }
            report.add(purchases(jdbc, tokens, base, participants, purchaseClients, purchaseSeconds, !load.equals("java")));

            System.out.println();
            System.out.println("== Prakerja training-marketplace-service benchmark (" + Runtime.getRuntime().availableProcessors()
                    + " cores, " + Instant.now() + ") ==");
            System.out.println("PostgreSQL " + jdbc.queryForObject("show server_version", String.class) + ": fsync="
                    + jdbc.queryForObject("show fsync", String.class) + ", synchronous_commit="
                    + jdbc.queryForObject("show synchronous_commit", String.class) + ", full_page_writes="
                    + jdbc.queryForObject("show full_page_writes", String.class));
            report.forEach(System.out::println);
            System.out.println("reproduce: bench/training --search-seconds=" + searchSeconds + " --search-clients=" + searchClients
                    + " --purchase-seconds=" + purchaseSeconds + " --purchase-clients=" + purchaseClients
                    + " --participants=" + participants + " --load=" + load + " --search-warm-up-seconds=" + searchWarmUpSeconds
                    + (System.getenv("BENCH_JVM_OPTIONS") == null || System.getenv("BENCH_JVM_OPTIONS").isBlank() ? "" : "  (BENCH_JVM_OPTIONS=\"" + System.getenv("BENCH_JVM_OPTIONS") + "\")"));
        } finally {
            app.close();
            simulators.close();
        }
    }

    private static String randomQuery() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder q = new StringBuilder("/api/v1/trainings?size=20&page=").append(r.nextInt(3));
        if (r.nextInt(3) > 0) {
            q.append("&q=").append(WORDS.get(r.nextInt(WORDS.size())).replace(" ", "%20"));
        }
        if (r.nextInt(4) == 0) {
            q.append("&maxPrice=").append(200_000 + 100_000 * r.nextInt(8));
        }
        if (r.nextInt(5) == 0) {
            q.append("&mode=ONLINE");
        }
        q.append("&sort=").append(SORTS.get(r.nextInt(SORTS.size())));
        return q.toString();
    }

    private static String search(String base, String token, int clients, int seconds, long trainings) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        // warm-up: the JIT compiles the hot path and PostgreSQL caches the catalogue
        runFor(clients, 5, () -> get(http, base + randomQuery(), token), null);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        runFor(clients, seconds, () -> {
            long t = System.nanoTime();
            int status = get(http, base + randomQuery(), token);
            if (status == 200) {
                latencies.add(System.nanoTime() - t);
            } else {
                failures.incrementAndGet();
            }
        }, null);
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format("catalogue search (clients in this JVM), %d trainings, %d concurrent clients, %d s after warm-up: %d searches "
                + "(%.0f/s), p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d failed", trainings, clients, seconds, sorted.length,
                sorted.length / (double) seconds, pct(sorted, 0.50), pct(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, failures.get());
    }

    /** How long searches run before the measured run (the JIT compiles the hot path meanwhile): {@code --search-warm-up-seconds}. */
    private static int searchWarmUpSeconds = 20;

    /** wrk in its own process, the searches of {@code search.lua}: a warm-up, then the measured run. */
    private static String searchWithWrk(String base, String token, int clients, int seconds, long trainings) throws Exception {
        java.nio.file.Path script = resource("search.lua");
        wrk(script, base + "/api/v1/trainings", clients, searchWarmUpSeconds, token);
        String out = wrk(script, base + "/api/v1/trainings", clients, seconds, token);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "ok=(\\d+) other=(\\d+) errors=(\\d+) p50_us=(\\d+) p99_us=(\\d+) max_us=(\\d+)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("unexpected wrk output:\n" + out);
        }
        long ok = Long.parseLong(m.group(1));
        return String.format("catalogue search (wrk), %d trainings, %d connections, %d s after warm-up: %d searches (%.0f/s), "
                + "p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d failed", trainings, clients, seconds, ok, ok / (double) seconds,
                Long.parseLong(m.group(4)) / 1e3, Long.parseLong(m.group(5)) / 1e3, Long.parseLong(m.group(6)) / 1e3,
                Long.parseLong(m.group(2)) + Long.parseLong(m.group(3)));
    }

    private static boolean wrkInstalled() {
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() >= 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }

    private static java.nio.file.Path resource(String name) throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile(name.replace(".lua", ""), ".lua");
        file.toFile().deleteOnExit();
        try (var in = TrainingBenchmark.class.getResourceAsStream("/" + name)) {
            java.nio.file.Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private static String wrk(java.nio.file.Path script, String url, int clients, int seconds, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + clients, "-d" + seconds + "s", "--timeout", "10s",
                "-s", script.toString(), url, "--"));
        command.addAll(List.of(args));
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        return out;
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }

    private static String purchases(JdbcTemplate jdbc, TokenIssuer tokens, String base, int participants, int clients,
            int seconds, boolean withWrk) throws Exception {
        // selected participants with their opened balance, as the selection consumer leaves them
        jdbc.update("""
                insert into participant (id, card_number, selected_at, first_purchase_deadline, programme_ends_at, phone, email,
                                         full_name)
                select md5('bench' || i)::uuid, lpad(i::text, 16, '5'), now(), now() + interval '30 days', now() + interval '1 year',
                       '+62857' || lpad(i::text, 8, '0'), 'bench' || i || '@example.id', 'Peserta ' || i
                  from generate_series(1, ?) i on conflict do nothing""", participants);
        jdbc.update("""
                insert into ledger_transaction (id, kind, participant_id, status, created_at, resolved_at)
                select md5('open' || p.id)::uuid, 'OPEN', p.id, 'POSTED', now(), now() from participant p
                 where p.email like 'bench%' on conflict do nothing""");
        jdbc.update("""
                insert into ledger_entry (transaction_id, account, side, amount, status, posted_at)
                select t.id, a.account, a.side, 1000000, 'POSTED', now()
                  from ledger_transaction t
                  cross join lateral (values ('PROGRAMME', 'D'), ('PARTICIPANT:' || t.participant_id, 'C')) a(account, side)
                 where t.kind = 'OPEN' and t.id = md5('open' || t.participant_id)::uuid
                   and not exists (select 1 from ledger_entry e where e.transaction_id = t.id)""");
        jdbc.execute("analyze");
        List<String> ids = jdbc.queryForList("select id::text from participant p where email like 'bench%' "
                + "and not exists (select 1 from purchase pu where pu.participant_id = p.id) order by id", String.class);
        List<String> catalogue = jdbc.queryForList("select id from training where status = 'ACTIVE' and price <= 1000000",
                String.class);
        String[] bearer = ids.stream().map(id -> tokens.issue(id, Roles.PARTICIPANT).accessToken()).toArray(String[]::new);
        if (withWrk) {
            return purchasesWithWrk(base, bearer, catalogue, clients, seconds);
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger next = new AtomicInteger();
        AtomicLong bought = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        Runnable buy = () -> {
            int i = next.getAndIncrement();
            if (i >= bearer.length) {
                return;
            }
            String body = "{\"trainingId\":\"" + catalogue.get(ThreadLocalRandom.current().nextInt(catalogue.size())) + "\"}";
            int status = post(http, base + "/api/v1/purchases", bearer[i], body);
            if (status == 201) {
                bought.incrementAndGet();
            } else {
                refused.incrementAndGet();
            }
        };
        runFor(clients, Math.min(5, seconds), buy, null); // warm-up
        long warm = bought.get();
        long t0 = System.nanoTime();
        runFor(clients, seconds, buy, () -> next.get() >= bearer.length);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long measured = bought.get() - warm;
        return String.format("first purchases through POST /api/v1/purchases, %d concurrent clients, %.1f s after warm-up: "
                + "%d purchases (%.0f/s), %d refused; participants left unused: %d", clients, elapsed, measured,
                measured / elapsed, refused.get(), Math.max(0, bearer.length - next.get()));
    }

    /** wrk in its own process: a fifth of the participants warm up, the others buy in the measured run. */
    private static String purchasesWithWrk(String base, String[] bearer, List<String> catalogue, int clients, int seconds)
            throws Exception {
        java.nio.file.Path script = resource("purchase.lua");
        java.nio.file.Path trainings = java.nio.file.Files.createTempFile("trainings", ".txt");
        java.nio.file.Path warm = java.nio.file.Files.createTempFile("warm-tokens", ".txt");
        java.nio.file.Path measured = java.nio.file.Files.createTempFile("tokens", ".txt");
        for (java.nio.file.Path f : List.of(trainings, warm, measured)) {
            f.toFile().deleteOnExit();
        }
        int split = bearer.length / 5;
        java.nio.file.Files.write(trainings, catalogue);
        java.nio.file.Files.write(warm, List.of(bearer).subList(0, split));
        java.nio.file.Files.write(measured, List.of(bearer).subList(split, bearer.length));
        wrk(script, base + "/api/v1/purchases", clients, Math.min(5, seconds), warm.toString(), trainings.toString(), "2");
        String out = wrk(script, base + "/api/v1/purchases", clients, seconds, measured.toString(), trainings.toString(), "2");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("created=(\\d+) other=(\\d+) p50_us=(\\d+) p99_us=(\\d+)")
                .matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("unexpected wrk output:\n" + out);
        }
        long created = Long.parseLong(m.group(1));
        return String.format("first purchases through POST /api/v1/purchases (wrk), %d connections, %d s after warm-up: "
                + "%d purchases (%.0f/s), p50 %.1f ms, p99 %.1f ms, %s refused (%d participants for the measured run)", clients,
                seconds, created, created / (double) seconds, Long.parseLong(m.group(3)) / 1e3, Long.parseLong(m.group(4)) / 1e3,
                m.group(2), bearer.length - split);
    }

    /** Runs {@code call} in a loop on {@code clients} virtual threads for {@code seconds} (or until {@code done}). */
    private static void runFor(int clients, int seconds, Runnable call, java.util.function.BooleanSupplier done)
            throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    while (System.nanoTime() < end && (done == null || !done.getAsBoolean())) {
                        call.run();
                    }
                });
            }
        }
    }

    private static int get(HttpClient http, String url, String token) {
        return send(http, HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET());
    }

    private static int post(HttpClient http, String url, String token, String body) {
        return send(http, HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static int send(HttpClient http, HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return 0;
        }
    }

}
