package id.go.prakerja.survey.notification;

import java.time.Clock;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import id.go.prakerja.support.config.PlatformSchedulers;
import id.go.prakerja.support.email.EmailSender;
import id.go.prakerja.support.notice.NoticeQueue;
import id.go.prakerja.support.sms.SmsGateway;
import id.go.prakerja.survey.SurveyProperties;

/**
 * Sends the notices {@link Notices} recorded, through the platform's notice queue (leased batches,
 * backoff). A survey already answered, or a participant revoked, is not announced.
 */
@Component
public class NoticeWorker {

    static final NoticeQueue.Table TABLE =
            NoticeQueue.Table.of("notification_intent", "send_after", "body", "participant", "participant_id").sendableWhen("""
                    exists (select 1 from participant q where q.participant_id = i.participant_id and q.revoked_at is null)
                    and not exists (select 1 from response r where r.participant_id = i.participant_id
                                    and i.dedupe_key = 'survey-' || r.survey_number || '-' || r.participant_id)""");

    private final NoticeQueue queue;

    public NoticeWorker(JdbcTemplate jdbc, SmsGateway sms, EmailSender email, SurveyProperties settings, Clock clock) {
        this.queue = new NoticeQueue(jdbc, sms, email, clock, TABLE, settings.notices().batchSize());
    }

    @Scheduled(fixedDelayString = "${prakerja.survey.notices.poll-interval}", scheduler = PlatformSchedulers.WORKERS)
    public void sendDue() {
        queue.sendDue();
    }
}
