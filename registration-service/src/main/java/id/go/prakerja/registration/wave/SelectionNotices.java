package id.go.prakerja.registration.wave;

import java.sql.Timestamp;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
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

/**
 * Tells every decided applicant the wave's result by SMS and e-mail: the selected their card
 * number, balance and first-purchase deadline; the others that they may join the next wave. Works
 * off the announced applications: claimed in batches with {@code FOR UPDATE SKIP LOCKED} and a
 * lease (several instances share the work; a crashed batch is sent again after the lease), and
 * each message has a fixed id per wave and participant, so a resend is delivered once by the
 * provider. While a provider is unavailable the notice waits, longer each time.
 */
@Component
@ConditionalOnProperty(prefix = "prakerja.waves.notices", name = "enabled", havingValue = "true", matchIfMissing = true)
public class SelectionNotices {

    private static final Logger log = LoggerFactory.getLogger(SelectionNotices.class);
    private static final int BATCH = 100;
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("id"));

    private final JdbcTemplate jdbc;
    private final SmsGateway sms;
    private final EmailSender email;
    private final WaveProperties settings;
    private final Clock clock;

    public SelectionNotices(JdbcTemplate jdbc, SmsGateway sms, EmailSender email, WaveProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.sms = sms;
        this.email = email;
        this.settings = settings;
        this.clock = clock;
    }

    record Notice(int waveNumber, UUID participantId, boolean selected, String cardNumber, Instant decidedAt,
            String phone, String email, String fullName, int attempts) {
    }

    @Scheduled(fixedDelayString = "${prakerja.waves.notices.poll-interval:1s}", scheduler = PlatformSchedulers.WORKERS)
    public void sendDue() {
        List<Notice> due;
        do {
            due = claim();
            due.forEach(this::send);
        } while (due.size() == BATCH);
    }

    List<Notice> claim() {
        Instant now = clock.instant();
        return jdbc.query("""
                update wave_application a set notice_due_at = ?
                  from participant p
                 where p.id = a.participant_id
                   and (a.wave_number, a.participant_id) in (
                       select wave_number, participant_id from wave_application
                        where notice_due_at <= ? and notified_at is null
                        order by notice_due_at limit ? for update skip locked)
                returning a.wave_number, a.participant_id, a.status, a.card_number, a.decided_at, p.phone, p.email,
                          p.full_name, a.notice_attempts""",
                (rs, i) -> new Notice(rs.getInt(1), rs.getObject(2, UUID.class), "SELECTED".equals(rs.getString(3)),
                        rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getInt(9)),
                Timestamp.from(now.plus(LEASE)), Timestamp.from(now), BATCH);
    }

    void send(Notice notice) {
        String messageId = "wave-" + notice.waveNumber() + "-" + notice.participantId();
        try {
            sms.send(messageId, notice.phone(), smsText(notice));
            email.send(messageId, notice.email(), subject(notice), emailText(notice));
            jdbc.update("update wave_application set notified_at = ? where wave_number = ? and participant_id = ?",
                    Timestamp.from(clock.instant()), notice.waveNumber(), notice.participantId());
        } catch (SmsGateway.SmsUnavailable | EmailSender.EmailUnavailable e) {
            Duration wait = Duration.ofSeconds(Math.min(600, 5L << Math.min(notice.attempts(), 10)));
            jdbc.update("update wave_application set notice_attempts = notice_attempts + 1, notice_due_at = ? "
                    + "where wave_number = ? and participant_id = ?", Timestamp.from(clock.instant().plus(wait)),
                    notice.waveNumber(), notice.participantId());
            log.warn("wave {} result for {} not delivered, next try in {} s: {}", notice.waveNumber(),
                    notice.participantId(), wait.toSeconds(), e.getMessage());
        }
    }

    private String deadline(Notice notice) {
        return DAY.format(notice.decidedAt().plus(settings.firstPurchaseWithin()).atZone(JAKARTA));
    }

    private String balance() {
        return "Rp" + NumberFormat.getIntegerInstance(Locale.forLanguageTag("id")).format(settings.trainingBalance());
    }

    private String smsText(Notice n) {
        return n.selected()
                ? "Selamat, Anda lolos gelombang " + n.waveNumber() + " Kartu Prakerja. Nomor kartu " + n.cardNumber()
                        + ", saldo pelatihan " + balance() + ". Beli pelatihan pertama paling lambat " + deadline(n) + "."
                : "Anda belum berhasil pada gelombang " + n.waveNumber() + " Kartu Prakerja. Anda dapat mengikuti "
                        + "gelombang berikutnya tanpa mendaftar ulang.";
    }

    private static String subject(Notice n) {
        return n.selected() ? "Selamat, Anda lolos gelombang " + n.waveNumber() + " Kartu Prakerja"
                : "Hasil seleksi gelombang " + n.waveNumber() + " Kartu Prakerja";
    }

    private String emailText(Notice n) {
        return n.selected()
                ? "Yth. " + n.fullName() + ",\n\nAnda lolos seleksi gelombang " + n.waveNumber() + " Kartu Prakerja.\n"
                        + "Nomor Kartu Prakerja: " + n.cardNumber() + "\nSaldo pelatihan: " + balance() + "\n"
                        + "Beli pelatihan pertama paling lambat " + deadline(n) + "; jika tidak, kepesertaan dicabut.\n\n"
                        + "You were selected in wave " + n.waveNumber() + ". Card number " + n.cardNumber()
                        + "; buy your first training by " + deadline(n) + "."
                : "Yth. " + n.fullName() + ",\n\nAnda belum berhasil pada gelombang " + n.waveNumber()
                        + " Kartu Prakerja. Anda dapat mengikuti gelombang berikutnya tanpa mendaftar ulang.\n\n"
                        + "You were not selected in wave " + n.waveNumber() + "; you may join the next wave without "
                        + "registering again.";
    }
}
