package id.go.prakerja.support.audit;

import java.io.IOException;
import java.io.Writer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.operations.OperatorActionRecorded;
import id.go.prakerja.support.outbox.Outbox;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only record of what operators did to this service ({@code audit_entry}, a platform
 * table). {@link AuditFilter} records every state-changing {@code /admin/**} call once it has an
 * outcome, refused ones included; a service adds what only it knows, from inside the transaction
 * that makes the change: the target, the state before and after, the reason, the participant the
 * action concerns. Outside a request (a scheduled job) those calls do nothing.
 */
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    static final String DETAILS = AuditTrail.class.getName() + ".details";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "id, recorded_at, operator, roles, method, path, target, participant_id, action, "
            + "before_state::text, after_state::text, reason, outcome";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final String service;

    /**
     * @param outbox       announces an action that concerns a participant ({@link OperatorActionRecorded}), in the
     *                     transaction of its entry; null where the service has no outbox
     * @param transactions the transaction the entry and its announcement share
     * @param service      this service's name, as the announcement gives it
     */
    public AuditTrail(JdbcTemplate jdbc, Clock clock, Outbox outbox, TransactionTemplate transactions, String service) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.outbox = outbox;
        this.transactions = transactions;
        this.service = service;
    }

    /** What the current request's service said about its action; collected until the call ends. */
    static final class Details {
        String action;
        String target;
        UUID participantId;
        String reason;
        final Map<String, Object> before = new LinkedHashMap<>();
        final Map<String, Object> after = new LinkedHashMap<>();
    }

    /** A short name for what was done, e.g. {@code BUDGET_CHANGE_REQUESTED}. */
    public AuditTrail action(String action) {
        details().ifPresent(d -> d.action = action);
        return this;
    }

    /** The id of what the action is about (a tranche, a run, a request), when the path does not say it. */
    public AuditTrail target(String target) {
        details().ifPresent(d -> d.target = target);
        return this;
    }

    /** The participant the action concerns. */
    public AuditTrail participant(UUID participantId) {
        details().ifPresent(d -> d.participantId = participantId);
        return this;
    }

    public AuditTrail reason(String reason) {
        details().ifPresent(d -> d.reason = reason);
        return this;
    }

    /** One field's value before and after the change (either may be null). */
    public AuditTrail change(String field, Object before, Object after) {
        details().ifPresent(d -> {
            d.before.put(field, before);
            d.after.put(field, after);
        });
        return this;
    }

    public AuditTrail before(String field, Object value) {
        details().ifPresent(d -> d.before.put(field, value));
        return this;
    }

    public AuditTrail after(String field, Object value) {
        details().ifPresent(d -> d.after.put(field, value));
        return this;
    }

    private static java.util.Optional<Details> details() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return java.util.Optional.empty();
        }
        Object details = request.getAttribute(DETAILS, RequestAttributes.SCOPE_REQUEST);
        if (details == null) {
            details = new Details();
            request.setAttribute(DETAILS, details, RequestAttributes.SCOPE_REQUEST);
        }
        return java.util.Optional.of((Details) details);
    }

    /** An entry as operators read it. */
    public record Entry(long id, Instant recordedAt, String operator, List<String> roles, String method, String path,
            String target, UUID participantId, String action, JsonNode before, JsonNode after, String reason, int outcome) {
    }

    /** What {@link AuditFilter} writes when a call ends. */
    record NewEntry(String operator, String roles, String method, String path, String target, UUID participantId,
            String action, Map<String, Object> before, Map<String, Object> after, String reason, int outcome) {
    }

    /**
     * Writes an entry; one that concerns a participant and succeeded is announced in the same
     * transaction, so the console's participant timeline shows it beside the events it caused.
     */
    void append(NewEntry e) {
        if (transactions == null) {
            insert(e);
            return;
        }
        transactions.executeWithoutResult(tx -> {
            Instant at = insert(e);
            if (outbox != null && e.participantId() != null && e.outcome() >= 200 && e.outcome() < 300) {
                outbox.publish(EventEnvelope.of(new OperatorActionRecorded(service, cut(e.action(), 100), e.method(),
                        cut(e.path(), 500), cut(e.target(), 200), cut(e.operator(), 200), cut(e.roles(), 200), e.outcome(),
                        cut(e.reason(), 500), at), e.participantId(), UUID.randomUUID(), null, at));
            }
        });
    }

    private Instant insert(NewEntry e) {
        Instant at = clock.instant();
        jdbc.update("""
                insert into audit_entry (recorded_at, operator, roles, method, path, target, participant_id, action,
                                         before_state, after_state, reason, outcome)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)""",
                Timestamp.from(at), cut(e.operator(), 200), cut(e.roles(), 200), e.method(), cut(e.path(), 500),
                cut(e.target(), 200), e.participantId(), cut(e.action(), 100), json(e.before()), json(e.after()),
                cut(e.reason(), 500), e.outcome());
        log.info("audit: {} {} {} by {} [{}] -> {}", e.method(), e.path(), e.target() == null ? "" : e.target(),
                e.operator(), e.roles(), e.outcome());
        return at;
    }

    private static String json(Map<String, Object> state) {
        return state == null || state.isEmpty() ? null : JSON.writeValueAsString(state);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /**
     * @param operator the subject who acted, exactly
     * @param target   the target id, exactly
     * @param from     recorded at or after (inclusive)
     * @param to       recorded before (exclusive)
     */
    public record Query(String operator, String target, Instant from, Instant to) {

        String where(List<Object> args) {
            List<String> conditions = new ArrayList<>();
            if (operator != null && !operator.isBlank()) {
                conditions.add("operator = ?");
                args.add(operator);
            }
            if (target != null && !target.isBlank()) {
                conditions.add("target = ?");
                args.add(target);
            }
            if (from != null) {
                conditions.add("recorded_at >= ?");
                args.add(Timestamp.from(from));
            }
            if (to != null) {
                conditions.add("recorded_at < ?");
                args.add(Timestamp.from(to));
            }
            return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        }
    }

    public record Page(List<Entry> items, int page, int size, boolean hasMore) {
    }

    /** Newest first. */
    public Page find(Query query, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = query.where(args);
        args.add(size + 1);
        args.add((long) page * size);
        List<Entry> rows = jdbc.query("select " + COLUMNS + " from audit_entry" + where
                + " order by recorded_at desc, id desc limit ? offset ?", ENTRY, args.toArray());
        boolean more = rows.size() > size;
        return new Page(more ? rows.subList(0, size) : rows, page, size, more);
    }

    /** Streams the matching entries as CSV, oldest first, at most {@code limit} rows. */
    public void csv(Query query, int limit, Writer out) throws IOException {
        out.write("id,recorded_at,operator,roles,method,path,target,participant_id,action,before,after,reason,outcome\n");
        List<Object> args = new ArrayList<>();
        String where = query.where(args);
        args.add(limit);
        try {
            jdbc.query(con -> {
                var statement = con.prepareStatement("select " + COLUMNS + " from audit_entry" + where
                        + " order by recorded_at, id limit ?");
                statement.setFetchSize(500);
                for (int i = 0; i < args.size(); i++) {
                    statement.setObject(i + 1, args.get(i));
                }
                return statement;
            }, (RowCallbackHandler) rs -> {
                try {
                    Entry e = ENTRY.mapRow(rs, 0);
                    out.write(String.join(",", List.of(Long.toString(e.id()), e.recordedAt().toString(), cell(e.operator()),
                            cell(String.join(" ", e.roles())), e.method(), cell(e.path()), cell(e.target()),
                            e.participantId() == null ? "" : e.participantId().toString(), cell(e.action()),
                            cell(e.before() == null ? null : e.before().toString()),
                            cell(e.after() == null ? null : e.after().toString()), cell(e.reason()),
                            Integer.toString(e.outcome()))));
                    out.write("\n");
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * RFC 4180 quoting, and a leading {@code '} before what a spreadsheet would run as a formula
     * (a reason typed by an operator is data, never a formula).
     */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    private static final RowMapper<Entry> ENTRY = (rs, i) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(),
            rs.getString(3), rs.getString(4).isEmpty() ? List.of() : List.of(rs.getString(4).split(",")), rs.getString(5),
            rs.getString(6), rs.getString(7), rs.getObject(8, UUID.class), rs.getString(9), tree(rs.getString(10)),
            tree(rs.getString(11)), rs.getString(12), rs.getInt(13));

    private static JsonNode tree(String json) {
        return json == null ? null : JSON.readTree(json);
    }
}
