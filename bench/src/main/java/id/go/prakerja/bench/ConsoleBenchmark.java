package id.go.prakerja.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import id.go.prakerja.console.OperatorConsoleApplication;
import id.go.prakerja.console.funnel.FunnelQuery;
import id.go.prakerja.console.readmodel.ReadModelRebuild;
import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.cohort.ParticipantSelected;
import id.go.prakerja.events.cohort.WaveJoined;
import id.go.prakerja.events.registration.Education;
import id.go.prakerja.events.registration.JobStatus;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.events.registration.Sex;
import id.go.prakerja.events.training.TrainingPurchased;
import id.go.prakerja.events.verification.ParticipantVerified;
import id.go.prakerja.events.verification.VerificationLayer;
import id.go.prakerja.events.verification.VerificationLayerPassed;
import id.go.prakerja.testsupport.TestInfrastructure;

/**
 * The operator console's two figures, on the real service (Spring context, PostgreSQL, Kafka;
 * embedded):
 * <ol>
 * <li>the funnel as of an instant over {@code --participants} participants (read model rows
 * written directly, shaped like the 2020 programme's funnel), median of several queries;</li>
 * <li>replay: {@code --replayed} participants' journeys (10 events each) published to the
 * topics, then a rebuild from scratch timed until the read model has read them all again, in
 * events per second (consumer groups, inbox and projection included).</li>
 * </ol>
 */
public final class ConsoleBenchmark {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("participants", "1000000", "replayed", "20000"));
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv[1]);
        }
        long participants = Long.parseLong(options.get("participants"));
        int replayed = Integer.parseInt(options.get("replayed"));

        System.setProperty("prakerja.test.durable", "true");
        TestInfrastructure infrastructure = TestInfrastructure.get();
        long published = publish(infrastructure.kafkaBootstrapServers(), replayed);
        ConfigurableApplicationContext app = new SpringApplicationBuilder(OperatorConsoleApplication.class)
                .profiles("test")
                .properties(Map.of("server.port", "0", "spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers(),
                        "spring.datasource.url", infrastructure.jdbcUrl("bench_console"), "spring.datasource.username",
                        infrastructure.username(), "spring.datasource.password", infrastructure.password(),
                        "spring.datasource.hikari.maximum-pool-size", "30", "logging.level.root", "WARN",
                        "logging.structured.format.console", "", "spring.kafka.consumer.auto-offset-reset", "earliest"))
                .run();
        try {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            awaitEvents(jdbc, published, Duration.ofMinutes(30));
            ReadModelRebuild rebuild = app.getBean(ReadModelRebuild.class);
            long started = System.nanoTime();
            rebuild.request("benchmark", "replay rate");
            while (rebuild.state().rebuilding()) { // emptied and rewound once every reader stopped
                Thread.sleep(100);
            }
            awaitEvents(jdbc, published, Duration.ofMinutes(30));
            double seconds = (System.nanoTime() - started) / 1e9;
            String replay = String.format("replay from scratch: %,d events of %,d participants in %.1f s = %,.0f events/s",
                    published, replayed, seconds, published / seconds);

            fill(jdbc, participants);
            FunnelQuery funnel = app.getBean(FunnelQuery.class);
            Instant asOf = Instant.parse("2020-05-11T00:00:00Z");
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                long t = System.nanoTime();
                // a midnight, now, and instants in the middle of a day (the day's own changes are read raw)
                funnel.asOf(i % 2 == 0 ? asOf.plus(Duration.ofMinutes(i * 197L)) : Instant.now());
                millis.add((System.nanoTime() - t) / 1_000_000);
            }
            long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
            long total = jdbc.queryForObject("select count(*) from participant_progress", Long.class);
            String query = String.format("funnel as of an instant (total, per wave, per province) over %,d participants: median %d ms"
                    + " (all runs %s ms)", total, sorted[sorted.length / 2], Arrays.toString(millis.toArray()));

            System.out.println();
            System.out.println("== Prakerja operator-console benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, "
                    + Instant.now() + ") ==");
            System.out.println(query);
            System.out.println(replay);
        } finally {
            app.close();
        }
        System.exit(0);
    }

    private static long publish(String brokers, int participants) throws Exception {
        long count = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            Instant start = Instant.parse("2020-04-11T00:00:00Z");
            for (int i = 0; i < participants; i++) {
                UUID id = UUID.randomUUID();
                Instant at = start.plusSeconds(i);
                String province = String.valueOf(11 + i % 24);
                List<DomainEvent> journey = new ArrayList<>(List.of(
                        new ParticipantRegistered("sealed", "sealed", "hash-" + id, province, province + "01", "Kota",
                                java.time.LocalDate.of(1990, 1, 1), Sex.FEMALE, "x@example.com", "+628100000000", "Nama",
                                Education.SMA_SMK, JobStatus.JOB_SEEKER, at)));
                for (VerificationLayer layer : VerificationLayer.values()) {
                    journey.add(new VerificationLayerPassed(layer, 1, at));
                }
                journey.add(new ParticipantVerified(at));
                journey.add(new WaveJoined(1 + i % 30, province, at));
                journey.add(new ParticipantSelected(1 + i % 30, "1234567812345678", 1_000_000L, at.plus(Duration.ofDays(30))));
                journey.add(new TrainingPurchased(UUID.randomUUID(), "TRN", "SKILL_ACADEMY", 500_000L, true, at));
                UUID correlation = UUID.randomUUID();
                for (DomainEvent payload : journey) {
                    EventEnvelope<DomainEvent> event = EventEnvelope.of(payload, id, correlation, null, at);
                    producer.send(new ProducerRecord<>(event.topic(), id.toString(), EventJson.write(event)));
                    count++;
                }
            }
            producer.flush();
        }
        return count;
    }

    private static void awaitEvents(JdbcTemplate jdbc, long expected, Duration bound) throws InterruptedException {
        Instant deadline = Instant.now().plus(bound);
        while (Instant.now().isBefore(deadline)) {
            Long seen = jdbc.queryForObject("select coalesce(sum(events), 0) from topic_position", Long.class);
            if (seen != null && seen == expected) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the read model did not reach " + expected + " events in " + bound);
    }

    /** Read-model rows shaped like the 2020 funnel: each step reached by a smaller share, over 30 waves and 34 provinces. */
    private static void fill(JdbcTemplate jdbc, long participants) {
        long existing = jdbc.queryForObject("select count(*) from participant_progress", Long.class);
        long missing = participants - existing;
        if (missing <= 0) {
            return;
        }
        String[][] steps = {{"email_passed_at", "95"}, {"nik_passed_at", "90"}, {"phone_passed_at", "88"},
                {"kyc_passed_at", "86"}, {"verified_at", "85"}, {"joined_wave_at", "80"}, {"selected_at", "45"},
                {"first_purchase_at", "36"}, {"first_completed_at", "22"}, {"reconciled_at", "21"}, {"account_linked_at", "13"},
                {"account_verified_at", "6"}, {"tranche_1_paid_at", "5"}, {"tranche_2_paid_at", "4"}, {"tranche_3_paid_at", "3"},
                {"tranche_4_paid_at", "2"}, {"survey_1_paid_at", "4"}, {"survey_2_paid_at", "3"}, {"survey_3_paid_at", "2"}};
        StringBuilder columns = new StringBuilder("participant_id, province, wave_number, registered_at, last_event_at");
        StringBuilder values = new StringBuilder("gen_random_uuid(), lpad((11 + g % 34)::text, 2, '0'), 1 + g % 30,"
                + " timestamptz '2020-04-11' + g * interval '1 second', timestamptz '2020-04-11' + g * interval '1 second'");
        for (int i = 0; i < steps.length; i++) {
            columns.append(", ").append(steps[i][0]);
            values.append(", case when g % 100 < ").append(steps[i][1]).append(" then timestamptz '2020-04-11' + g * interval '1 second' + ")
                    .append(i + 1).append(" * interval '1 day' end");
        }
        jdbc.execute("insert into participant_progress (" + columns + ") select " + values + " from generate_series(1, " + missing
                + ") g");
        jdbc.execute("analyze participant_progress");
        // the funnel's pre-aggregated counts, as the projection would have written them event by event
        long started = System.nanoTime();
        jdbc.execute("select recount_funnel()");
        jdbc.execute("analyze funnel_change");
        jdbc.execute("analyze funnel_daily");
        System.out.printf("(funnel counts recomputed from %,d rows in %.0f s: %,d changes, %,d daily sums)%n", participants,
                (System.nanoTime() - started) / 1e9, jdbc.queryForObject("select count(*) from funnel_change", Long.class),
                jdbc.queryForObject("select count(*) from funnel_daily", Long.class));
    }
}
