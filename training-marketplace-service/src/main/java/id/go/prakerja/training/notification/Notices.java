package id.go.prakerja.training.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
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

    /** One notice to record with others: its key and its texts. */
    public record Notice(UUID participantId, String key, String smsText, String emailSubject, String emailText) {
    }

    /**
     * Records many notices, both channels each, in one statement whatever their number (a batch of a
     * job); a notice already recorded adds nothing.
     */
    public void recordAll(List<Notice> notices, Instant dueAt) {
        if (notices.isEmpty()) {
            return;
        }
        int n = notices.size() * 2;
        Object[] ids = new Object[n];
        Object[] keys = new Object[n];
        Object[] participants = new Object[n];
        Object[] channels = new Object[n];
        Object[] subjects = new Object[n];
        Object[] texts = new Object[n];
        int i = 0;
        for (Notice notice : notices) {
            for (boolean sms : new boolean[] {true, false}) {
                ids[i] = UUID.randomUUID();
                keys[i] = notice.key() + (sms ? ":sms" : ":email");
                participants[i] = notice.participantId();
                channels[i] = sms ? "SMS" : "EMAIL";
                subjects[i] = sms ? null : notice.emailSubject();
                texts[i] = sms ? notice.smsText() : notice.emailText();
                i++;
            }
        }
        jdbc.update("""
                insert into notification (id, dedupe_key, participant_id, channel, subject, text, due_at)
                select n.id, n.dedupe_key, n.participant_id, n.channel, n.subject, n.text, ?
                  from unnest(?::uuid[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::text[])
                       as n(id, dedupe_key, participant_id, channel, subject, text)
                on conflict (dedupe_key) do nothing""", ps -> {
            var c = ps.getConnection();
            ps.setTimestamp(1, Timestamp.from(dueAt));
            ps.setArray(2, c.createArrayOf("uuid", ids));
            ps.setArray(3, c.createArrayOf("text", keys));
            ps.setArray(4, c.createArrayOf("uuid", participants));
            ps.setArray(5, c.createArrayOf("text", channels));
            ps.setArray(6, c.createArrayOf("text", subjects));
            ps.setArray(7, c.createArrayOf("text", texts));
        });
    }

    public void record(UUID participantId, String key, String smsText, String emailSubject, String emailText, Instant dueAt) {
        Timestamp due = Timestamp.from(dueAt);
        String insert = "insert into notification (id, dedupe_key, participant_id, channel, subject, text, due_at) "
                + "values (?, ?, ?, ?, ?, ?, ?) on conflict (dedupe_key) do nothing";
        // both channels in one statement: one round trip
        jdbc.update(insert.replace(" on conflict", ", (?, ?, ?, ?, ?, ?, ?) on conflict"), UUID.randomUUID(), key + ":sms",
                participantId, "SMS", null, smsText, due, UUID.randomUUID(), key + ":email", participantId, "EMAIL",
                NoticeTexts.subject(emailSubject),
                emailText, due);
    }
}
