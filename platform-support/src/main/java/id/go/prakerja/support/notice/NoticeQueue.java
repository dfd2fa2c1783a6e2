package id.go.prakerja.support.notice;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import id.go.prakerja.support.email.EmailSender;
import id.go.prakerja.support.sms.SmsGateway;

/**
 * Sends the SMS and e-mail notices a service recorded for its participants, in the transaction of
 * their cause, in its own notice table. A batch is claimed by pushing its due time a lease ahead
 * ({@code FOR UPDATE SKIP LOCKED}), so several instances share the work and a batch whose instance
 * died is sent again after the lease; the notice's id is the provider's message id, so such a resend
 * is delivered once. A notice whose participant has no contact known yet, or whose provider is down,
 * is tried again later, backing off from 5 s to 10 min.
 *
 * <p>The table holds {@code id uuid, participant_id, channel ('SMS' or 'EMAIL'), subject, attempts,
 * sent_at}, a text column and a due-time column; the participant's phone and e-mail come from the
 * service's participant table. Which columns and any further condition a notice must meet to be sent
 * are the service's ({@link Table}). Not a library's: the providers' idempotent message ids and the
 * services' own tables make this a few statements, where a job scheduler would bring its own schema.
 */
public final class NoticeQueue {

    private static final Logger log = LoggerFactory.getLogger(NoticeQueue.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    /**
     * Where a service keeps its notices.
     *
     * @param name           the notice table
     * @param dueColumn      when a notice is due (pushed ahead while claimed and when retried)
     * @param textColumn     the message text
     * @param participants   the participant table, with {@code phone} and {@code email} columns
     * @param participantKey its key, which the notices' {@code participant_id} names
     * @param sendableWhen   a further condition on the notice, aliased {@code i} (e.g. the participant is not revoked),
     *                       or empty; a notice that does not meet it waits, unsent
     */
    public record Table(String name, String dueColumn, String textColumn, String participants, String participantKey,
            String sendableWhen) {

        public Table {
            for (String identifier : List.of(name, dueColumn, textColumn, participants, participantKey)) {
                if (!IDENTIFIER.matcher(identifier).matches()) {
                    throw new IllegalArgumentException("not an SQL identifier: " + identifier);
                }
            }
            sendableWhen = Objects.requireNonNullElse(sendableWhen, "");
        }

        public static Table of(String name, String dueColumn, String textColumn, String participants, String participantKey) {
            return new Table(name, dueColumn, textColumn, participants, participantKey, "");
        }

        public Table sendableWhen(String condition) {
            return new Table(name, dueColumn, textColumn, participants, participantKey, condition);
        }
    }

    /** A claimed notice with its participant's current contact. */
    public record Notice(UUID id, String channel, String subject, String text, String phone, String email, int attempts) {
    }

    private final JdbcTemplate jdbc;
    private final SmsGateway sms;
    private final EmailSender email;
    private final Clock clock;
    private final int batchSize;
    private final String claim;
    private final String sent;
    private final String retry;

    public NoticeQueue(JdbcTemplate jdbc, SmsGateway sms, EmailSender email, Clock clock, Table table, int batchSize) {
        this.jdbc = jdbc;
        this.sms = sms;
        this.email = email;
        this.clock = clock;
        this.batchSize = batchSize;
        this.claim = """
                update %1$s n set %2$s = ?
                  from %4$s p
                 where p.%5$s = n.participant_id
                   and n.id in (select i.id from %1$s i
                                 where i.%2$s <= ? and i.sent_at is null %6$s
                                 order by i.%2$s limit ? for update of i skip locked)
                returning n.id, n.channel, n.subject, n.%3$s, p.phone, p.email, n.attempts"""
                .formatted(table.name(), table.dueColumn(), table.textColumn(), table.participants(), table.participantKey(),
                        table.sendableWhen().isBlank() ? "" : "and (" + table.sendableWhen() + ")");
        this.sent = "update " + table.name() + " set sent_at = ? where id = ?";
        this.retry = "update " + table.name() + " set attempts = attempts + 1, " + table.dueColumn() + " = ? where id = ?";
    }

    /** Sends every notice due now, batch after batch. */
    public void sendDue() {
        List<Notice> due;
        do {
            due = claim();
            due.forEach(this::send);
        } while (due.size() == batchSize);
    }

    List<Notice> claim() {
        Instant now = clock.instant();
        return jdbc.query(claim, (rs, i) -> new Notice(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7)),
                Timestamp.from(now.plus(LEASE)), Timestamp.from(now), batchSize);
    }

    void send(Notice notice) {
        try {
            boolean bySms = "SMS".equals(notice.channel());
            String to = bySms ? notice.phone() : notice.email();
            if (to == null) {
                retryLater(notice, "no " + notice.channel() + " contact known yet");
                return;
            }
            if (bySms) {
                sms.send(notice.id().toString(), to, notice.text());
            } else {
                email.send(notice.id().toString(), to, notice.subject(), notice.text());
            }
            jdbc.update(sent, Timestamp.from(clock.instant()), notice.id());
        } catch (SmsGateway.SmsUnavailable | EmailSender.EmailUnavailable e) {
            retryLater(notice, e.getMessage());
        } catch (RuntimeException e) {
            // the message of an unexpected failure may quote the recipient: only its kind is logged
            retryLater(notice, e.getClass().getSimpleName());
        }
    }

    private void retryLater(Notice notice, String why) {
        Duration wait = backoff(notice.attempts());
        jdbc.update(retry, Timestamp.from(clock.instant().plus(wait)), notice.id());
        log.warn("notice {} ({}) not sent, next try in {} s: {}", notice.id(), notice.channel(), wait.toSeconds(), why);
    }

    /** 5 s after the first failure, doubling, at most 10 min. */
    static Duration backoff(int attempts) {
        return Duration.ofSeconds(Math.min(600, 5L << Math.min(attempts, 10)));
    }
}
