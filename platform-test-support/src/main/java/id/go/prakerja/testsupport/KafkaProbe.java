package id.go.prakerja.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends raw records to, and reads everything from, topics of the shared test broker: the
 * outside view of a service, as another service would see it.
 */
public final class KafkaProbe implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> received = new CopyOnWriteArrayList<>();

    private KafkaProbe(List<String> topics) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.subscribe(topics);
        // join the group and take positions before the test acts, so nothing is missed
        long deadline = System.currentTimeMillis() + 30_000;
        while (consumer.assignment().isEmpty() && System.currentTimeMillis() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(received::add);
        }
        consumer.assignment().forEach(consumer::position);
    }

    /** Listens from now on to the given topics. */
    public static KafkaProbe listen(String... topics) {
        return new KafkaProbe(List.of(topics));
    }

    /** Everything received so far, polling once more first. */
    public synchronized List<ConsumerRecord<String, byte[]>> records() {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        return new ArrayList<>(received);
    }

    /** Sends one record and waits for the broker's acknowledgement, through one producer shared by the whole test JVM. */
    public static void send(String topic, String key, byte[] value) {
        try {
            SharedProducer.INSTANCE.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send test record to " + topic, e);
        }
    }

    /**
     * Sends records under one key without waiting between them, then waits for every
     * acknowledgement: they land in one partition back to back, so a consumer most likely reads
     * them in one poll.
     */
    public static void sendAll(String topic, String key, List<byte[]> values) {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (byte[] value : values) {
            sent.add(SharedProducer.INSTANCE.send(new ProducerRecord<>(topic, key, value)));
        }
        try {
            for (var s : sent) {
                s.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot send test records to " + topic, e);
        }
    }

    /** Created on first use, closed with the JVM: a producer per record cost a connection and a metadata round trip each. */
    private static final class SharedProducer {
        static final KafkaProducer<String, byte[]> INSTANCE = create();

        private static KafkaProducer<String, byte[]> create() {
            KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 0,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> producer.close(Duration.ofSeconds(2)), "kafka-probe-producer-stop"));
            return producer;
        }
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
