package id.go.prakerja.incentive.notification;

import java.sql.Timestamp;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Records what a participant is to be told, by SMS and by e-mail, in the transaction of its cause
 * (often a consumer's). Nothing is sent here: {@link NoticeWorker} sends. Each notice has a key
 * derived from its cause, so a redelivered event records nothing new.
 */
@Service
public class Notices {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public Notices(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void accountVerified(UUID participantId, UUID linkId, String partner, String accountMasked) {
        record(participantId, "account-verified-" + linkId, "Rekening pencairan insentif terverifikasi",
                "Akun " + partner + " " + accountMasked + " terverifikasi untuk insentif Kartu Prakerja. "
                        + "Your " + partner + " account " + accountMasked + " is verified for Prakerja incentives.");
    }

    public void accountRejected(UUID participantId, UUID linkId, String partner, String reasonId, String reasonEn) {
        record(participantId, "account-rejected-" + linkId, "Rekening pencairan insentif ditolak",
                "Akun " + partner + " ditolak: " + reasonId + " / Your " + partner + " account was rejected: " + reasonEn
                        + " Tautkan akun lain di situs Prakerja. Link another account on the Prakerja site.");
    }

    public void tranchePaid(UUID participantId, String instructionId, String kind, int sequence, long amount, String partner,
            String partnerReference) {
        record(participantId, "paid-" + instructionId, "Insentif Kartu Prakerja telah dibayar",
                "Insentif " + whatId(kind, sequence) + " " + rupiah(amount) + " telah dibayar ke " + partner + " (ref "
                        + partnerReference + "). Your " + whatEn(kind, sequence) + " incentive of " + rupiahEn(amount)
                        + " was paid to " + partner + ".");
    }

    public void trancheFailed(UUID participantId, String instructionId, int attempt, String kind, int sequence, long amount,
            String todoId, String todoEn) {
        record(participantId, "failed-" + instructionId + "-" + attempt, "Pembayaran insentif Kartu Prakerja gagal",
                "Pembayaran insentif " + whatId(kind, sequence) + " " + rupiah(amount) + " gagal. " + todoId
                        + " / Payment of your " + whatEn(kind, sequence) + " incentive of " + rupiahEn(amount) + " failed. "
                        + todoEn);
    }

    private static String whatId(String kind, int sequence) {
        return ("SURVEY".equals(kind) ? "survei " : "pasca-pelatihan ") + sequence;
    }

    private static String whatEn(String kind, int sequence) {
        return ("SURVEY".equals(kind) ? "survey " : "post-training ") + sequence;
    }

    private static String rupiahEn(long amount) {
        return "Rp" + NumberFormat.getIntegerInstance(Locale.ENGLISH).format(amount);
    }

    private void record(UUID participantId, String key, String subject, String text) {
        Instant now = clock.instant();
        for (String channel : new String[] {"SMS", "EMAIL"}) {
            jdbc.update("""
                    insert into notification_intent (id, participant_id, channel, dedupe_key, subject, body, send_after)
                    values (?, ?, ?, ?, ?, ?, ?) on conflict (channel, dedupe_key) do nothing""",
                    UUID.randomUUID(), participantId, channel, key, subject, text, Timestamp.from(now));
        }
    }

    public static String rupiah(long amount) {
        return "Rp" + NumberFormat.getIntegerInstance(Locale.forLanguageTag("id")).format(amount);
    }
}
