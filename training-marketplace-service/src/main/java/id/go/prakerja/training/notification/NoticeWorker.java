package id.go.prakerja.training.notification;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import id.go.prakerja.support.config.PlatformSchedulers;
import id.go.prakerja.support.email.EmailSender;
import id.go.prakerja.support.notice.NoticeQueue;
import id.go.prakerja.support.sms.SmsGateway;
import id.go.prakerja.training.config.TrainingProperties;

/** Sends the notices {@link Notices} recorded, through the platform's notice queue (leased batches, backoff). */
@Component
@ConditionalOnProperty(prefix = "prakerja.training.notifications", name = "enabled", havingValue = "true", matchIfMissing = true)
public class NoticeWorker {

    static final NoticeQueue.Table TABLE = NoticeQueue.Table.of("notification", "due_at", "text", "participant", "id");

    private final NoticeQueue queue;

    public NoticeWorker(JdbcTemplate jdbc, SmsGateway sms, EmailSender email, Clock clock, TrainingProperties settings) {
        this.queue = new NoticeQueue(jdbc, sms, email, clock, TABLE, settings.notifications().batchSize());
    }

    @Scheduled(fixedDelayString = "${prakerja.training.notifications.poll-interval:1s}", scheduler = PlatformSchedulers.WORKERS)
    public void sendDue() {
        queue.sendDue();
    }
}
