package id.go.prakerja.support.config;

import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Migrates the platform's own tables (outbox, inbox, dead letters, webhook receipts, audit trail) with a
 * history table of their own before the service's migrations, so both number from 1 and
 * neither can shadow the other.
 */
public class PlatformMigrations implements FlywayMigrationStrategy {

    @Override
    public void migrate(Flyway serviceFlyway) {
        Flyway.configure()
                .dataSource(serviceFlyway.getConfiguration().getDataSource())
                .locations("classpath:db/platform")
                .table("platform_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        serviceFlyway.migrate();
    }
}
