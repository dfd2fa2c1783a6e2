package id.go.prakerja.payment;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A Flyway migration in Java because it needs the field key (sealing personal data written before a
 * table had sealed columns): a bean that Spring Boot hands to Flyway, with an explicit version,
 * running in the migration's transaction, without a checksum (its SQL is its code).
 */
public abstract class SealingMigration implements JavaMigration {

    private final MigrationVersion version;
    private final String description;

    protected SealingMigration(String version, String description) {
        this.version = MigrationVersion.fromVersion(version);
        this.description = description;
    }

    @Override
    public MigrationVersion getVersion() {
        return version;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }
}
