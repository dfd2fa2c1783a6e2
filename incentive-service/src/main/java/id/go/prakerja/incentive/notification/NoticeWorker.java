package id.go.prakerja.incentive.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import id.go.prakerja.incentive.IncentiveProperties;
import id.go.prakerja.support.config.PlatformSchedulers;
import id.go.prakerja.support.email.EmailSender;
import id.go.prakerja.support.sms.SmsGateway;

/**
 * Sends the recorded notices. Claims a batch with {@code FOR UPDATE SKIP LOCKED} and pushes its
 * due time ahead (a lease: a crashed batch is claimed again later), and sends each under its
 * intent id, which the providers deliver at most once. A notice for a participant whose contact is
 * not known yet, or whose provider is down, waits and is tried again.
 */
@Component
public class NoticeWorker {

    private static final Logger log = LoggerFactory.getLogger(NoticeWorker.class);
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final JdbcTemplate jdbc;
    private final SmsGateway sms;
    private final EmailSender email;
    private final IncentiveProperties settings;
    private final Clock clock;

    public NoticeWorker(JdbcTemplate jdbc, SmsGateway sms, EmailSender email, IncentiveProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.sms = sms;
        this.email = email;
        this.settings = settings;
        this.clock = clock;
    }

    record Intent(UUID id, String channel, String subject, String body, String phone, String email, int attempts) {
    }

    @Scheduled(fixedDelayString = "${prakerja.incentive.notices.poll-interval}", scheduler = PlatformSchedulers.WORKERS)
    public void sendDue() {
        List<Intent> due;
        do {
            due = claim();
            due.forEach(this::send);
        } while (due.size() == settings.notices().batchSize());
    }

    List<Intent> claim() {
        Instant now = clock.instant();
        return jdbc.query("""
                update notification_intent n set send_after = ?
                  from participant p
                 where p.participant_id = n.participant_id
                   and n.id in (select id from notification_intent where send_after <= ? and sent_at is null
                                 order by send_after limit ? for update skip locked)
                returning n.id, n.channel, n.subject, n.body, p.phone, p.email, n.attempts""",
                (rs, i) -> new Intent(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7)),
                Timestamp.from(now.plus(LEASE)), Timestamp.from(now), settings.notices().batchSize());
    }

    void send(Intent intent) {
        try {
            String to = "SMS".equals(intent.channel()) ? intent.phone() : intent.email();
            if (to == null) {
                throw new IllegalStateException("no " + intent.channel() + " contact known yet");
            }
            if ("SMS".equals(intent.channel())) {
                sms.send(intent.id().toString(), to, intent.body());
            } else {
                email.send(intent.id().toString(), to, intent.subject(), intent.body());
            }
            jdbc.update("update notification_intent set sent_at = ? where id = ?", Timestamp.from(clock.instant()), intent.id());
        } catch (RuntimeException e) {
            Duration wait = Duration.ofSeconds(Math.min(600, 5L << Math.min(intent.attempts(), 10)));
            jdbc.update("update notification_intent set attempts = attempts + 1, send_after = ? where id = ?",
                    Timestamp.from(clock.instant().plus(wait)), intent.id());
            log.warn("notice {} ({}) not delivered, next try in {} s: {}", intent.id(), intent.channel(), wait.toSeconds(),
                    e.getMessage());
        }
    }
}
