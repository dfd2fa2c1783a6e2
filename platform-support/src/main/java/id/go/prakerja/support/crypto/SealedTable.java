package id.go.prakerja.support.crypto;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A table whose columns hold values sealed at rest, declared once by the service that owns it:
 * the service seals and opens with {@link #context}, and the re-encryption job
 * ({@link FieldKeyRotation}) walks the table by primary key with the same contexts.
 *
 * @param name the table
 * @param primaryKey its primary key columns with their SQL types, in key order
 * @param columns the sealed columns
 */
public record SealedTable(String name, List<KeyColumn> primaryKey, List<SealedColumn> columns) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public SealedTable {
        primaryKey = List.copyOf(primaryKey);
        columns = List.copyOf(columns);
        // names are written into SQL: only plain identifiers
        require(name);
        primaryKey.forEach(k -> {
            require(k.name());
            require(k.type());
        });
        columns.forEach(c -> require(c.name()));
        if (primaryKey.isEmpty() || columns.isEmpty()) {
            throw new IllegalArgumentException(name + ": a sealed table needs a primary key and a sealed column");
        }
    }

    public record KeyColumn(String name, String type) {
    }

    /** @param bytes {@code bytea} sealed with the byte format, else text sealed with the text format */
    public record SealedColumn(String name, boolean bytes) {
    }

    public static KeyColumn key(String name, String sqlType) {
        return new KeyColumn(name, sqlType);
    }

    public static SealedColumn text(String name) {
        return new SealedColumn(name, false);
    }

    public static SealedColumn bytes(String name) {
        return new SealedColumn(name, true);
    }

    /** The context of {@code column} in the row with this primary key (its parts in key order). */
    public SealContext context(String column, Object... rowKey) {
        if (columns.stream().noneMatch(c -> c.name().equals(column))) {
            throw new IllegalArgumentException(name + "." + column + " is not a sealed column");
        }
        if (rowKey.length != primaryKey.size()) {
            throw new IllegalArgumentException(name + " has a primary key of " + primaryKey.size() + " column(s)");
        }
        return SealContext.of(name, column, rowKey);
    }

    private static void require(String identifier) {
        if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + identifier);
        }
    }
}
