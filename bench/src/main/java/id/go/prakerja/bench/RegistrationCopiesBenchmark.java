package id.go.prakerja.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.Topics;
import id.go.prakerja.events.registration.Education;
import id.go.prakerja.events.registration.JobStatus;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.events.registration.Sex;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.support.crypto.SealContext;
import id.go.prakerja.testsupport.TestInfrastructure;

/**
 * How fast one service that keeps a copy of every registration (verification, training-marketplace,
 * incentive or survey) catches up with a backlog: the service is started on the real stack
 * (Spring context, PostgreSQL with durable settings, Kafka; embedded), its registration binding
 * stopped, {@code --registrations} ParticipantRegistered events (NIK and KK sealed for transport
 * as registration seals them, keyed by participant over the topic's partitions) published, then
 * the binding started and timed until every event is recorded in its inbox. One service per JVM:
 * each brings its own application.yml and migrations ({@code bench/copies} runs all four in turn).
 */
public final class RegistrationCopiesBenchmark {

    private record Service(String application, String binding, String consumer) {
    }

    private static final Map<String, Service> SERVICES = Map.of(
            "verification", new Service("id.go.prakerja.verification.VerificationApplication", "participantEvents-in-0",
                    "verification.participant-events"),
            "training", new Service("id.go.prakerja.training.TrainingMarketplaceApplication", "registrationEvents-in-0",
                    "training.registration-events"),
            "incentive", new Service("id.go.prakerja.incentive.IncentiveApplication", "registrationEvents-in-0",
                    "incentive.registration-events"),
            "survey", new Service("id.go.prakerja.survey.SurveyApplication", "registrationEvents-in-0",
                    "survey.registration-events"));

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("service", "verification", "registrations", "20000"));
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv[1]);
        }
        String name = options.get("service");
        Service service = SERVICES.get(name);
        if (service == null) {
            throw new IllegalArgumentException("--service must be one of " + SERVICES.keySet());
        }
        int registrations = Integer.parseInt(options.get("registrations"));

        System.setProperty("prakerja.test.durable", "true");
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String nowhere = "http://127.0.0.1:1"; // no outside party is called while registrations are copied
        ConfigurableApplicationContext app = new SpringApplicationBuilder(Class.forName(service.application()))
                .profiles("test")
                // arguments, not default properties: the service's own application.yml would win over defaults
                .run("--server.port=0", "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                        "--spring.datasource.url=" + infrastructure.jdbcUrl("bench_copies_" + name),
                        "--spring.datasource.username=" + infrastructure.username(),
                        "--spring.datasource.password=" + infrastructure.password(), "--logging.level.root=WARN",
                        "--logging.structured.format.console=", "--prakerja.dukcapil.base-url=" + nowhere,
                        "--prakerja.sms.base-url=" + nowhere, "--prakerja.email.base-url=" + nowhere,
                        "--prakerja.face-match.base-url=" + nowhere, "--prakerja.training.catalogue.feed-url=" + nowhere,
                        "--prakerja.training.catalogue.pull-enabled=false", "--prakerja.training.jobs.enabled=false",
                        "--prakerja.training.notifications.enabled=false");
        try {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            PersonalDataCrypto crypto = app.getBean(PersonalDataCrypto.class);
            BindingsLifecycleController bindings = app.getBean(BindingsLifecycleController.class);
            bindings.changeState(service.binding(), BindingsLifecycleController.State.STOPPED);
            publish(infrastructure.kafkaBootstrapServers(), crypto, registrations);

            long started = System.nanoTime();
            bindings.changeState(service.binding(), BindingsLifecycleController.State.STARTED);
            Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
            long seen = 0;
            while (seen < registrations && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
                seen = jdbc.queryForObject("select count(*) from inbox_message where consumer = ?", Long.class,
                        service.consumer());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long transactions = jdbc.queryForObject("select count(distinct xmin::text) from inbox_message where consumer = ?",
                    Long.class, service.consumer());

            System.out.println();
            System.out.println("== Prakerja registration copies benchmark (" + Runtime.getRuntime().availableProcessors()
                    + " cores, " + Instant.now() + ") ==");
            System.out.println("PostgreSQL " + jdbc.queryForObject("show server_version", String.class) + ": fsync="
                    + jdbc.queryForObject("show fsync", String.class) + ", synchronous_commit="
                    + jdbc.queryForObject("show synchronous_commit", String.class) + ", full_page_writes="
                    + jdbc.queryForObject("show full_page_writes", String.class));
            System.out.printf("%s caught up with %,d of %,d registrations in %.1f s = %,.0f registrations/s (%,d transactions)%n",
                    name, seen, registrations, seconds, seen / seconds, transactions);
            System.out.println("command: bench/copies --service=" + name + " --registrations=" + registrations);
        } finally {
            app.close();
        }
        System.exit(0);
    }

    /** Registrations as registration-service publishes them, NIK and KK sealed for transport. */
    private static void publish(String brokers, PersonalDataCrypto crypto, int registrations) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(registrations);
        Instant at = Instant.parse("2020-04-11T00:00:00Z");
        for (int i = 0; i < registrations; i++) {
            UUID id = UUID.randomUUID();
            String nik = String.format("3174%06d%06d", 10190 + i % 1000, i % 1_000_000);
            String province = String.valueOf(11 + i % 24);
            var event = EventEnvelope.of(new ParticipantRegistered(
                    crypto.encryptForTransport(nik, SealContext.ofEvent(ParticipantRegistered.class, "nik", id)),
                    crypto.encryptForTransport("3174051201090123", SealContext.ofEvent(ParticipantRegistered.class, "kkNumber", id)),
                    crypto.blindIndex(nik), province, province + "01", "Kota", LocalDate.of(1990, 1, 1), Sex.FEMALE,
                    "p" + i + "@example.id", "+62812" + (10_000_000 + i), "Nama Peserta", Education.SMA_SMK,
                    JobStatus.JOB_SEEKER, at.plusSeconds(i)), id, UUID.randomUUID(), null, at.plusSeconds(i));
            records.add(new ProducerRecord<>(Topics.REGISTRATION, id.toString(), EventJson.write(event)));
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            records.forEach(producer::send);
            producer.flush();
        }
    }
}
