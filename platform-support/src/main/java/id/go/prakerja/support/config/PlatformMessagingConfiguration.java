package id.go.prakerja.support.config;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.messaging.Message;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import id.go.prakerja.events.Topics;
import id.go.prakerja.support.crypto.CryptoProperties;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.support.deadletter.ConsumerErrorHandlers;
import id.go.prakerja.support.deadletter.DeadLetter;
import id.go.prakerja.support.deadletter.DeadLetterController;
import id.go.prakerja.support.deadletter.DeadLetters;
import id.go.prakerja.support.housekeeping.Housekeeping;
import id.go.prakerja.support.lease.Leases;
import id.go.prakerja.support.inbox.EventConsumers;
import id.go.prakerja.support.outbox.Outbox;
import id.go.prakerja.support.outbox.OutboxController;
import id.go.prakerja.support.outbox.OutboxRelay;
import id.go.prakerja.support.outbox.ParkedEvents;
import id.go.prakerja.support.security.PartnerSignatureFilter;
import id.go.prakerja.support.web.ProblemHandling;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** Wires the reliability core (outbox, inbox, dead letters) and the shared web pieces into every service. */
@AutoConfiguration
@EnableScheduling
@EnableConfigurationProperties({PlatformProperties.class, CryptoProperties.class})
public class PlatformMessagingConfiguration {


    @Bean
    FlywayMigrationStrategy platformMigrations() {
        return new PlatformMigrations();
    }

    /**
     * Requests are validated as plain records. With JPA on the class path, Hibernate Validator
     * would ask JPA for every property whether it is loaded, which costs a few percent of each
     * request's CPU and means nothing for a request body.
     */
    @Bean
    org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer everyPropertyReachable() {
        return configuration -> configuration.traversableResolver(new jakarta.validation.TraversableResolver() {
            @Override
            public boolean isReachable(Object bean, jakarta.validation.Path.Node property, Class<?> rootType,
                    jakarta.validation.Path pathToProperty, java.lang.annotation.ElementType elementType) {
                return true;
            }

            @Override
            public boolean isCascadable(Object bean, jakarta.validation.Path.Node property, Class<?> rootType,
                    jakarta.validation.Path pathToProperty, java.lang.annotation.ElementType elementType) {
                return true;
            }
        });
    }

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }

    @Bean
    KafkaTemplate<String, byte[]> outboxKafkaTemplate(KafkaProperties kafka, PlatformProperties properties) {
        Map<String, Object> config = reliableProducer(kafka, properties);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaTemplate<>(closingQuickly(new DefaultKafkaProducerFactory<>(config)));
    }

    /**
     * A record still unconfirmed at shutdown is safe to drop: its outbox row is not marked
     * published, its dead letter not recovered, so both are sent again after the restart.
     * Waiting the default 30 s for a broker that is gone only delays the shutdown.
     */
    private static <K, V> DefaultKafkaProducerFactory<K, V> closingQuickly(DefaultKafkaProducerFactory<K, V> factory) {
        factory.setPhysicalCloseTimeout(5);
        return factory;
    }

    /**
     * acks=all and idempotence, and timeouts that agree with the relay's: a send is given up
     * by the producer ({@code delivery.timeout.ms}) when the relay stops waiting for it, and
     * a broker without metadata blocks a send for a fraction of that, not a minute.
     */
    static Map<String, Object> reliableProducer(KafkaProperties kafka, PlatformProperties properties) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        long sendTimeout = properties.outbox().sendTimeout().toMillis();
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) sendTimeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, sendTimeout / 2 - 10));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(10_000, Math.max(1000, sendTimeout / 3)));
        return config;
    }

    @Bean
    OutboxRelay outboxRelay(JdbcTemplate jdbc, TransactionTemplate transactions,
            KafkaTemplate<String, byte[]> outboxKafkaTemplate, Leases leases, PlatformProperties properties) {
        var outbox = properties.outbox();
        return new OutboxRelay(jdbc, transactions, outboxKafkaTemplate, leases, new OutboxRelay.Settings(outbox.pollInterval(),
                outbox.batchSize(), outbox.sendTimeout(), outbox.lease(), outbox.maxAttempts()));
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, OutboxRelay relay) {
        return new Outbox(jdbc, relay);
    }

    @Bean
    ParkedEvents parkedEvents(JdbcTemplate jdbc) {
        return new ParkedEvents(jdbc);
    }

    @Bean
    OutboxController outboxController(OutboxRelay relay, ParkedEvents parked) {
        return new OutboxController(relay, parked);
    }

    @Bean
    EventConsumers eventConsumers(JdbcTemplate jdbc, TransactionTemplate transactions, ObjectProvider<MeterRegistry> meters) {
        return new EventConsumers(jdbc, transactions, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    DeadLetters deadLetterStore(JdbcTemplate jdbc, TransactionTemplate transactions, EventConsumers consumers) {
        return new DeadLetters(jdbc, transactions, consumers);
    }

    /** Bound to this service's dead-letter topic as {@code deadLetters-in-0}. */
    @Bean
    Consumer<Message<byte[]>> deadLetters(DeadLetters store) {
        return store.recorder();
    }

    /** Every consumer binding's error handler (see {@link ConsumerErrorHandlers#retryThenDeadLetter}). */
    @Bean
    DefaultErrorHandler platformConsumerErrorHandler(KafkaProperties kafka, PlatformProperties properties,
            @Value("${spring.application.name}") String service) {
        Map<String, Object> config = reliableProducer(kafka, properties);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        KafkaTemplate<Object, Object> dlq = new KafkaTemplate<>(closingQuickly(new DefaultKafkaProducerFactory<>(config)));
        return ConsumerErrorHandlers.retryThenDeadLetter(dlq, "prakerja.dlq." + service, properties.consumers(),
                properties.outbox().sendTimeout().plusSeconds(5));
    }

    /** The dead-letter recorder's error handler (see {@link ConsumerErrorHandlers#neverGiveUp}). */
    @Bean
    DefaultErrorHandler deadLetterRecorderErrorHandler(PlatformProperties properties) {
        return ConsumerErrorHandlers.neverGiveUp(properties.deadLetters());
    }

    @Bean
    DeadLetterController deadLetterController(DeadLetters store) {
        return new DeadLetterController(store);
    }

    @Bean
    ProblemHandling problemHandling(MessageSource messages) {
        return new ProblemHandling(messages);
    }

    @Bean
    PersonalDataCrypto personalDataCrypto(CryptoProperties properties) {
        return new PersonalDataCrypto(properties);
    }

    @Bean
    KafkaAdmin.NewTopics platformTopics(PlatformProperties properties, @Value("${spring.application.name}") String service) {
        var kafka = properties.kafka();
        List<NewTopic> topics = new ArrayList<>();
        Topics.ALL.forEach(t -> topics.add(topic(t, kafka.partitions(), kafka, kafka.retentionMs())));
        // dead letters are recorded in the database at once; their topic keeps the broker's default
        topics.add(topic("prakerja.dlq." + service, 1, kafka, null));
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    private static NewTopic topic(String name, int partitions, PlatformProperties.Kafka kafka, Long retentionMs) {
        TopicBuilder topic = TopicBuilder.name(name).partitions(partitions).replicas(kafka.replicationFactor())
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(kafka.minInsyncReplicas()));
        if (retentionMs != null) {
            topic.config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retentionMs));
        }
        return topic.build();
    }

    @Bean
    MeterBinder messagingMetrics(OutboxRelay relay, ParkedEvents parked, DeadLetters deadLetters) {
        return registry -> {
            Gauge.builder("prakerja.outbox.pending", relay, OutboxRelay::pendingCount)
                    .description("events written but not yet confirmed by the broker").register(registry);
            Gauge.builder("prakerja.outbox.parked", parked, ParkedEvents::count)
                    .description("events the broker refused for good, waiting for an operator").register(registry);
            Gauge.builder("prakerja.dead_letters.pending", deadLetters, d -> d.count(DeadLetter.Status.PENDING))
                    .description("messages no consumer could process, waiting for an operator").register(registry);
        };
    }

    @Bean
    Leases platformLeases(JdbcTemplate jdbc) {
        return new Leases(jdbc);
    }

    @Bean
    Housekeeping platformHousekeeping(JdbcTemplate jdbc, Leases leases, PartnerSignatureFilter partnerFilter,
            PlatformProperties properties, Clock clock) {
        return new Housekeeping(jdbc, leases, partnerFilter, properties, clock);
    }

    @Bean(name = PlatformSchedulers.DEFAULT)
    ThreadPoolTaskScheduler taskScheduler() {
        return PlatformSchedulers.scheduler("scheduling-", 2);
    }

    @Bean(name = PlatformSchedulers.WORKERS)
    ThreadPoolTaskScheduler platformWorkerScheduler(PlatformProperties properties) {
        return PlatformSchedulers.scheduler("worker-", Math.max(1, properties.scheduling().workerThreads()));
    }
}
