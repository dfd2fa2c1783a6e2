package id.go.prakerja.support;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;

import id.go.prakerja.support.config.PlatformProperties;
import id.go.prakerja.support.deadletter.ConsumerErrorHandlers;
import id.go.prakerja.testsupport.KafkaProbe;
import id.go.prakerja.testsupport.TestInfrastructure;

/**
 * A record whose retries are spent is committed only once the dead-letter topic confirmed
 * it; until then it is sought back and delivered again. Against the real broker, and one
 * that does not answer.
 */
class ConsumerErrorHandlersTest {

    private static final PlatformProperties.Consumers NO_RETRY = new PlatformProperties.Consumers(1, Duration.ofMillis(10),
            2.0, Duration.ofMillis(10));

    @Test
    void a_record_the_dead_letter_topic_did_not_confirm_is_sought_back_to_come_again() {
        DefaultErrorHandler handler = ConsumerErrorHandlers.retryThenDeadLetter(template("127.0.0.1:1"),
                "support-test.dlq-check", NO_RETRY, Duration.ofSeconds(3));
        Consumer<?, ?> consumer = consumer();

        assertThatThrownBy(() -> handler.handleRemaining(new IllegalStateException("handler failed"), List.of(record(42)),
                consumer, container())).as("the container is told the record is not done").isNotNull();

        verify(consumer).seek(new TopicPartition("support-test.effects.v1", 0), 42L);
    }

    @Test
    void a_record_the_dead_letter_topic_confirmed_is_not_delivered_again() {
        String dlqTopic = "support-test.dlq-check-" + UUID.randomUUID();
        DefaultErrorHandler handler = ConsumerErrorHandlers.retryThenDeadLetter(
                template(TestInfrastructure.get().kafkaBootstrapServers()), dlqTopic, NO_RETRY, Duration.ofSeconds(30));
        Consumer<?, ?> consumer = consumer();

        try (KafkaProbe probe = KafkaProbe.listen(dlqTopic)) {
            handler.handleRemaining(new IllegalStateException("handler failed"), List.of(record(43)), consumer, container());

            verify(consumer, never()).seek(any(TopicPartition.class), anyLong());
            await().atMost(Duration.ofSeconds(30)).until(() -> probe.records().stream()
                    .anyMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains("poison 43")));
        }
    }

    private static ConsumerRecord<?, ?> record(long offset) {
        return new ConsumerRecord<>("support-test.effects.v1", 0, offset, "key".getBytes(StandardCharsets.UTF_8),
                ("poison " + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static Consumer<?, ?> consumer() {
        Consumer<?, ?> consumer = mock(Consumer.class);
        when(consumer.groupMetadata()).thenReturn(new ConsumerGroupMetadata("support-test"));
        return consumer;
    }

    private static MessageListenerContainer container() {
        MessageListenerContainer container = mock(MessageListenerContainer.class);
        when(container.isRunning()).thenReturn(true);
        when(container.getContainerProperties()).thenReturn(new ContainerProperties("support-test.effects.v1"));
        return container;
    }

    private static KafkaTemplate<Object, Object> template(String brokers) {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
    }
}
