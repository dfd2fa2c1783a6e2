package id.go.prakerja.payment.disbursement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.go.prakerja.payment.SealingMigration;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.support.crypto.SealedTable;

/**
 * Migration V10 of the payment gateway, in Java because sealing needs the field key: the account of
 * every payment, attempt and re-request written before V9 is sealed into the column V9 added (under
 * the context {@link PaymentAccounts} opens it with, so a payment waiting to be sent is paid to the
 * same account), its masked account written, and its clear value emptied; V11 then drops the clear
 * columns. A bean (Spring Boot gives JavaMigration beans to Flyway); it runs in the migration's
 * transaction, walking each table by primary key a batch at a time (a tranche leaves hundreds of
 * thousands of payments: never from the top again), one statement per batch, and logs counts only.
 */
public class PaymentAccountSealing extends SealingMigration {

    private static final Logger log = LoggerFactory.getLogger(PaymentAccountSealing.class);
    private static final int BATCH = 500;

    /** A sealed column of {@link SealedPayments} with the clear column and the masked column it replaces. */
    private record Column(SealedTable table, String clear, String masked) {

        String sealed() {
            return table.columns().getFirst().name();
        }
    }

    /** The attempt's own sealed account, as V9 to V11 had it (V12 drops it: it is kept once, elsewhere). */
    static final SealedTable PAYMENT_ATTEMPT_UNTIL_V12 = new SealedTable("payment_attempt",
            List.of(SealedTable.key("instruction_id", "text"), SealedTable.key("attempt", "int")),
            List.of(SealedTable.text(SealedPayments.ACCOUNT_NUMBER)));

    private static final List<Column> COLUMNS = List.of(
            new Column(SealedPayments.PAYMENT, "account_number", "account_masked"),
            new Column(PAYMENT_ATTEMPT_UNTIL_V12, "account_number", "account_masked"),
            new Column(SealedPayments.PAYMENT_REREQUEST, "previous_account_number", "previous_account_masked"));

    private final PersonalDataCrypto crypto;

    public PaymentAccountSealing(PersonalDataCrypto crypto) {
        super("10", "seal payment accounts");
        this.crypto = crypto;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        for (Column column : COLUMNS) {
            int sealed = seal(context.getConnection(), column);
            log.info("{}: {} account(s) written before sealing are sealed now", column.table().name(), sealed);
        }
    }

    /** A row's primary key (as PostgreSQL prints it, in key order) and its clear account; never printed. */
    private record Clear(String[] key, String account) {

        @Override
        public String toString() {
            return "Clear[" + String.join("/", key) + "]";
        }
    }

    /** Seals every row of the column's table that still holds a clear account; answers how many. */
    int seal(Connection connection, Column column) throws SQLException {
        SealedTable table = column.table();
        List<SealedTable.KeyColumn> keys = table.primaryKey();
        String keyList = keys.stream().map(SealedTable.KeyColumn::name).collect(Collectors.joining(", "));
        String select = "select " + keys.stream().map(k -> k.name() + "::text").collect(Collectors.joining(", ")) + ", "
                + column.clear() + " from " + table.name() + " where " + column.clear() + " is not null";
        String after = " and (" + keyList + ") > (" + keys.stream().map(k -> "cast(? as " + k.type() + ")")
                .collect(Collectors.joining(", ")) + ")";
        String order = " order by " + keyList + " limit " + BATCH;
        String update = "update " + table.name() + " t set " + column.sealed() + " = u.sealed, " + column.masked()
                + " = u.masked, " + column.clear() + " = null from unnest("
                + "?::text[], ".repeat(keys.size()) + "?::text[], ?::text[]) as u("
                + IntStream.range(0, keys.size()).mapToObj(i -> "k" + i + ", ").collect(Collectors.joining())
                + "sealed, masked) where "
                + IntStream.range(0, keys.size()).mapToObj(i -> "t." + keys.get(i).name() + " = cast(u.k" + i + " as "
                        + keys.get(i).type() + ")").collect(Collectors.joining(" and "))
                + " and t." + column.clear() + " is not null";
        int total = 0;
        String[] last = null;
        while (true) {
            List<Clear> rows = new ArrayList<>(BATCH);
            // keyset pagination: each batch starts after the last row sealed, not from the top
            try (PreparedStatement ps = connection.prepareStatement(select + (last == null ? "" : after) + order)) {
                if (last != null) {
                    for (int k = 0; k < last.length; k++) {
                        ps.setString(k + 1, last[k]);
                    }
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String[] key = new String[keys.size()];
                        for (int k = 0; k < key.length; k++) {
                            key[k] = rs.getString(k + 1);
                        }
                        rows.add(new Clear(key, rs.getString(keys.size() + 1)));
                    }
                }
            }
            if (rows.isEmpty()) {
                return total;
            }
            int n = rows.size();
            String[][] keyColumns = new String[keys.size()][n];
            String[] sealed = new String[n];
            String[] masked = new String[n];
            for (int i = 0; i < n; i++) {
                Clear row = rows.get(i);
                for (int k = 0; k < keys.size(); k++) {
                    keyColumns[k][i] = row.key()[k];
                }
                sealed[i] = crypto.encryptAtRest(row.account(), table.context(column.sealed(), (Object[]) row.key()));
                masked[i] = Payment.mask(row.account());
            }
            try (PreparedStatement ps = connection.prepareStatement(update)) {
                for (int k = 0; k < keys.size(); k++) {
                    ps.setArray(k + 1, connection.createArrayOf("text", keyColumns[k]));
                }
                ps.setArray(keys.size() + 1, connection.createArrayOf("text", sealed));
                ps.setArray(keys.size() + 2, connection.createArrayOf("text", masked));
                if (ps.executeUpdate() != n) {
                    throw new IllegalStateException(table.name() + ": a row to seal was not updated");
                }
            }
            total += n;
            last = rows.getLast().key();
        }
    }
}
