package id.go.prakerja.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.EventTypes;
import id.go.prakerja.events.Topics;
import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.IncentiveKind;
import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.events.payment.DisbursementSucceeded;
import id.go.prakerja.payment.PaymentGatewayApplication;
import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.SimulatorConfig;
import id.go.prakerja.simulators.Simulators;
import id.go.prakerja.simulators.payment.PartnerAccount;
import id.go.prakerja.simulators.payment.PaymentPartnerSimulator;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.support.outbox.OutboxRelay;
import id.go.prakerja.support.crypto.SealContext;
import id.go.prakerja.testsupport.TestInfrastructure;

/**
 * The payment gateway end to end: {@code --payments} DisbursementRequested events (their account
 * sealed for transport, as the incentive service sends it) published to Kafka, spread over BNI, LinkAja, OVO and GoPay, until every DisbursementSucceeded came back.
 * Two modes: {@code fast} (partner latency off: the platform's own limit) and {@code realistic}
 * (each partner's typical latency and pending habit, and its contracted rate enforced by the
 * simulator with 429 beyond it and by the gateway's rate limiter). Prints payments per second,
 * p50/p99 from request to success, peak heap of this JVM (gateway, simulators and the Kafka broker
 * share it; PostgreSQL is its own process) and the command.
 */
public final class PaymentBenchmark {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("payments", "200000", "mode", "both", "consumers", "12",
                "in-flight", "64", "timeout-seconds", "900", "statements", "false", "warm-up", "20000"));
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv[1]);
        }
        int payments = Integer.parseInt(options.get("payments"));
        List<String> modes = options.get("mode").equals("both") ? List.of("fast", "realistic") : List.of(options.get("mode"));

        System.setProperty("prakerja.test.durable", "true");
        boolean statements = Boolean.parseBoolean(options.get("statements"));
        System.setProperty("prakerja.test.statements", String.valueOf(statements));
        TestInfrastructure infrastructure = TestInfrastructure.get();
        List<String> report = new ArrayList<>();
        String postgresSettings = null;
        for (String mode : modes) {
            boolean realistic = mode.equals("realistic");
            try (Simulators sims = Simulators.start(SimulatorConfig.builder().simulateLatency(realistic).populationSize(100).build())) {
                Map<PayoutPartner, String> accounts = new LinkedHashMap<>();
                Map<PayoutPartner, Integer> rates = new LinkedHashMap<>();
                int contracted = 0;
                for (PayoutPartner p : PayoutPartner.values()) {
                    PaymentPartnerSimulator sim = sims.paymentPartner(Party.valueOf(p.name()));
                    accounts.put(p, sim.addAccount(p == PayoutPartner.BNI
                            ? new PartnerAccount("7700000001", null, "BUDI SANTOSO", "3174050101900001", true, true)
                            : new PartnerAccount(null, "081900000001", "Budi Santoso", "3174050101900001", true, true)).key());
                    if (realistic) {
                        sim.rateLimit(sim.profile().contractedRatePerSecond());
                        contracted += sim.profile().contractedRatePerSecond();
                        rates.put(p, sim.profile().contractedRatePerSecond());
                    } else {
                        sim.pendingPercent(0);
                    }
                }
                Map<String, Object> properties = new LinkedHashMap<>();
                properties.put("server.port", "0");
                properties.put("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
                properties.put("spring.datasource.url", infrastructure.jdbcUrl("bench_payments_" + mode + "_" + System.currentTimeMillis()));
                properties.put("spring.datasource.username", infrastructure.username());
                properties.put("spring.datasource.password", infrastructure.password());
                properties.put("spring.datasource.hikari.maximum-pool-size", "20");
                properties.put("spring.cloud.stream.default.consumer.concurrency", options.get("consumers"));
                properties.put("logging.level.root", "WARN");
                properties.put("logging.structured.format.console", "");
                for (PayoutPartner p : PayoutPartner.values()) {
                    String prefix = "prakerja.payment.partners." + p + ".";
                    String slug = p.name().toLowerCase();
                    int rate = sims.paymentPartner(Party.valueOf(p.name())).profile().contractedRatePerSecond();
                    properties.put(prefix + "base-url", sims.baseUrl(Party.valueOf(p.name())));
                    properties.put(prefix + "client-id", slug + "-local-client");
                    properties.put(prefix + "client-secret", slug + "-local-secret");
                    properties.put(prefix + "private-key", "classpath:local-secrets/snap/" + slug + "-private.pem");
                    properties.put(prefix + "rate-per-second", String.valueOf(realistic ? rate : 100_000));
                    properties.put(prefix + "max-in-flight", realistic ? "256" : options.get("in-flight"));
                }
                // as system properties: they must win over application.yml (default properties would not)
                properties.forEach((k, v) -> System.setProperty(k, v.toString()));
                ConfigurableApplicationContext app = new SpringApplicationBuilder(PaymentGatewayApplication.class)
                        .profiles("test").run();
                try {
                    if (realistic) {
                        // the partners notify the gateway as they do in production (GoPay of every
                        // transfer, twice; the others when a pending transfer settles)
                        String port = app.getEnvironment().getProperty("local.server.port");
                        for (PayoutPartner p : PayoutPartner.values()) {
                            sims.paymentPartner(Party.valueOf(p.name())).callbackUrl("http://localhost:" + port
                                    + "/partner/payments/" + p.name().toLowerCase() + "/callback");
                        }
                    }
                    JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
                    postgresSettings = "PostgreSQL " + jdbc.queryForObject("show server_version", String.class) + ": fsync="
                            + jdbc.queryForObject("show fsync", String.class) + ", synchronous_commit="
                            + jdbc.queryForObject("show synchronous_commit", String.class) + ", full_page_writes="
                            + jdbc.queryForObject("show full_page_writes", String.class);
                    if (statements) {
                        jdbc.execute("create extension if not exists pg_stat_statements");
                        jdbc.execute("select pg_stat_statements_reset()");
                    }
                    Duration timeout = Duration.ofSeconds(Long.parseLong(options.get("timeout-seconds")));
                    int warmUp = Integer.parseInt(options.get("warm-up"));
                    if (warmUp > 0) {
                        // a service that has just started compiles its hot code while it pays (on these two
                        // cores the compiler took most of a core for the first minute): the first payments
                        // measure that, the tranche after them the service as it runs day to day
                        report.add(run(mode + " warm-up (just started)", warmUp, accounts, rates, infrastructure, contracted,
                                timeout, jdbc, app.getBean(PersonalDataCrypto.class)));
                        if (statements) {
                            jdbc.execute("select pg_stat_statements_reset()");
                        }
                    }
                    report.add(run(mode, payments, accounts, rates, infrastructure, contracted, timeout, jdbc,
                            app.getBean(PersonalDataCrypto.class)));
                    if (statements) {
                        report.add(topStatements(mode, jdbc));
                    }
                } finally {
                    app.close();
                }
            }
        }
        System.out.println();
        System.out.println("== Prakerja payment-gateway benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, "
                + Instant.now() + ") ==");
        System.out.println(postgresSettings);
        System.out.println("settings: consumers=" + options.get("consumers") + ", in-flight per partner (fast)="
                + options.get("in-flight") + " (realistic 256), sender batch 500, outcomes written in batches of up to 500");
        report.forEach(System.out::println);
        System.out.println("reproduce: bench/payments --payments=" + payments + " --mode=" + options.get("mode")
                + " --warm-up=" + options.get("warm-up")
                + " --consumers=" + options.get("consumers") + " --in-flight=" + options.get("in-flight")
                + (statements ? " --statements=true" : ""));
        System.exit(0);
    }

    /**
     * Which partner the i-th payment goes to. Fast mode: in turn. Realistic mode: in proportion to
     * each partner's contracted rate, so that at the contracted rates all four would finish together
     * and the fraction reached measures the platform, not the benchmark's split.
     */
    static PayoutPartner[] spread(Map<PayoutPartner, Integer> rates) {
        if (rates.isEmpty()) {
            return PayoutPartner.values();
        }
        int unit = rates.values().stream().reduce(0, PaymentBenchmark::gcd);
        List<PayoutPartner> slots = new ArrayList<>();
        // interleaved: each round gives every partner that still has slots one more
        Map<PayoutPartner, Integer> left = new LinkedHashMap<>();
        rates.forEach((p, r) -> left.put(p, r / unit));
        while (left.values().stream().anyMatch(n -> n > 0)) {
            left.replaceAll((p, n) -> {
                if (n > 0) {
                    slots.add(p);
                }
                return Math.max(0, n - 1);
            });
        }
        return slots.toArray(PayoutPartner[]::new);
    }

    private static final String SUCCEEDED = EventTypes.of(DisbursementSucceeded.class).name();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The instruction a DisbursementSucceeded names, or null for any other event. The listener runs on
     * the same cores as the gateway: it picks the type from the record's header and reads only the
     * one field it needs, where binding every event whole took a twelfth of the machine.
     */
    static String succeededInstruction(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(OutboxRelay.EVENT_TYPE_HEADER);
        if (type == null || !SUCCEEDED.equals(new String(type.value(), StandardCharsets.UTF_8))) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(record.value())) {
            int depth = 0;
            boolean inPayload = false;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                    inPayload = inPayload && depth >= 2;
                } else if (token == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    if (depth == 1 && name.equals("payload")) {
                        inPayload = true;
                    } else if (inPayload && depth == 2 && name.equals("instructionId")) {
                        return parser.nextStringValue();
                    }
                }
            }
            return null;
        }
    }

    /** The statements that took the database's time during the run, most first. */
    private static String topStatements(String mode, JdbcTemplate jdbc) {
        StringBuilder out = new StringBuilder(mode + ": database time by statement (pg_stat_statements, top 12):");
        jdbc.query("""
                select calls, total_exec_time, rows, regexp_replace(query, '\\s+', ' ', 'g') from pg_stat_statements
                where dbid = (select oid from pg_database where datname = current_database())
                order by total_exec_time desc limit 12""", (RowCallbackHandler) rs -> out.append(String.format(
                "%n  %9.1f s %,10d calls %,10d rows  %s", rs.getDouble(2) / 1000, rs.getLong(1), rs.getLong(3),
                abbreviate(rs.getString(4), 160))));
        return out.toString();
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    /** The counts of this run: what the table holds now, less what it held before. */
    private static Map<String, Long> since(Map<String, Long> before, Map<String, Long> now) {
        Map<String, Long> run = new TreeMap<>();
        now.forEach((status, n) -> {
            long mine = n - before.getOrDefault(status, 0L);
            if (mine != 0) {
                run.put(status, mine);
            }
        });
        return run;
    }

    private static double secondsAfter(Instant start, Timestamp at) {
        return at == null ? Double.NaN : Duration.between(start, at.toInstant()).toNanos() / 1e9;
    }

    private static Map<String, Long> byStatus(JdbcTemplate jdbc) {
        Map<String, Long> byStatus = new TreeMap<>();
        jdbc.query("select status, count(*) from payment group by status",
                (RowCallbackHandler) rs -> byStatus.put(rs.getString(1), rs.getLong(2)));
        return byStatus;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static String run(String mode, int payments, Map<PayoutPartner, String> accounts, Map<PayoutPartner, Integer> rates,
            TestInfrastructure infra, int contracted, Duration timeout, JdbcTemplate jdbc, PersonalDataCrypto crypto)
            throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>(payments * 2);
        Map<String, PayoutPartner> partnerOf = new ConcurrentHashMap<>(payments * 2);
        Map<PayoutPartner, AtomicInteger> donePerPartner = new ConcurrentHashMap<>();
        Map<PayoutPartner, Long> lastPerPartner = new ConcurrentHashMap<>();
        long[] latencies = new long[payments];
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean listening = new AtomicBoolean(true);
        Thread listener;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(Topics.PAYMENT));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.assignment().forEach(consumer::position);
            listener = Thread.ofPlatform().name("bench-listener").start(() -> {
                while (listening.get() && done.get() < payments) {
                    for (var record : consumer.poll(Duration.ofMillis(100))) {
                        String instructionId = succeededInstruction(record);
                        if (instructionId != null) {
                            Long at = sentAt.remove(instructionId);
                            if (at != null) {
                                PayoutPartner p = partnerOf.remove(instructionId);
                                donePerPartner.computeIfAbsent(p, k -> new AtomicInteger()).incrementAndGet();
                                lastPerPartner.put(p, System.nanoTime());
                                int n = done.getAndIncrement();
                                if (n < payments) {
                                    latencies[n] = System.nanoTime() - at;
                                }
                            }
                        }
                    }
                }
            });
            // the requests are built (account sealed, JSON written) before the clock starts: in the
            // platform the incentive service pays that, not the gateway
            PayoutPartner[] partners = spread(rates);
            List<ProducerRecord<String, byte[]>> requests = new ArrayList<>(payments);
            List<String> instructionIds = new ArrayList<>(payments);
            for (int i = 0; i < payments; i++) {
                UUID participant = UUID.randomUUID();
                PayoutPartner p = partners[i % partners.length];
                var request = EventEnvelope.of(new DisbursementRequested(
                        DisbursementRequested.instructionId(participant, IncentiveKind.POST_TRAINING, 1),
                        IncentiveKind.POST_TRAINING, 1, 600_000, p, crypto.encryptForTransport(accounts.get(p),
                                SealContext.ofEvent(DisbursementRequested.class, "accountNumber", participant))),
                        participant, UUID.randomUUID(), null, Instant.now());
                requests.add(new ProducerRecord<>(Topics.INCENTIVE, participant.toString(), EventJson.write(request)));
                instructionIds.add(request.payload().instructionId());
                partnerOf.put(request.payload().instructionId(), p);
            }
            Map<String, Long> before = byStatus(jdbc);
            long throttledBefore = jdbc.queryForObject("select count(*) from payment_transition where raw_code like '429%'",
                    Long.class);
            MemoryPeaks.reset();
            long started = System.nanoTime();
            Instant startedAt = Instant.now();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 5,
                    ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
                for (int i = 0; i < payments; i++) {
                    sentAt.put(instructionIds.get(i), System.nanoTime());
                    producer.send(requests.get(i));
                }
            }
            requests.clear();
            long published = System.nanoTime();
            long deadline = System.nanoTime() + timeout.toNanos();
            // where the time goes (requests recorded by the consumer, then answered by the partners) is read
            // from the payments' own times afterwards: counting the table while it runs would take the
            // database's time from the gateway. A progress line every few seconds costs one count each.
            long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
            while (done.get() < payments && System.nanoTime() < deadline) {
                Thread.sleep(50);
                long now = System.nanoTime();
                if (now >= nextProgress) {
                    nextProgress += PROGRESS_EVERY.toNanos();
                    System.out.printf("  %s %5.1f s: %s; announced %,d%n", mode, (now - started) / 1e9, since(before, byStatus(jdbc)),
                            done.get());
                }
            }
            long finished = System.nanoTime();
            double recorded = secondsAfter(startedAt, jdbc.queryForObject("select max(created_at) from payment", Timestamp.class));
            double sent = secondsAfter(startedAt, jdbc.queryForObject(
                    "select case when count(*) filter (where finished_at is null) = 0 then max(finished_at) end from payment",
                    Timestamp.class));
            listening.set(false);
            listener.join(5_000);
            int succeeded = Math.min(done.get(), payments);
            long[] measured = Arrays.copyOf(latencies, succeeded);
            Arrays.sort(measured);
            double seconds = (finished - started) / 1e9;
            double rate = succeeded / seconds;
            String line = String.format(
                    "%s: %,d of %,d payments succeeded in %.1f s (%,.0f payments/s; requests published in %.1f s); "
                            + "all recorded by the consumer after %.1f s, all settled after %.1f s, all announced after %.1f s; "
                            + "request to success p50 %.0f ms, p99 %.0f ms; peak heap %,d MB",
                    mode, succeeded, payments, seconds, rate, (published - started) / 1e9,
                    recorded, sent,
                    seconds,
                    percentile(measured, 0.50) / 1e6, percentile(measured, 0.99) / 1e6, MemoryPeaks.heapMb());
            if (contracted > 0) {
                line += String.format("; %.0f%% of the partners' combined contracted rate (%,d/s)", 100 * rate / contracted,
                        contracted);
            }
            // each partner's own rate: its payments over the time until its last one succeeded
            StringBuilder each = new StringBuilder();
            for (PayoutPartner p : PayoutPartner.values()) {
                AtomicInteger n = donePerPartner.get(p);
                Long last = lastPerPartner.get(p);
                if (n != null && last != null) {
                    double partnerRate = n.get() / ((last - started) / 1e9);
                    each.append(each.isEmpty() ? "" : ", ").append(String.format("%s %,d in %.1f s = %,.0f/s", p, n.get(),
                            (last - started) / 1e9, partnerRate));
                    if (rates.containsKey(p)) {
                        each.append(String.format(" (%.0f%% of %,d)", 100 * partnerRate / rates.get(p), rates.get(p)));
                    }
                }
            }
            line += "; per partner: " + each;
            // answers that asked the gateway to slow down (429), counted from the payments' recorded transitions
            long throttled = jdbc.queryForObject("select count(*) from payment_transition where raw_code like '429%'", Long.class)
                    - throttledBefore;
            line += String.format("; %,d answers 429", throttled);
            long notified = jdbc.queryForObject("select count(*) from payment_callback_receipt where received_at >= ?",
                    Long.class, Timestamp.from(startedAt));
            line += String.format("; %,d partner notifications recorded (a repeated copy not counted)", notified);
            System.out.println(line);
            return line;
        }
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** Peak heap use of this JVM since the last reset, over every heap pool. */
    static final class MemoryPeaks {
        static void reset() {
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        }

        static long heapMb() {
            return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
        }
    }
}
