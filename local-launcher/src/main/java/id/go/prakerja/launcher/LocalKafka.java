package id.go.prakerja.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A single-node Kafka (KRaft, combined broker + controller) run from Apache Kafka's own
 * jars on this launcher's classpath, as a separate JVM: {@code kafka.tools.StorageTool}
 * formats the log directory once, {@code kafka.Kafka} serves it. The log directory
 * survives restarts, so do the topics, offsets and messages.
 */
final class LocalKafka {

    private final Path directory;
    private final String classpath;
    private ChildProcess process;

    LocalKafka(Path directory, String classpath) {
        this.directory = directory;
        this.classpath = classpath;
    }

    String bootstrapServers() {
        return "localhost:" + PlatformLayout.KAFKA_PORT;
    }

    void start(Path logs) throws IOException, InterruptedException {
        Path data = directory.resolve("data");
        Files.createDirectories(data);
        Path config = directory.resolve("server.properties");
        Files.writeString(config, """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@localhost:%d
                listeners=PLAINTEXT://localhost:%d,CONTROLLER://localhost:%d
                advertised.listeners=PLAINTEXT://localhost:%d
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                inter.broker.listener.name=PLAINTEXT
                log.dirs=%s
                num.partitions=12
                auto.create.topics.enable=true
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                log.retention.hours=720
                """.formatted(PlatformLayout.KAFKA_CONTROLLER_PORT, PlatformLayout.KAFKA_PORT,
                PlatformLayout.KAFKA_CONTROLLER_PORT, PlatformLayout.KAFKA_PORT, data.toAbsolutePath()));
        List<String> jvm = List.of("-cp", classpath, "-Xmx512m", "-XX:+UseSerialGC");
        if (!Files.exists(data.resolve("meta.properties"))) {
            ChildProcess format = ChildProcess.startJava("kafka-storage-format", jvm, List.of("kafka.tools.StorageTool",
                    "format", "--cluster-id=" + clusterId(), "-c", config.toString()), logs.resolve("kafka.log"));
            Instant deadline = Instant.now().plusSeconds(60);
            while (format.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            if (!Files.exists(data.resolve("meta.properties"))) {
                throw new IllegalStateException("formatting Kafka storage failed; see " + logs.resolve("kafka.log"));
            }
        }
        process = ChildProcess.startInOwnSession("kafka", jvm, List.of("kafka.Kafka", config.toString()), logs.resolve("kafka.log"));
        Instant deadline = Instant.now().plusSeconds(90);
        while (!listening() && Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited; see " + logs.resolve("kafka.log"));
            }
            Thread.sleep(300);
        }
        if (!listening()) {
            throw new IllegalStateException("Kafka did not start listening; see " + logs.resolve("kafka.log"));
        }
    }

    private String clusterId() {
        // Kafka wants a base64 UUID; any fixed-per-directory value will do. One in 64 starts
        // with '-', which the tool's parser would take for an option: hence "--cluster-id=<id>".
        UUID uuid = UUID.randomUUID();
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(16);
        buffer.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    private static boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", PlatformLayout.KAFKA_PORT), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    long pid() {
        return process == null ? -1 : process.pid();
    }

    void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(30));
        }
    }
}
