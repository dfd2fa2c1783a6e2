package id.go.prakerja.survey.notification;

import java.sql.Timestamp;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 *
 * <p>A due notice that can never be sent is retired before each claim ({@link #retireUnsendable}):
 * {@code retired_at} and {@code retired_reason} ({@value #REVOKED}, {@value #ANSWERED}, or
 * {@value #NO_CONTACT} once tried {@code prakerja.survey.notices.no-contact-attempts} times with
 * no phone or e-mail for its channel). The claim skips retired notices.
 */
@Component
public class NoticeWorker {

    private static final Logger log = LoggerFactory.getLogger(NoticeWorker.class);

    public static final String REVOKED = "PARTICIPANT_REVOKED";
    public static final String ANSWERED = "SURVEY_ANSWERED";
    public static final String NO_CONTACT = "NO_CONTACT";

    private static final String ANSWERED_WHEN = """
            exists (select 1 from response r where r.participant_id = i.participant_id
                    and i.dedupe_key = 'survey-' || r.survey_number || '-' || r.participant_id)""";

    static final NoticeQueue.Table TABLE =
            NoticeQueue.Table.of("notification_intent", "send_after", "body", "participant", "participant_id").sendableWhen("""
                    i.retired_at is null
                    and exists (select 1 from participant q where q.participant_id = i.participant_id and q.revoked_at is null)
                    and not exists (select 1 from response r where r.participant_id = i.participant_id
                                    and i.dedupe_key = 'survey-' || r.survey_number || '-' || r.participant_id)""");

    private final NoticeQueue queue;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SurveyProperties settings;

    public NoticeWorker(JdbcTemplate jdbc, SmsGateway sms, EmailSender email, SurveyProperties settings, Clock clock) {
        this.queue = new NoticeQueue(jdbc, sms, email, clock, TABLE, settings.notices().batchSize());
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${prakerja.survey.notices.poll-interval}", scheduler = PlatformSchedulers.WORKERS)
    public void sendDue() {
        retireUnsendable();
        queue.sendDue();
    }

    /** Retires the due notices that can never be sent, with the reason; returns how many. */
    public int retireUnsendable() {
        int retired = retire(REVOKED, """
                exists (select 1 from participant q where q.participant_id = i.participant_id and q.revoked_at is not null)""")
                + retire(ANSWERED, ANSWERED_WHEN)
                + retire(NO_CONTACT, """
                        i.attempts >= %d and exists (select 1 from participant q where q.participant_id = i.participant_id
                            and case i.channel when 'SMS' then q.phone else q.email end is null)"""
                        .formatted(settings.notices().noContactAttempts()));
        if (retired > 0) {
            log.info("retired {} notices that can never be sent", retired);
        }
        return retired;
    }

    /** Due notices meeting the condition (aliased {@code i}), batch after batch; two instances take different rows. */
    private int retire(String reason, String condition) {
        int batch = settings.notices().batchSize();
        int total = 0;
        int retired;
        do {
            Timestamp now = Timestamp.from(clock.instant());
            retired = jdbc.update("""
                    update notification_intent set retired_at = ?, retired_reason = ?
                     where id in (select i.id from notification_intent i
                                   where i.send_after <= ? and i.sent_at is null and i.retired_at is null and (%s)
                                   limit ? for update skip locked)""".formatted(condition), now, reason, now, batch);
            total += retired;
        } while (retired == batch);
        return total;
    }
}
