package id.go.prakerja.training.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records what a participant must be told, by SMS and by e-mail, in the transaction of the change
 * it announces; {@link NoticeWorker} sends it. The key makes one notice of one fact: recording it
 * again (a redelivered event, a second job instance) adds nothing.
 */
@Component
public class Notices {

    private final JdbcTemplate jdbc;

    public Notices(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(UUID participantId, String key, String smsText, String emailSubject, String emailText, Instant dueAt) {
        Timestamp due = Timestamp.from(dueAt);
        String insert = "insert into notification (id, dedupe_key, participant_id, channel, subject, text, due_at) "
                + "values (?, ?, ?, ?, ?, ?, ?) on conflict (dedupe_key) do nothing";
        // both channels in one statement: one round trip
        jdbc.update(insert.replace(" on conflict", ", (?, ?, ?, ?, ?, ?, ?) on conflict"), UUID.randomUUID(), key + ":sms",
                participantId, "SMS", null, smsText, due, UUID.randomUUID(), key + ":email", participantId, "EMAIL", emailSubject,
                emailText, due);
    }
}
