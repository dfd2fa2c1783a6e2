package id.go.prakerja.bench.programme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What this machine's PostgreSQL and Kafka can do at most, measured in the same run, on the same
 * servers the platform uses: the yardstick each stage is held against.
 */
final class MachineLimits {

    private MachineLimits() {
    }

    /**
     * {@code pgbench -N} (the simple update: three updates, one insert, one select per transaction)
     * with 32 clients for {@code seconds}, against a database of its own on the platform's server and
     * its durable settings (fsync and synchronous commit on). -1 when pgbench is not installed.
     */
    static double pgbenchTps(int port, int seconds) throws IOException, InterruptedException {
        Map<String, String> env = Map.of("PGPASSWORD", "postgres");
        List<String> connection = List.of("-h", "localhost", "-p", String.valueOf(port), "-U", "postgres");
        run(concat(List.of("createdb"), connection, List.of("pgbench_limits")), env);   // fails once it exists
        if (run(concat(List.of("pgbench", "-i", "-q", "-s", "10"), connection, List.of("pgbench_limits")), env) == null) {
            return -1;
        }
        String out = run(concat(List.of("pgbench", "-N", "-c", "32", "-j", "2", "-T", String.valueOf(seconds)), connection,
                List.of("pgbench_limits")), env);
        if (out == null) {
            return -1;
        }
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(out);
        return tps.find() ? Double.parseDouble(tps.group(1)) : -1;
    }

    /** Records/s one producer sends to a fresh topic of the platform's broker: 1 KB records, acks=all, as the services send. */
    static double kafkaProducerRecordsPerSecond(String bootstrap, int records) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        byte[] value = "x".repeat(1024).getBytes(StandardCharsets.US_ASCII);
        String topic = "bench.producer-limit." + System.currentTimeMillis();
        AtomicLong failed = new AtomicLong();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, value)).get();   // the topic exists before the clock starts
            long started = System.nanoTime();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, String.valueOf(i).getBytes(StandardCharsets.US_ASCII), value),
                        (metadata, error) -> {
                            if (error != null) {
                                failed.incrementAndGet();
                            }
                        });
            }
            producer.flush();
            double seconds = (System.nanoTime() - started) / 1e9;
            return failed.get() > 0 ? -1 : records / seconds;
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
    }

    /** The command's output, or null when it could not run or failed. */
    private static String run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return null;
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            return null;
        }
        return out;
    }
}
