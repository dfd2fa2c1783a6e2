package id.go.prakerja.incentive.account;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.support.crypto.PersonalDataCrypto;

/**
 * V7: the blind index of every payout account linked before V6 added the column. The index is
 * keyed with the service's blind-index key, which the database does not hold, so this migration is
 * Java (a bean Spring Boot hands to Flyway); then the column is required and indexed.
 */
@Component
class PayoutAccountIndexMigration implements JavaMigration {

    private final PersonalDataCrypto crypto;

    PayoutAccountIndexMigration(PersonalDataCrypto crypto) {
        this.crypto = crypto;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("7");
    }

    @Override
    public String getDescription() {
        return "payout account index";
    }

    @Override
    public Integer getChecksum() {
        return 7;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        var connection = context.getConnection();
        try (PreparedStatement select = connection.prepareStatement(
                "select link_id, partner, account_number from payout_account where account_index is null");
             PreparedStatement update = connection.prepareStatement(
                     "update payout_account set account_index = ? where link_id = ?")) {
            select.setFetchSize(1000);
            int pending = 0;
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    update.setString(1, PayoutAccounts.accountIndex(crypto, PayoutPartner.valueOf(rs.getString(2)), rs.getString(3)));
                    update.setObject(2, rs.getObject(1));
                    update.addBatch();
                    if (++pending == 1000) {
                        update.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                update.executeBatch();
            }
        }
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("alter table payout_account alter column account_index set not null");
            ddl.execute("create index payout_account_by_index on payout_account (account_index)");
        }
    }
}
