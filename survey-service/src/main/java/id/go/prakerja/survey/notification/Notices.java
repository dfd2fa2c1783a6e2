package id.go.prakerja.survey.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import id.go.prakerja.survey.definition.Survey;

/**
 * Records what a participant is to be told, in the transaction of its cause; {@link NoticeWorker}
 * sends it when its time has come (a survey's notice waits for the survey to open).
 */
@Service
public class Notices {

    private final JdbcTemplate jdbc;

    public Notices(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void surveyOpens(UUID participantId, Survey survey, Instant opensAt) {
        String text = survey.titleId() + " Kartu Prakerja sudah dibuka. Isi di situs Prakerja untuk insentif Rp50.000. / "
                + survey.titleEn() + " is open. Answer it on the Prakerja site for a Rp50,000 incentive.";
        for (String channel : new String[] {"SMS", "EMAIL"}) {
            jdbc.update("""
                    insert into notification_intent (id, participant_id, channel, dedupe_key, subject, body, send_after)
                    values (?, ?, ?, ?, ?, ?, ?) on conflict (channel, dedupe_key) do nothing""",
                    UUID.randomUUID(), participantId, channel, "survey-" + survey.number() + "-" + participantId,
                    survey.titleId() + " sudah dibuka", text, Timestamp.from(opensAt));
        }
    }
}
