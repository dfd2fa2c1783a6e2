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
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import id.go.prakerja.registration.RegistrationApplication;
import id.go.prakerja.registration.participant.Provinces;
import id.go.prakerja.registration.wave.PriorityRule;
import id.go.prakerja.registration.wave.SelectionRun;
import id.go.prakerja.registration.wave.Waves;
import id.go.prakerja.testsupport.TestInfrastructure;

/**
 * Two figures the programme's scale asks for, measured on this machine against the real
 * service (Spring context, PostgreSQL, Kafka; embedded, one JVM each):
 * <ol>
 * <li>wave selection: {@code --applicants} verified applicants in one wave, {@code --selected}
 * of them selected by province quotas (2020: 200,000 of ~1,000,000 a week);</li>
 * <li>registrations per second through {@code POST /api/v1/participants} with
 * {@code --clients} concurrent clients for {@code --register-seconds}. The load comes from
 * {@code wrk} (a separate, light process) when it is installed ({@code --load=wrk}), otherwise
 * from a Java HTTP client inside this JVM ({@code --load=java}), which takes CPU from the
 * service on a small machine.</li>
 * </ol>
 */
public final class RegistrationBenchmark {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("applicants", "1000000", "selected", "200000",
                "register-seconds", "20", "clients", "32", "load", wrkInstalled() ? "wrk" : "java"));
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv[1]);
        }
        long applicants = Long.parseLong(options.get("applicants"));
        long selected = Long.parseLong(options.get("selected"));
        int seconds = Integer.parseInt(options.get("register-seconds"));
        int clients = Integer.parseInt(options.get("clients"));

        // figures count only on the settings production runs
        System.setProperty("prakerja.test.durable", "true");
        TestInfrastructure infrastructure = TestInfrastructure.get();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(RegistrationApplication.class)
                .profiles("test")
                .properties(Map.of("server.port", "0", "spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers(),
                        "spring.datasource.url", infrastructure.jdbcUrl("bench"), "spring.datasource.username",
                        infrastructure.username(), "spring.datasource.password", infrastructure.password(),
                        "spring.datasource.hikari.maximum-pool-size", "20", "logging.level.root", "WARN",
                        "logging.structured.format.console", "", "prakerja.waves.scheduler-interval", "1h", "prakerja.waves.scheduler-initial-delay", "1h"))
                // no SMS or e-mail provider here: a million results would only be retried
                .properties("prakerja.waves.notices.enabled=false")
                .run();
        try {
            List<String> report = new ArrayList<>();
            report.add(selection(app, applicants, selected));
            report.add(options.get("load").equals("wrk") ? registrationsWithWrk(app, seconds, clients)
                    : registrations(app, seconds, clients));
            System.out.println();
            System.out.println("== Prakerja registration-service benchmark (" + Runtime.getRuntime().availableProcessors()
                    + " cores, " + Instant.now() + ") ==");
            JdbcTemplate settings = app.getBean(JdbcTemplate.class);
            System.out.println("PostgreSQL " + settings.queryForObject("show server_version", String.class) + ": fsync="
                    + settings.queryForObject("show fsync", String.class) + ", synchronous_commit="
                    + settings.queryForObject("show synchronous_commit", String.class) + ", full_page_writes="
                    + settings.queryForObject("show full_page_writes", String.class));
            report.forEach(System.out::println);
            System.out.println("reproduce: bench/run --applicants=" + applicants + " --selected=" + selected
                    + " --register-seconds=" + seconds + " --clients=" + clients + " --load=" + options.get("load"));
        } finally {
            app.close();
            System.exit(0);
        }
    }

    private static String selection(ConfigurableApplicationContext app, long applicants, long selected) {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        Waves waves = app.getBean(Waves.class);
        SelectionRun run = app.getBean(SelectionRun.class);
        List<String> provinces = Provinces.CODES.stream().sorted().toList();

        long t0 = System.nanoTime();
        // verified participants, spread over every province, one in five laid off
        jdbc.update("""
                insert into participant (id, nik_sealed, nik_hash, kk_sealed, kk_hash, full_name, birth_place, birth_date, sex,
                    email, phone, address, province_code, regency_code, education, job_status, status, registered_at,
                    status_changed_at)
                select md5('p' || i)::uuid, 'v1:bench', md5('nik' || i), 'v1:bench', md5('kk' || i), 'Peserta ' || i, 'Kota',
                    date '1990-01-01', 'MALE', 'bench' || i || '@example.id', '+62857' || lpad(i::text, 8, '0'), 'Jl. Contoh',
                    p.code, p.code || '01', 'SMA_SMK', case when i % 5 = 0 then 'LAID_OFF' else 'JOB_SEEKER' end,
                    'VERIFIED', now(), now()
                from generate_series(1, ?) i
                join (select code, row_number() over (order by code) - 1 as idx from unnest(?::text[]) code) p
                  on p.idx = i % ?
                """, applicants, provinces.toArray(String[]::new), provinces.size());
        long loaded = System.nanoTime();

        Map<String, Long> quotas = new LinkedHashMap<>();
        long perProvince = (selected + provinces.size() - 1) / provinces.size();
        provinces.forEach(p -> quotas.put(p, perProvince));
        Instant now = Instant.now();
        waves.create(new Waves.NewWave(1, now.minusSeconds(60), now.plus(Duration.ofDays(7)), selected, quotas,
                List.of(PriorityRule.LAID_OFF_FIRST), 20200411L));
        waves.open(1);
        jdbc.update("""
                insert into wave_application (wave_number, participant_id, province, priority, applied_at, status)
                select 1, id, province_code, case when job_status = 'LAID_OFF' then 0 else 1 end, now(), 'WAITING'
                from participant where status = 'VERIFIED'
                """);
        jdbc.execute("analyze");
        long joined = System.nanoTime();

        waves.close(1);
        long c0 = System.nanoTime();
        long chosen = run.decide(1);
        long decided = System.nanoTime();
        long announced = run.announce(1);
        long done = System.nanoTime();
        // the relay ships what the announcement wrote; registrations are measured after it
        long unshipped = pending(jdbc);
        while (unshipped > 0) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            unshipped = pending(jdbc);
        }
        long shipped = System.nanoTime();

        return """
                wave selection: %,d verified applicants in %d provinces, quota %,d
                  decide (rank, select, card numbers, statuses; one transaction): %.1f s -> %,d selected
                  announce (%,d ParticipantSelected/NotSelected events into the outbox, batches of 5,000): %.1f s (%,.0f events/s)
                  relay (every outbox event confirmed by Kafka, from the first announce batch on): %.1f s (%,.0f events/s)
                  (set-up, not measured: %.0f s loading participants, %.0f s wave and applications)"""
                .formatted(applicants, provinces.size(), selected, seconds(c0, decided), chosen, announced,
                        seconds(decided, done), announced / seconds(decided, done), seconds(decided, shipped),
                        announced / seconds(decided, shipped), seconds(t0, loaded), seconds(loaded, joined));
    }

    private static long pending(JdbcTemplate jdbc) {
        Long n = jdbc.queryForObject("select count(*) from outbox_message where published_at is null", Long.class);
        return n == null ? 0 : n;
    }

    private static String registrations(ConfigurableApplicationContext app, int seconds, int clients) throws Exception {
        int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
        HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        AtomicInteger sequence = new AtomicInteger();
        AtomicLong created = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong latencyNanos = new AtomicLong();
        Instant warmupEnds = Instant.now().plusSeconds(Math.min(5, seconds / 4 + 1));
        Instant ends = warmupEnds.plusSeconds(seconds);
        AtomicLong measuredCreated = new AtomicLong();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    while (Instant.now().isBefore(ends)) {
                        int n = sequence.incrementAndGet();
                        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/participants"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body(n))).build();
                        long s = System.nanoTime();
                        try {
                            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                            if (status == 201) {
                                created.incrementAndGet();
                                if (Instant.now().isAfter(warmupEnds)) {
                                    measuredCreated.incrementAndGet();
                                    latencyNanos.addAndGet(System.nanoTime() - s);
                                }
                            } else {
                                failed.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        double rate = measuredCreated.get() / (double) seconds;
        return """
                registrations through POST /api/v1/participants (%d clients, %d s after warm-up):
                  %,.0f registrations/s, mean latency %.1f ms; %,d created in all, %,d not created"""
                .formatted(clients, seconds, rate, measuredCreated.get() == 0 ? 0 : latencyNanos.get() / 1e6 / measuredCreated.get(),
                        created.get(), failed.get());
    }

    private static boolean wrkInstalled() {
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() >= 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }

    /** wrk in its own process: a warm-up, then the measured run; 201s counted by the script. */
    private static String registrationsWithWrk(ConfigurableApplicationContext app, int seconds, int clients) throws Exception {
        String url = "http://localhost:" + app.getEnvironment().getProperty("local.server.port") + "/api/v1/participants";
        java.nio.file.Path script = java.nio.file.Files.createTempFile("register", ".lua");
        try (var in = RegistrationBenchmark.class.getResourceAsStream("/register.lua")) {
            java.nio.file.Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        wrk(script, url, clients, Math.min(10, seconds), 300_000); // warm-up: the JIT compiles the hot path
        String out = wrk(script, url, clients, seconds, 500_000);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("created=(\\d+) other=(\\d+) mean_latency_ms=([\\d.]+)")
                .matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("unexpected wrk output:\n" + out);
        }
        long created = Long.parseLong(m.group(1));
        return """
                registrations through POST /api/v1/participants (wrk, %d connections, %d s after warm-up):
                  %,.0f registrations/s, mean latency %s ms; %,d created, %,d not created"""
                .formatted(clients, seconds, created / (double) seconds, m.group(3), created, Long.parseLong(m.group(2)));
    }

    private static String wrk(java.nio.file.Path script, String url, int clients, int seconds, int firstNumber)
            throws Exception {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + clients, "-d" + seconds + "s", "--timeout", "10s",
                "-s", script.toString(), url, "--", String.valueOf(firstNumber)).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        return out;
    }

    private static String body(int n) {
        String serial = "%04d".formatted(n % 9999 + 1);
        String day = "%02d".formatted(n % 28 + 1);
        int block = n / 9999;
        return """
                {"nik":"31%02d01%s0190%s","kkNumber":"3174%012d","fullName":"Peserta Bench","birthPlace":"Jakarta",
                 "birthDate":"1990-01-%s","sex":"MALE","email":"reg%d@example.id","phone":"0858%08d","address":"Jl. Contoh",
                 "provinceCode":"31","regencyCode":"3174","education":"SMA_SMK","jobStatus":"JOB_SEEKER",
                 "declarations":{"inFormalEducation":false,"publicOffice":"NONE"}}"""
                .formatted(block % 100, day, serial, n, day, n, n);
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
