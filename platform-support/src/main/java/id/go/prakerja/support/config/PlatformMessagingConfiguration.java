package id.go.prakerja.support.config;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import org.springframework.messaging.Message;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import id.go.prakerja.events.Topics;
import id.go.prakerja.support.crypto.CryptoProperties;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.support.deadletter.DeadLetter;
import id.go.prakerja.support.deadletter.DeadLetterController;
import id.go.prakerja.support.deadletter.DeadLetters;
import id.go.prakerja.support.inbox.EventConsumers;
import id.go.prakerja.support.outbox.Outbox;
import id.go.prakerja.support.outbox.OutboxRelay;
import id.go.prakerja.support.security.PartnerSignatureFilter;
import id.go.prakerja.support.web.ProblemHandling;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** Wires the reliability core (outbox, inbox, dead letters) and the shared web pieces into every service. */
@AutoConfiguration
@EnableScheduling
@EnableConfigurationProperties({PlatformProperties.class, CryptoProperties.class})
public class PlatformMessagingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PlatformMessagingConfiguration.class);

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
    KafkaTemplate<String, byte[]> outboxKafkaTemplate(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    }

    @Bean
    OutboxRelay outboxRelay(JdbcTemplate jdbc, TransactionTemplate transactions,
            KafkaTemplate<String, byte[]> outboxKafkaTemplate, PlatformProperties properties) {
        var outbox = properties.outbox();
        return new OutboxRelay(jdbc, transactions, outboxKafkaTemplate, outbox.pollInterval(), outbox.batchSize(),
                outbox.sendTimeout());
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, OutboxRelay relay) {
        return new Outbox(jdbc, relay);
    }

    @Bean
    EventConsumers eventConsumers(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new EventConsumers(jdbc, transactions);
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
        NewTopic[] topics = Topics.ALL.stream()
                .map(t -> TopicBuilder.name(t).partitions(kafka.partitions()).replicas(kafka.replicationFactor()).build())
                .toArray(NewTopic[]::new);
        NewTopic[] all = java.util.Arrays.copyOf(topics, topics.length + 1);
        all[topics.length] = TopicBuilder.name("prakerja.dlq." + service).partitions(1).replicas(kafka.replicationFactor()).build();
        return new KafkaAdmin.NewTopics(all);
    }

    @Bean
    MeterBinder messagingMetrics(OutboxRelay relay, DeadLetters deadLetters) {
        return registry -> {
            Gauge.builder("prakerja.outbox.pending", relay, OutboxRelay::pendingCount)
                    .description("events written but not yet confirmed by the broker").register(registry);
            Gauge.builder("prakerja.dead_letters.pending", deadLetters, d -> d.count(DeadLetter.Status.PENDING))
                    .description("messages no consumer could process, waiting for an operator").register(registry);
        };
    }

    @Bean
    OpenAPI platformOpenApi(@Value("${spring.application.name}") String service) {
        return new OpenAPI().info(new Info().title("Prakerja " + service).version("v1"))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    @Bean
    Housekeeping platformHousekeeping(OutboxRelay relay, PartnerSignatureFilter partnerFilter,
            PlatformProperties properties, Clock clock) {
        return new Housekeeping(relay, partnerFilter, properties, clock);
    }

    /** Removes what no longer serves: long-published outbox rows, expired webhook receipts. */
    public record Housekeeping(OutboxRelay relay, PartnerSignatureFilter partnerFilter, PlatformProperties properties,
            Clock clock) {

        @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT2M")
        public void purge() {
            Instant cutoff = clock.instant().minus(properties.outbox().retention());
            int outbox = relay.purgePublishedBefore(cutoff);
            int receipts = partnerFilter.purgeReceipts();
            if (outbox + receipts > 0) {
                log.info("housekeeping: removed {} published outbox rows, {} webhook receipts", outbox, receipts);
            }
        }
    }
}
