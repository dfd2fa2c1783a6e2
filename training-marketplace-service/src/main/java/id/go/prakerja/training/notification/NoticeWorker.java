package id.go.prakerja.training.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import id.go.prakerja.support.config.PlatformSchedulers;
import id.go.prakerja.support.email.EmailSender;
import id.go.prakerja.support.sms.SmsGateway;
import id.go.prakerja.training.config.TrainingProperties;

/**
 * Sends recorded notices. A batch is claimed by pushing its due time a lease ahead
 * ({@code FOR UPDATE SKIP LOCKED}), so several instances share the work and a batch whose instance
 * died is sent again after the lease; the notice's id is the provider's message id, so such a
 * resend is delivered once. A notice for a participant whose contact is not known yet waits.
 */
@Component
@ConditionalOnProperty(prefix = "prakerja.training.notifications", name = "enabled", havingValue = "true", matchIfMissing = true)
public class NoticeWorker {

    private static final Logger log = LoggerFactory.getLogger(NoticeWorker.class);
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final JdbcTemplate jdbc;
    private final SmsGateway sms;
    private final EmailSender email;
    private final Clock clock;
    private final int batchSize;

    public NoticeWorker(JdbcTemplate jdbc, SmsGateway sms, EmailSender email, Clock clock, TrainingProperties settings) {
        this.jdbc = jdbc;
        this.sms = sms;
        this.email = email;
        this.clock = clock;
        this.batchSize = settings.notifications().batchSize();
    }

    record Notice(UUID id, String channel, String subject, String text, String phone, String email, int attempts) {
    }

    @Scheduled(fixedDelayString = "${prakerja.training.notifications.poll-interval:1s}", scheduler = PlatformSchedulers.WORKERS)
    public void sendDue() {
        List<Notice> due;
        do {
            due = claim();
            due.forEach(this::send);
        } while (due.size() == batchSize);
    }

    List<Notice> claim() {
        Instant now = clock.instant();
        return jdbc.query("""
                update notification n set due_at = ?
                  from participant p
                 where p.id = n.participant_id
                   and n.id in (select id from notification where due_at <= ? and sent_at is null
                                 order by due_at limit ? for update skip locked)
                returning n.id, n.channel, n.subject, n.text, p.phone, p.email, n.attempts""",
                (rs, i) -> new Notice(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7)),
                Timestamp.from(now.plus(LEASE)), Timestamp.from(now), batchSize);
    }

    void send(Notice notice) {
        try {
            boolean smsNotice = "SMS".equals(notice.channel());
            String to = smsNotice ? notice.phone() : notice.email();
            if (to == null) {
                retryLater(notice, "contact not known yet");
                return;
            }
            if (smsNotice) {
                sms.send(notice.id().toString(), to, notice.text());
            } else {
                email.send(notice.id().toString(), to, notice.subject(), notice.text());
            }
            jdbc.update("update notification set sent_at = ? where id = ?", Timestamp.from(clock.instant()), notice.id());
        } catch (SmsGateway.SmsUnavailable | EmailSender.EmailUnavailable e) {
            retryLater(notice, e.getMessage());
        } catch (RuntimeException e) {
            retryLater(notice, e.getClass().getSimpleName());
        }
    }

    private void retryLater(Notice notice, String why) {
        Duration wait = Duration.ofSeconds(Math.min(600, 5L << Math.min(notice.attempts(), 10)));
        jdbc.update("update notification set attempts = attempts + 1, due_at = ? where id = ?",
                Timestamp.from(clock.instant().plus(wait)), notice.id());
        log.warn("notice {} ({}) not sent, next try in {} s: {}", notice.id(), notice.channel(), wait.toSeconds(), why);
    }
}
