package id.go.prakerja.incentive.notification;

import java.time.Clock;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import id.go.prakerja.incentive.IncentiveProperties;
import id.go.prakerja.support.config.PlatformSchedulers;
import id.go.prakerja.support.email.EmailSender;
import id.go.prakerja.support.notice.NoticeQueue;
import id.go.prakerja.support.sms.SmsGateway;

/** Sends the notices {@link Notices} recorded, through the platform's notice queue (leased batches, backoff). */
@Component
public class NoticeWorker {

    static final NoticeQueue.Table TABLE =
            NoticeQueue.Table.of("notification_intent", "send_after", "body", "participant", "participant_id");

    private final NoticeQueue queue;

    public NoticeWorker(JdbcTemplate jdbc, SmsGateway sms, EmailSender email, IncentiveProperties settings, Clock clock) {
        this.queue = new NoticeQueue(jdbc, sms, email, clock, TABLE, settings.notices().batchSize());
    }

    @Scheduled(fixedDelayString = "${prakerja.incentive.notices.poll-interval}", scheduler = PlatformSchedulers.WORKERS)
    public void sendDue() {
        queue.sendDue();
    }
}
