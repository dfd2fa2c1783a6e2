package id.go.prakerja.registration.grievance;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import id.go.prakerja.events.registration.GrievanceResolution;
import id.go.prakerja.events.registration.GrievanceStep;
import id.go.prakerja.support.config.PlatformSchedulers;
import id.go.prakerja.support.email.EmailSender;
import id.go.prakerja.support.notice.NoticeQueue;
import id.go.prakerja.support.sms.SmsGateway;

/**
 * Tells the participant of each change to their grievance (answered, escalated, resolved): an SMS,
 * and an e-mail once verification confirmed their address. Recorded in the transaction of the
 * change, sent by the platform's notice queue (leased batches, the notice id as the provider's
 * message id, backoff while a provider is down). In Bahasa Indonesia; the e-mail repeats it in
 * English, as the selection notices do.
 */
@Component
public class GrievanceNotices {

    static final NoticeQueue.Table TABLE = NoticeQueue.Table.of("grievance_notice", "due_at", "body", "participant", "id");

    private final JdbcTemplate jdbc;
    private final NoticeQueue queue;

    public GrievanceNotices(JdbcTemplate jdbc, SmsGateway sms, EmailSender email, GrievanceProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.queue = new NoticeQueue(jdbc, sms, email, clock, TABLE, settings.noticeBatchSize());
    }

    @Scheduled(fixedDelayString = "${prakerja.grievances.notices.poll-interval:1s}", scheduler = PlatformSchedulers.WORKERS)
    public void sendDue() {
        queue.sendDue();
    }

    void answered(Grievances.Grievance g, String answer, Instant at) {
        record(g, at, "Kartu Prakerja: pengaduan Anda tentang " + stepId(g.step())
                        + " sudah dijawab. Baca jawabannya di akun Prakerja Anda.",
                "Pengaduan Anda sudah dijawab",
                "Pengaduan Anda tentang " + stepId(g.step()) + " sudah dijawab:\n\n" + answer
                        + "\n\nYour grievance about " + stepEn(g.step()) + " has been answered (above). "
                        + "Read it in your Prakerja account.");
    }

    void escalated(Grievances.Grievance g, Instant at) {
        record(g, at, "Kartu Prakerja: pengaduan Anda tentang " + stepId(g.step())
                        + " diteruskan ke tim lanjutan dan sedang ditangani.",
                "Pengaduan Anda diteruskan",
                "Pengaduan Anda tentang " + stepId(g.step()) + " diteruskan ke tim lanjutan dan sedang ditangani. "
                        + "Kami akan mengabari Anda.\n\nYour grievance about " + stepEn(g.step())
                        + " has been passed to a senior team and is being handled. We will let you know.");
    }

    void resolved(Grievances.Grievance g, GrievanceResolution resolution, Instant at) {
        record(g, at, "Kartu Prakerja: pengaduan Anda tentang " + stepId(g.step()) + " selesai ("
                        + resolutionId(resolution) + "). Lihat rinciannya di akun Prakerja Anda.",
                "Pengaduan Anda selesai",
                "Pengaduan Anda tentang " + stepId(g.step()) + " selesai: " + resolutionId(resolution)
                        + ".\n\nYour grievance about " + stepEn(g.step()) + " is closed: " + resolutionEn(resolution) + ".");
    }

    /** An SMS always; an e-mail only to an address verification confirmed (the participant got past verification). */
    private void record(Grievances.Grievance g, Instant at, String sms, String subject, String email) {
        Timestamp now = Timestamp.from(at);
        jdbc.update("""
                insert into grievance_notice (id, participant_id, grievance_id, channel, subject, body, due_at, created_at)
                values (?, ?, ?, 'SMS', null, ?, ?, ?)""", UUID.randomUUID(), g.participantId(), g.id(), sms, now, now);
        jdbc.update("""
                insert into grievance_notice (id, participant_id, grievance_id, channel, subject, body, due_at, created_at)
                select ?, p.id, ?, 'EMAIL', ?, ?, ?, ? from participant p
                 where p.id = ? and p.status in ('VERIFIED', 'SELECTED', 'REVOKED') and p.email is not null""",
                UUID.randomUUID(), g.id(), "Kartu Prakerja: " + subject, email, now, now, g.participantId());
    }

    static String stepId(GrievanceStep step) {
        return switch (step) {
            case VERIFICATION -> "verifikasi";
            case SELECTION -> "seleksi";
            case TRAINING -> "pelatihan";
            case INCENTIVE -> "insentif";
            case PAYMENT -> "pembayaran";
            case SURVEY -> "survei";
            case OTHER -> "hal lain";
        };
    }

    static String stepEn(GrievanceStep step) {
        return switch (step) {
            case VERIFICATION -> "verification";
            case SELECTION -> "selection";
            case TRAINING -> "training";
            case INCENTIVE -> "the incentive";
            case PAYMENT -> "payment";
            case SURVEY -> "the surveys";
            case OTHER -> "another matter";
        };
    }

    static String resolutionId(GrievanceResolution resolution) {
        return switch (resolution) {
            case EXPLAINED -> "sudah dijelaskan";
            case FIXED -> "sudah diperbaiki";
            case REJECTED -> "tidak dapat dikabulkan";
            case DUPLICATE -> "sama dengan pengaduan lain";
        };
    }

    static String resolutionEn(GrievanceResolution resolution) {
        return switch (resolution) {
            case EXPLAINED -> "explained";
            case FIXED -> "fixed";
            case REJECTED -> "cannot be granted";
            case DUPLICATE -> "the same as another grievance";
        };
    }
}
