package id.go.prakerja.support.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.transaction.support.TransactionTemplate;

import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.MalformedEventException;
import id.go.prakerja.support.inbox.EventConsumers;
import id.go.prakerja.support.web.ProblemException;

/**
 * Keeps what arrives on this service's dead-letter topic in its database, so operators can
 * see it, replay it through the consumer that failed, or discard it with a reason.
 */
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final int MAX_ERROR_LENGTH = 2000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final EventConsumers consumers;

    public DeadLetters(JdbcTemplate jdbc, TransactionTemplate transactions, EventConsumers consumers) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.consumers = consumers;
    }

    /**
     * The Spring Cloud Stream consumer bound to this service's dead-letter topic. It never
     * gives up: while the database refuses the row, the record is retried with back-off and its
     * offset is not committed (see {@code PlatformMessagingConfiguration#deadLetterRecorderErrorHandler}).
     */
    public Consumer<Message<byte[]>> recorder() {
        return message -> record(message.getPayload(), message.getHeaders());
    }

    void record(byte[] payload, MessageHeaders headers) {
        String topic = text(header(headers, "kafka_dlt-original-topic", "x-original-topic"));
        Integer partition = integer(header(headers, "kafka_dlt-original-partition", "x-original-partition"));
        Long offset = longValue(header(headers, "kafka_dlt-original-offset", "x-original-offset"));
        if (topic == null || partition == null || offset == null) {
            // not sent by our recoverer: the dead-letter record's own position identifies it
            topic = "unknown:" + text(header(headers, "kafka_receivedTopic"));
            partition = integer(header(headers, "kafka_receivedPartitionId"));
            offset = longValue(header(headers, "kafka_offset"));
        }
        String key = cut(text(header(headers, "kafka_receivedMessageKey")), 200);
        String errorClass = text(header(headers, "kafka_dlt-exception-fqcn", "x-exception-fqcn"));
        String errorMessage = text(header(headers, "kafka_dlt-exception-message", "x-exception-message"));
        // the binder wraps the handler's exception; the operator needs the handler's own
        String[] rootCause = handlerCause(text(header(headers, "kafka_dlt-exception-stacktrace", "x-exception-stacktrace")));
        if (rootCause != null) {
            errorClass = rootCause[0];
            errorMessage = rootCause[1];
        }
        errorMessage = truncate(errorMessage);
        UUID eventId = null;
        String eventType = null;
        try {
            var peek = EventJson.peek(payload);
            eventId = peek.eventId();
            eventType = cut(peek.type(), 100);
        } catch (MalformedEventException e) {
            // kept as it came; the operator sees the raw bytes
        }
        int inserted = jdbc.update("""
                insert into dead_letter (id, original_topic, original_partition, original_offset, message_key,
                    event_id, event_type, payload, error_class, error_message, status, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)
                on conflict (original_topic, original_partition, original_offset) do nothing
                """, UUID.randomUUID(), cut(topic, 200), partition == null ? -1 : partition,
                offset == null ? -1 : offset, key, eventId, eventType, payload, cut(errorClass, 300), errorMessage,
                Timestamp.from(Instant.now()));
        if (inserted == 1) {
            log.error("dead letter recorded: topic={} partition={} offset={} eventId={} type={} error={}: {}",
                    topic, partition, offset, eventId, eventType, errorClass, errorMessage);
        }
    }

    public List<DeadLetter> list(DeadLetter.Status status, int limit) {
        return jdbc.query("select * from dead_letter where (?::text is null or status = ?) order by recorded_at desc limit ?",
                this::map, status == null ? null : status.name(), status == null ? null : status.name(), limit);
    }

    public Optional<DeadLetter> find(UUID id) {
        return jdbc.query("select * from dead_letter where id = ?", this::map, id).stream().findFirst();
    }

    public long count(DeadLetter.Status status) {
        Long n = jdbc.queryForObject("select count(*) from dead_letter where status = ?", Long.class, status.name());
        return n == null ? 0 : n;
    }

    /**
     * Runs the message through the consumer of its topic again (inbox rules apply, so an
     * event that meanwhile got processed is not applied twice) and marks it replayed. The
     * letter is locked first and the effect and the new status commit in one transaction: of a
     * replay and a discard at the same moment one wins, the other gets 409; a failed replay
     * changes nothing and the letter stays pending.
     */
    public EventConsumers.Outcome replay(UUID id, String operator) {
        return transactions.execute(tx -> {
            DeadLetter letter = lockPending(id);
            byte[] payload = jdbc.queryForObject("select payload from dead_letter where id = ?", byte[].class, id);
            EventConsumers.Outcome outcome;
            try {
                outcome = consumers.replay(letter.originalTopic(), payload);
            } catch (RuntimeException e) {
                tx.setRollbackOnly();
                throw new ReplayFailed(id, e);
            }
            resolve(id, DeadLetter.Status.REPLAYED, operator, "replayed: " + outcome);
            return outcome;
        });
    }

    public void discard(UUID id, String operator, String reason) {
        transactions.executeWithoutResult(tx -> {
            lockPending(id);
            resolve(id, DeadLetter.Status.DISCARDED, operator, reason);
        });
    }

    private DeadLetter lockPending(UUID id) {
        DeadLetter letter = jdbc.query("select * from dead_letter where id = ? for update", this::map, id).stream()
                .findFirst().orElseThrow(() -> new DeadLetterNotFound(id));
        if (letter.status() != DeadLetter.Status.PENDING) {
            throw new DeadLetterAlreadyResolved(id, letter.status());
        }
        return letter;
    }

    private void resolve(UUID id, DeadLetter.Status status, String operator, String note) {
        jdbc.update("""
                update dead_letter set status = ?, resolved_at = ?, resolved_by = ?, resolution_note = ?
                where id = ? and status = 'PENDING'
                """, status.name(), Timestamp.from(Instant.now()), operator, note, id);
    }

    private DeadLetter map(ResultSet rs, int row) throws SQLException {
        Timestamp resolved = rs.getTimestamp("resolved_at");
        return new DeadLetter(rs.getObject("id", UUID.class), rs.getString("original_topic"),
                rs.getInt("original_partition"), rs.getLong("original_offset"), rs.getString("message_key"),
                rs.getObject("event_id", UUID.class), rs.getString("event_type"), rs.getString("error_class"),
                rs.getString("error_message"), DeadLetter.Status.valueOf(rs.getString("status")),
                rs.getTimestamp("recorded_at").toInstant(), resolved == null ? null : resolved.toInstant(),
                rs.getString("resolved_by"), rs.getString("resolution_note"), printable(rs.getBytes("payload")));
    }

    private static String printable(byte[] payload) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return "base64:" + java.util.Base64.getEncoder().encodeToString(payload);
        }
    }

    /** {class, message} of the first cause in a stack trace that is not a Spring messaging wrapper, or null. */
    static String[] handlerCause(String stackTrace) {
        if (stackTrace == null) {
            return null;
        }
        String last = null;
        for (String line : stackTrace.split("\\R")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("Caused by: ") && !trimmed.startsWith("Caused by: org.springframework.")) {
                last = trimmed.substring("Caused by: ".length());
                break;
            }
        }
        if (last == null) {
            return null;
        }
        int colon = last.indexOf(": ");
        return colon < 0 ? new String[] {last, null} : new String[] {last.substring(0, colon), last.substring(colon + 2)};
    }

    private static Object header(MessageHeaders headers, String... names) {
        for (String name : names) {
            Object value = headers.get(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
    }

    private static Integer integer(Object value) {
        try {
            return integerOrFail(value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Long longValue(Object value) {
        try {
            return longOrFail(value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Integer integerOrFail(Object value) {
        if (value instanceof byte[] bytes && bytes.length == 4) {
            return ByteBuffer.wrap(bytes).getInt();
        }
        if (value instanceof Number number) {
            return number.intValue();
        }
        String text = text(value);
        return text == null ? null : Integer.valueOf(text.trim());
    }

    private static Long longOrFail(Object value) {
        if (value instanceof byte[] bytes && bytes.length == 8) {
            return ByteBuffer.wrap(bytes).getLong();
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        String text = text(value);
        return text == null ? null : Long.valueOf(text.trim());
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }

    public static class DeadLetterNotFound extends ProblemException {
        DeadLetterNotFound(UUID id) {
            super(HttpStatus.NOT_FOUND, "DEAD_LETTER_NOT_FOUND");
        }
    }

    public static class ReplayFailed extends ProblemException {
        ReplayFailed(UUID id, RuntimeException cause) {
            super(HttpStatus.CONFLICT, "DEAD_LETTER_REPLAY_FAILED", String.valueOf(cause.getMessage()));
            initCause(cause);
        }
    }

    public static class DeadLetterAlreadyResolved extends ProblemException {
        DeadLetterAlreadyResolved(UUID id, DeadLetter.Status status) {
            super(HttpStatus.CONFLICT, "DEAD_LETTER_RESOLVED");
        }
    }
}
