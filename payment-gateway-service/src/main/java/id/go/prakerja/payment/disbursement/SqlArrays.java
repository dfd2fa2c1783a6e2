package id.go.prakerja.payment.disbursement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Binds columns of values as SQL arrays, for statements that take many rows at once through {@code unnest}. */
public final class SqlArrays {

    private SqlArrays() {
    }

    /** Binds {@code columns[i]} as an array of {@code types[i]} to parameter {@code firstIndex + i}. */
    public static void bind(Connection con, PreparedStatement ps, int firstIndex, Object[][] columns, String... types)
            throws SQLException {
        for (int i = 0; i < columns.length; i++) {
            ps.setArray(firstIndex + i, con.createArrayOf(types[i], columns[i]));
        }
    }
}
