package id.go.prakerja.payment.disbursement;

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
 * Migration V13 of the payment gateway, in Java because it needs the keys: the content hash of every
 * payment (what a repeated request is compared with) was a plain SHA-256 of the request with its
 * account, which a table reader turns back into the account by trying every number of its length.
 * Each payment's hash is computed again, keyed ({@link DisbursementIntake#contentHash}), from the
 * row's own fields and its account opened where it is sealed: a request repeated after the upgrade
 * still finds its payment the same. A refused request's hash ({@code payment_conflict}) cannot be
 * computed again (its account was never kept): it is replaced by a keyed hash of the old value, so
 * equal refusals stay equal and none reveals an account. Walks each table by primary key a batch at a
 * time, in the migration's transaction; logs counts only.
 */
public class PaymentRequestHashKeying extends SealingMigration {

    private static final Logger log = LoggerFactory.getLogger(PaymentRequestHashKeying.class);
    private static final int BATCH = 500;

    private final PersonalDataCrypto crypto;
    private final PaymentAccounts accounts;

    public PaymentRequestHashKeying(PersonalDataCrypto crypto) {
        super("13", "key the request content hashes");
        this.crypto = crypto;
        this.accounts = new PaymentAccounts(crypto);
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection con = context.getConnection();
        log.info("payment: {} request hash(es) keyed", payments(con));
        log.info("payment_conflict: {} refused request hash(es) keyed", conflicts(con));
    }

    private int payments(Connection con) throws SQLException {
        int total = 0;
        String last = "";
        while (true) {
            List<String> ids = new ArrayList<>(BATCH);
            List<String> hashes = new ArrayList<>(BATCH);
            try (PreparedStatement ps = con.prepareStatement("""
                    select instruction_id, participant_id, kind, sequence, amount, partner, account_number_sealed
                      from payment where instruction_id > ? order by instruction_id limit ?""")) {
                ps.setString(1, last);
                ps.setInt(2, BATCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString("instruction_id");
                        String account = accounts.openPayment(rs.getString("account_number_sealed"), id);
                        ids.add(id);
                        hashes.add(DisbursementIntake.contentHash(crypto, rs.getObject("participant_id", UUID.class),
                                rs.getString("kind"), rs.getInt("sequence"), rs.getLong("amount"), rs.getString("partner"),
                                account));
                    }
                }
            }
            if (ids.isEmpty()) {
                return total;
            }
            update(con, "update payment p set content_hash = u.hash from unnest(?::text[], ?::text[]) as u(id, hash)"
                    + " where p.instruction_id = u.id", ids, hashes);
            total += ids.size();
            last = ids.getLast();
        }
    }

    private int conflicts(Connection con) throws SQLException {
        int total = 0;
        long last = 0;
        while (true) {
            List<String> ids = new ArrayList<>(BATCH);
            List<String> hashes = new ArrayList<>(BATCH);
            try (PreparedStatement ps = con.prepareStatement("select id, content_hash from payment_conflict"
                    + " where id > ? order by id limit " + BATCH)) {
                ps.setLong(1, last);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        last = rs.getLong(1);
                        ids.add(Long.toString(last));
                        hashes.add(crypto.blindIndex("unkeyed-disbursement-request-hash|" + rs.getString(2)));
                    }
                }
            }
            if (ids.isEmpty()) {
                return total;
            }
            update(con, "update payment_conflict c set content_hash = u.hash from unnest(?::text[], ?::text[]) as u(id, hash)"
                    + " where c.id = cast(u.id as bigint)", ids, hashes);
            total += ids.size();
        }
    }

    private static void update(Connection con, String sql, List<String> ids, List<String> hashes) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement(sql)) {
            ps.setArray(1, con.createArrayOf("text", ids.toArray()));
            ps.setArray(2, con.createArrayOf("text", hashes.toArray()));
            if (ps.executeUpdate() != ids.size()) {
                throw new IllegalStateException("a request hash to key was not updated");
            }
        }
    }
}
