package id.go.prakerja.support.crypto;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The re-encryption job: re-seals every value of the service's {@link SealedTable}s that is not
 * under the current field key (an older key, or the format from before key ids), so the older key
 * can then be removed from the configuration.
 *
 * <p>Each table is walked in primary-key order, a batch per transaction (keyset pagination, never
 * an offset). The primary key of the last row walked is kept in {@code field_key_rotation} per
 * table and target key id, so the job can be stopped at any time and resumes where it was; a new
 * current key starts a new walk. The batch takes the table's progress row {@code FOR UPDATE}, so
 * replicas running the job at once take turns instead of repeating work. A row is updated only if
 * its sealed values are still those that were read: a value the service changed meanwhile was
 * sealed under the current key already and is left alone. A value that cannot be opened (a key
 * missing from the configuration, a damaged value) is counted and logged by table and primary
 * key, never by content, and the walk goes on.
 */
public class FieldKeyRotation {

    private static final Logger log = LoggerFactory.getLogger(FieldKeyRotation.class);

    private final List<SealedTable> tables;
    private final PersonalDataCrypto crypto;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final int batchSize;

    public FieldKeyRotation(List<SealedTable> tables, PersonalDataCrypto crypto, JdbcTemplate jdbc,
            TransactionTemplate transactions, int batchSize) {
        this.tables = List.copyOf(tables);
        this.crypto = crypto;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.batchSize = batchSize;
    }

    public record TableProgress(String table, int keyId, long walked, long resealed, long unreadable, boolean finished,
            Instant startedAt, Instant finishedAt) {
    }

    public record Progress(int currentKeyId, boolean finished, List<TableProgress> tables) {
    }

    /**
     * Runs up to {@code maxBatches} batches over the tables, in order, and answers where the job
     * stands. Calling it again continues; once every table is finished it does nothing.
     */
    public Progress run(int maxBatches) {
        int keyId = crypto.currentFieldKeyId();
        int batches = 0;
        for (SealedTable table : tables) {
            while (batches < maxBatches && !batch(table, keyId)) {
                batches++;
            }
            if (batches >= maxBatches) {
                break;
            }
        }
        return progress();
    }

    /** Starts the walk of the current key over, for rows written under an older key after the walk passed them. */
    public Progress restart() {
        int keyId = crypto.currentFieldKeyId();
        jdbc.update("delete from field_key_rotation where key_id = ?", keyId);
        return progress();
    }

    public Progress progress() {
        int keyId = crypto.currentFieldKeyId();
        List<TableProgress> result = new ArrayList<>();
        for (SealedTable table : tables) {
            List<TableProgress> found = jdbc.query("""
                    select rows_walked, rows_resealed, rows_unreadable, started_at, finished_at from field_key_rotation
                    where table_name = ? and key_id = ?""",
                    (rs, i) -> new TableProgress(table.name(), keyId, rs.getLong(1), rs.getLong(2), rs.getLong(3),
                            rs.getTimestamp(5) != null, rs.getTimestamp(4).toInstant(),
                            rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()),
                    table.name(), keyId);
            result.add(found.isEmpty() ? new TableProgress(table.name(), keyId, 0, 0, 0, false, null, null) : found.getFirst());
        }
        return new Progress(keyId, result.stream().allMatch(TableProgress::finished), result);
    }

    /**
     * Rows of each table that are not sealed under the current key, counted by the database from
     * the key id every value carries (no value is opened). A full scan: for a check, not a loop.
     */
    public Map<String, Long> remaining() {
        int keyId = crypto.currentFieldKeyId();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (SealedTable table : tables) {
            List<Object> args = new ArrayList<>();
            String stale = table.columns().stream().map(c -> {
                if (c.bytes()) {
                    args.add(bytesHeader(keyId));
                    return "substring(" + c.name() + " from 1 for 6) <> ?";
                }
                args.add("v2:" + keyId + ":%");
                return c.name() + " not like ?";
            }).collect(Collectors.joining(" or "));
            counts.put(table.name(), jdbc.queryForObject("select count(*) from " + table.name() + " where " + stale,
                    Long.class, args.toArray()));
        }
        return counts;
    }

    /** One batch of one table; true when the table is finished for this key. */
    private boolean batch(SealedTable table, int keyId) {
        Boolean finished = transactions.execute(status -> {
            // one statement that creates or locks the progress row and returns it, so a restart
            // deleting it at the same moment cannot leave this batch without one
            var state = jdbc.queryForMap("""
                    insert into field_key_rotation (table_name, key_id, started_at, updated_at) values (?, ?, now(), now())
                    on conflict (table_name, key_id) do update set updated_at = field_key_rotation.updated_at
                    returning last_row, finished_at""", table.name(), keyId);
            if (state.get("finished_at") != null) {
                return true;
            }
            String[] after = textArray(state.get("last_row"));
            List<Row> rows = read(table, after);
            int resealed = 0;
            int unreadable = 0;
            for (Row row : rows) {
                switch (reseal(table, row)) {
                    case RESEALED -> resealed++;
                    case UNREADABLE -> unreadable++;
                    case CURRENT -> {
                    }
                }
            }
            boolean done = rows.size() < batchSize;
            if (!rows.isEmpty()) {
                String[] last = rows.getLast().key();
                jdbc.update("update field_key_rotation set last_row = ? where table_name = ? and key_id = ?",
                        jdbc.execute((Connection c) -> c.createArrayOf("text", last)), table.name(), keyId);
            }
            jdbc.update("""
                    update field_key_rotation set rows_walked = rows_walked + ?, rows_resealed = rows_resealed + ?,
                        rows_unreadable = rows_unreadable + ?, updated_at = now(), finished_at = case when ? then now() end
                    where table_name = ? and key_id = ?""",
                    rows.size(), resealed, unreadable, done, table.name(), keyId);
            if (done) {
                log.info("re-encryption of {} under field key {} finished", table.name(), keyId);
            }
            return done;
        });
        return Boolean.TRUE.equals(finished);
    }

    private record Row(String[] key, Object[] values) {
    }

    private enum Outcome {
        CURRENT, RESEALED, UNREADABLE
    }

    private List<Row> read(SealedTable table, String[] after) {
        String keys = table.primaryKey().stream().map(SealedTable.KeyColumn::name).collect(Collectors.joining(", "));
        String selectKeys = table.primaryKey().stream().map(k -> k.name() + "::text").collect(Collectors.joining(", "));
        String sealed = table.columns().stream().map(SealedTable.SealedColumn::name).collect(Collectors.joining(", "));
        List<Object> args = new ArrayList<>();
        String where = "";
        if (after != null) {
            where = " where (" + keys + ") > (" + table.primaryKey().stream().map(k -> "cast(? as " + k.type() + ")")
                    .collect(Collectors.joining(", ")) + ")";
            args.addAll(Arrays.asList(after));
        }
        args.add(batchSize);
        int keyCount = table.primaryKey().size();
        return jdbc.query("select " + selectKeys + ", " + sealed + " from " + table.name() + where + " order by " + keys
                + " limit ?", (ResultSet rs, int i) -> {
                    String[] key = new String[keyCount];
                    for (int k = 0; k < keyCount; k++) {
                        key[k] = rs.getString(k + 1);
                    }
                    Object[] values = new Object[table.columns().size()];
                    for (int c = 0; c < values.length; c++) {
                        values[c] = table.columns().get(c).bytes() ? rs.getBytes(keyCount + c + 1) : rs.getString(keyCount + c + 1);
                    }
                    return new Row(key, values);
                }, args.toArray());
    }

    private Outcome reseal(SealedTable table, Row row) {
        List<String> set = new ArrayList<>();
        List<Object> newValues = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<Object> oldValues = new ArrayList<>();
        try {
            for (int c = 0; c < row.values().length; c++) {
                SealedTable.SealedColumn column = table.columns().get(c);
                Object value = row.values()[c];
                if (value == null) {
                    continue;
                }
                SealContext where = table.context(column.name(), (Object[]) row.key());
                Object resealed = column.bytes() ? crypto.resealBytesAtRest((byte[]) value, where)
                        : crypto.resealAtRest((String) value, where);
                if (resealed != value) {
                    set.add(column.name() + " = ?");
                    newValues.add(resealed);
                    unchanged.add(column.name() + " = ?");
                    oldValues.add(value);
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            log.warn("re-encryption: a value of {} row {} cannot be opened with the configured keys; left as it is",
                    table.name(), String.join("/", row.key()));
            return Outcome.UNREADABLE;
        }
        if (set.isEmpty()) {
            return Outcome.CURRENT;
        }
        List<Object> args = new ArrayList<>(newValues);
        List<String> conditions = new ArrayList<>();
        for (int k = 0; k < row.key().length; k++) {
            SealedTable.KeyColumn key = table.primaryKey().get(k);
            conditions.add(key.name() + " = cast(? as " + key.type() + ")");
            args.add(row.key()[k]);
        }
        conditions.addAll(unchanged);
        args.addAll(oldValues);
        int updated = jdbc.update("update " + table.name() + " set " + String.join(", ", set) + " where "
                + String.join(" and ", conditions), args.toArray());
        return updated == 1 ? Outcome.RESEALED : Outcome.CURRENT;
    }

    private static String[] textArray(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return (String[]) ((Array) value).getArray();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the re-encryption cursor", e);
        }
    }

    private static byte[] bytesHeader(int keyId) {
        return new byte[] {'P', 'K', 'S', 2, (byte) (keyId >>> 8), (byte) keyId};
    }
}
