package id.go.prakerja.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real Kafka broker and one real PostgreSQL server for the whole test JVM, started on
 * first use and stopped when the JVM exits. Which kind is chosen by the system property
 * (or environment variable) {@code prakerja.test.infrastructure}:
 * <ul>
 * <li>{@code embedded}: a KRaft broker from Apache Kafka's own jars and PostgreSQL from
 * embedded binaries; needs nothing but the JVM;</li>
 * <li>{@code testcontainers}: Docker images {@code apache/kafka} and {@code postgres};</li>
 * <li>{@code auto} (default): Testcontainers where a Docker engine answers, else embedded.</li>
 * </ul>
 * The embedded PostgreSQL runs without fsync and synchronous commit, which is fine for tests;
 * {@code -Dprakerja.test.durable=true} turns both on (benchmarks use it).
 */
public final class TestInfrastructure {

    private static volatile TestInfrastructure instance;

    private final String kafkaBootstrapServers;
    private final String jdbcUrlTemplate;
    private final String username;
    private final String password;

    private TestInfrastructure(String kafkaBootstrapServers, String jdbcUrlTemplate, String username, String password) {
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.jdbcUrlTemplate = jdbcUrlTemplate;
        this.username = username;
        this.password = password;
    }

    public static TestInfrastructure get() {
        if (instance == null) {
            synchronized (TestInfrastructure.class) {
                if (instance == null) {
                    instance = useTestcontainers() ? containers() : embedded();
                }
            }
        }
        return instance;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** JDBC URL of a database with this name, created on first request. */
    public synchronized String jdbcUrl(String database) {
        String admin = jdbcUrlTemplate.formatted("postgres");
        try (Connection connection = DriverManager.getConnection(admin, username, password);
                Statement statement = connection.createStatement()) {
            var rs = statement.executeQuery("select 1 from pg_database where datname = '" + database + "'");
            if (!rs.next()) {
                statement.execute("create database \"" + database + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + database, e);
        }
        return jdbcUrlTemplate.formatted(database);
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    private static boolean useTestcontainers() {
        String mode = System.getProperty("prakerja.test.infrastructure",
                System.getenv().getOrDefault("PRAKERJA_TEST_INFRASTRUCTURE", "auto"));
        return switch (mode) {
            case "embedded" -> false;
            case "testcontainers" -> true;
            case "auto" -> dockerLikelyPresent() && DockerClientFactory.instance().isDockerAvailable();
            default -> throw new IllegalArgumentException("prakerja.test.infrastructure must be embedded, testcontainers or auto");
        };
    }

    /** Cheap check first, so machines without Docker do not pay for Testcontainers' probing. */
    private static boolean dockerLikelyPresent() {
        return System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
    }

    private static TestInfrastructure embedded() {
        // the two servers do not know of each other: PostgreSQL's initdb and start run on another
        // thread while the broker starts here, the test JVM waits for the slower of the two only
        CompletableFuture<EmbeddedPostgres> starting = CompletableFuture.supplyAsync(TestInfrastructure::embeddedPostgres,
                runnable -> new Thread(runnable, "test-infrastructure-postgres").start());
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 3);
        kafka.brokerProperty("auto.create.topics.enable", "true");
        kafka.afterPropertiesSet();
        EmbeddedPostgres postgres;
        try {
            postgres = starting.join();
        } catch (CompletionException e) {
            kafka.destroy();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.destroy();
            try {
                postgres.close();
            } catch (IOException e) {
                // the JVM is exiting
            }
        }, "test-infrastructure-stop"));
        String template = postgres.getJdbcUrl("postgres", "%s");
        return new TestInfrastructure(kafka.getBrokersAsString(), template, "postgres", "postgres");
    }

    private static EmbeddedPostgres embeddedPostgres() {
        // terse: a refused unique key would otherwise print the e-mail or phone into the test log
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("log_error_verbosity", "terse");
        if (Boolean.getBoolean("prakerja.test.durable")) {
            // what production runs and figures must be measured on; the library's test
            // defaults turn both off
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
        }
        if (Boolean.getBoolean("prakerja.test.statements")) {
            // per-statement times (pg_stat_statements), for benchmarks that say where the database's time goes
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    private static TestInfrastructure containers() {
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17");
        Startables.deepStart(kafka, postgres).join(); // both at once
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.stop();
            postgres.stop();
        }, "test-infrastructure-stop"));
        String url = postgres.getJdbcUrl();
        String template = url.substring(0, url.lastIndexOf('/') + 1) + "%s";
        return new TestInfrastructure(kafka.getBootstrapServers(), template, postgres.getUsername(), postgres.getPassword());
    }
}
