package id.go.prakerja.support.web;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What may be said about a database error in a log line or an answer: the constraint's name, or
 * the SQLSTATE. Never the server's detail, which quotes the row's values (an e-mail, a phone).
 * The JDBC driver is also told not to put that detail into its messages at all
 * ({@code logServerErrorDetail=false} in the platform defaults); this is the second guard.
 */
public final class DatabaseErrors {

    // PostgreSQL names the constraint in the primary message, e.g.
    // duplicate key value violates unique constraint "participant_email_unique"
    private static final Pattern CONSTRAINT = Pattern.compile("constraint \"([^\"]+)\"");

    private DatabaseErrors() {
    }

    /**
     * Whether the database refused a value itself (SQLSTATE class 22, "data exception": a string
     * too long for its column, a NUL character, a number or date outside its type's range, text
     * that is no valid value of the type), as opposed to a constraint over the data (class 23).
     */
    public static boolean isDataException(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState().startsWith("22");
            }
        }
        return false;
    }

    /** The violated constraint's name; else the SQLSTATE; else the error's type. */
    public static String constraintOf(Throwable error) {
        String sqlState = null;
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql) {
                Matcher name = CONSTRAINT.matcher(String.valueOf(sql.getMessage()));
                if (name.find()) {
                    return name.group(1);
                }
                if (sqlState == null) {
                    sqlState = sql.getSQLState();
                }
            }
        }
        return sqlState != null ? "SQLSTATE " + sqlState : error.getClass().getSimpleName();
    }
}
