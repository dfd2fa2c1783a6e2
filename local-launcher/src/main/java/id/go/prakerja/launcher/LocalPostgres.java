package id.go.prakerja.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from embedded binaries, with its data directory kept between
 * runs, and one database per service.
 */
final class LocalPostgres {

    private final Path directory;
    private EmbeddedPostgres postgres;

    LocalPostgres(Path directory) {
        this.directory = directory;
    }

    void start(Iterable<String> databases) throws IOException, SQLException {
        Files.createDirectories(directory);
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPort(PlatformLayout.POSTGRES_PORT)
                // the data is kept between runs, so it must survive a power cut: the library's
                // defaults (made for throw-away test databases) turn both off
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                // a refused unique key would otherwise put the e-mail or phone in the server log
                .setServerConfig("log_error_verbosity", "terse")
                // stopped by the launcher after the services (the library's own hook would stop it at once,
                // beside them, and they would spend their shutdown waiting for a database that is gone)
                .setRegisterShutdownHook(false)
                .start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            for (String database : databases) {
                try (ResultSet rs = statement.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                    if (!rs.next()) {
                        statement.execute("create database \"" + database + "\"");
                    }
                }
            }
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + PlatformLayout.POSTGRES_PORT + "/" + database;
    }

    void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                // best effort at shutdown
            }
        }
    }
}
