package id.go.prakerja.payment.account;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.go.prakerja.payment.SealingMigration;
import id.go.prakerja.support.crypto.PersonalDataCrypto;

/**
 * Migration V7 of the payment gateway, in Java because sealing needs the field key: every link
 * request written before V6 has its account number, full name and registered phone sealed into the
 * columns V6 added (under the contexts {@link AccountLinks} opens them with, so a pending request
 * is verified as before), its masked account written, the names in its word-by-word comparison
 * masked, and its clear values emptied; V8 then drops the clear columns. A bean (Spring Boot gives
 * JavaMigration beans to Flyway); it runs in the migration's transaction, a batch at a time, and
 * logs counts only.
 */
public class AccountLinkSealing extends SealingMigration {

    private static final Logger log = LoggerFactory.getLogger(AccountLinkSealing.class);
    private static final int BATCH = 500;

    private final PersonalDataCrypto crypto;

    public AccountLinkSealing(PersonalDataCrypto crypto) {
        super("7", "seal account link personal data");
        this.crypto = crypto;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        int sealed = seal(context.getConnection());
        log.info("account_link: {} link request(s) written before sealing are sealed now", sealed);
    }

    private record Clear(UUID linkId, String accountNumber, String fullName, String registeredPhone, boolean named,
            String comparison) {

        @Override
        public String toString() {
            return "Clear[" + linkId + "]";
        }
    }

    /** Seals every row that still holds a clear value; answers how many. */
    int seal(Connection connection) throws SQLException {
        int total = 0;
        while (true) {
            List<Clear> rows = new ArrayList<>();
            // a sealed row leaves this selection, so each batch starts from the top again
            try (PreparedStatement select = connection.prepareStatement("""
                    select link_id, account_number, full_name, registered_phone, name_score is not null, name_comparison
                    from account_link
                    where account_number is not null or full_name is not null or registered_phone is not null
                    order by link_id limit ?""")) {
                select.setInt(1, BATCH);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Clear(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getBoolean(5), rs.getString(6)));
                    }
                }
            }
            if (rows.isEmpty()) {
                return total;
            }
            try (PreparedStatement update = connection.prepareStatement("""
                    update account_link set account_number_sealed = coalesce(?, account_number_sealed),
                        full_name_sealed = coalesce(?, full_name_sealed),
                        registered_phone_sealed = coalesce(?, registered_phone_sealed),
                        account_masked = coalesce(?, account_masked), name_comparison = ?,
                        account_number = null, full_name = null, registered_phone = null
                    where link_id = ?""")) {
                for (Clear row : rows) {
                    String account = row.accountNumber() == null ? null : row.accountNumber().trim();
                    update.setString(1, seal(account, SealedAccountLinks.ACCOUNT_NUMBER, row.linkId()));
                    update.setString(2, seal(row.fullName(), SealedAccountLinks.FULL_NAME, row.linkId()));
                    update.setString(3, seal(row.registeredPhone(), SealedAccountLinks.REGISTERED_PHONE, row.linkId()));
                    update.setString(4, SealedAccountLinks.maskAccount(account));
                    // a comparison of names holds both names word by word; any other is the decision's detail
                    update.setString(5, row.named() ? NameMatch.maskWords(row.comparison()) : row.comparison());
                    update.setObject(6, row.linkId());
                    update.addBatch();
                }
                for (int count : update.executeBatch()) {
                    if (count != 1 && count != java.sql.Statement.SUCCESS_NO_INFO) {
                        throw new IllegalStateException("account_link: a row to seal was not updated");
                    }
                }
            }
            total += rows.size();
        }
    }

    private String seal(String plain, String column, UUID linkId) {
        return plain == null ? null : crypto.encryptAtRest(plain, SealedAccountLinks.atRest(column, linkId));
    }
}
