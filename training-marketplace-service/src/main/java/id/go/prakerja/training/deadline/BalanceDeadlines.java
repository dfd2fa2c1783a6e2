package id.go.prakerja.training.deadline;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.training.BalanceForfeited;
import id.go.prakerja.events.training.ForfeitReason;
import id.go.prakerja.support.config.PlatformSchedulers;
import id.go.prakerja.support.outbox.Outbox;
import id.go.prakerja.training.config.TrainingProperties;
import id.go.prakerja.training.ledger.Accounts;
import id.go.prakerja.training.ledger.Entry;
import id.go.prakerja.training.ledger.Ledger;
import id.go.prakerja.training.ledger.Transfer;
import id.go.prakerja.training.notification.NoticeTexts;
import id.go.prakerja.training.notification.Notices;

/**
 * The rules with time: vouchers not redeemed in time are voided (the amount returns to the
 * balance), a balance with no purchase by the first-purchase deadline is forfeited, every open
 * balance expires at the programme's end, and reminders go out before each. Time is this object's
 * clock. Each pass takes bounded batches, one transaction each, of rows it locks with
 * {@code FOR UPDATE SKIP LOCKED} and changes so they no longer qualify: any number of instances
 * may run at once and each case is handled once.
 */
@Component
public class BalanceDeadlines {

    private static final Logger log = LoggerFactory.getLogger(BalanceDeadlines.class);
    private static final int MAX_BATCHES_PER_PASS = 50;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Ledger ledger;
    private final Outbox outbox;
    private final Notices notices;
    private final TrainingProperties settings;
    private final Clock clock;

    public BalanceDeadlines(JdbcTemplate jdbc, TransactionTemplate transactions, Ledger ledger, Outbox outbox,
            Notices notices, TrainingProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.ledger = ledger;
        this.outbox = outbox;
        this.notices = notices;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${prakerja.training.jobs.initial-delay:10s}",
            fixedDelayString = "${prakerja.training.jobs.interval:1m}", scheduler = PlatformSchedulers.WORKERS)
    public void scheduled() {
        if (settings.jobs().enabled()) {
            runAll();
        }
    }

    /** One pass of every job; returns what each did. */
    public record Pass(int vouchersExpired, int deadlinesForfeited, int programmeEndsClosed, int remindersRecorded) {
    }

    public Pass runAll() {
        int reminders = remind();
        return new Pass(expireVouchers(), forfeitMissedDeadlines(), closeAtProgrammeEnd(), reminders);
    }

    public int expireVouchers() {
        return inBatches(this::expireVoucherBatch);
    }

    public int forfeitMissedDeadlines() {
        return inBatches(this::forfeitBatch);
    }

    public int closeAtProgrammeEnd() {
        return inBatches(this::programmeEndBatch);
    }

    private int inBatches(java.util.function.Supplier<Integer> batch) {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES_PER_PASS; i++) {
            Integer done = transactions.execute(tx -> batch.get());
            total += done == null ? 0 : done;
            if (done == null || done < settings.jobs().batchSize()) {
                break;
            }
        }
        return total;
    }

    private int expireVoucherBatch() {
        Instant now = clock.instant();
        List<Map<String, Object>> due = jdbc.queryForList("""
                select pu.id, pu.participant_id, pu.ledger_transaction, pu.voucher_code, pu.price, t.title
                  from purchase pu join training t on t.id = pu.training_id
                 where pu.status = 'RESERVED' and pu.voucher_expires_at <= ?
                 order by pu.voucher_expires_at limit ? for update of pu skip locked""",
                Timestamp.from(now), settings.jobs().batchSize());
        for (Map<String, Object> p : due) {
            UUID purchaseId = (UUID) p.get("id");
            ledger.resolve((UUID) p.get("ledger_transaction"), Entry.Status.VOIDED, now);
            jdbc.update("update purchase set status = 'EXPIRED', ended_at = ? where id = ?", Timestamp.from(now), purchaseId);
            String amount = NoticeTexts.rupiah(((Number) p.get("price")).longValue());
            notices.record((UUID) p.get("participant_id"), "voucher-expired:" + purchaseId,
                    "Voucher " + p.get("voucher_code") + " tidak ditukarkan dan hangus. " + amount
                            + " dikembalikan ke saldo pelatihan Anda.",
                    "Voucher hangus, saldo dikembalikan",
                    "Voucher " + p.get("voucher_code") + " untuk pelatihan \"" + p.get("title") + "\" tidak ditukarkan "
                            + "tepat waktu dan hangus. " + amount + " dikembalikan ke saldo pelatihan Anda.\n\n"
                            + "Your voucher expired unused; " + amount + " is back in your balance.",
                    now);
        }
        if (!due.isEmpty()) {
            log.info("{} voucher(s) expired unused, reservations voided", due.size());
        }
        return due.size();
    }

    private int forfeitBatch() {
        Instant now = clock.instant();
        List<UUID> due = jdbc.queryForList("""
                select id from participant
                 where selected_at is not null and first_purchased_at is null and closed_at is null and revoked_at is null
                   and first_purchase_deadline <= ?
                 order by first_purchase_deadline limit ? for update skip locked""", UUID.class,
                Timestamp.from(now), settings.jobs().batchSize());
        due.forEach(id -> close(id, ForfeitReason.DEADLINE, now));
        if (!due.isEmpty()) {
            log.info("{} balance(s) forfeited: no purchase by the first-purchase deadline", due.size());
        }
        return due.size();
    }

    private int programmeEndBatch() {
        Instant now = clock.instant();
        List<UUID> due = jdbc.queryForList("""
                select id from participant
                 where selected_at is not null and closed_at is null and revoked_at is null and programme_ends_at <= ?
                 order by programme_ends_at limit ? for update skip locked""", UUID.class,
                Timestamp.from(now), settings.jobs().batchSize());
        for (UUID id : due) {
            for (Map<String, Object> p : jdbc.queryForList(
                    "select id, ledger_transaction from purchase where participant_id = ? and status = 'RESERVED' for update", id)) {
                ledger.resolve((UUID) p.get("ledger_transaction"), Entry.Status.VOIDED, now);
                jdbc.update("update purchase set status = 'EXPIRED', ended_at = ? where id = ?", Timestamp.from(now), p.get("id"));
            }
            close(id, ForfeitReason.PROGRAMME_END, now);
        }
        if (!due.isEmpty()) {
            log.info("{} balance(s) closed at the programme's end", due.size());
        }
        return due.size();
    }

    /** Returns what is left to the programme and closes the balance; the participant's row is locked. */
    private void close(UUID participant, ForfeitReason reason, Instant now) {
        long left = ledger.balance(Accounts.participant(participant)).available();
        jdbc.update("update participant set closed_at = ?, closed_reason = ? where id = ?", Timestamp.from(now), reason.name(),
                participant);
        if (left > 0) {
            ledger.record(Transfer.forfeit(UUID.randomUUID(), participant, left), now);
            outbox.publish(EventEnvelope.of(new BalanceForfeited(left, reason, now), participant, UUID.randomUUID(), null, now));
        }
        String why = reason == ForfeitReason.DEADLINE ? "tidak ada pembelian pelatihan sampai batas waktu"
                : "program Kartu Prakerja telah berakhir";
        notices.record(participant, "balance-closed:" + participant,
                "Saldo pelatihan Kartu Prakerja Anda (" + NoticeTexts.rupiah(left) + ") dikembalikan ke program karena "
                        + why + ".",
                "Saldo pelatihan dikembalikan ke program",
                "Saldo pelatihan Anda sebesar " + NoticeTexts.rupiah(left) + " dikembalikan ke program karena " + why + ".\n\n"
                        + "Your remaining training balance was returned to the programme ("
                        + (reason == ForfeitReason.DEADLINE ? "no purchase by the deadline" : "the programme ended") + ").",
                now);
    }

    /** Records the reminders now due; a reminder already recorded is not recorded again. */
    public int remind() {
        Instant now = clock.instant();
        int recorded = 0;
        for (Duration before : settings.deadlineReminders()) {
            List<Map<String, Object>> due = jdbc.queryForList("""
                    select p.id, p.first_purchase_deadline from participant p
                     where p.selected_at is not null and p.first_purchased_at is null and p.closed_at is null
                       and p.revoked_at is null and p.first_purchase_deadline > ? and p.first_purchase_deadline <= ?
                       and not exists (select 1 from notification n where n.dedupe_key = 'deadline-reminder:' || ? || ':' || p.id || ':sms')
                     limit ?""", Timestamp.from(now), Timestamp.from(now.plus(before)), before.toString(),
                    settings.jobs().batchSize());
            for (Map<String, Object> p : due) {
                String deadline = NoticeTexts.dayTime(((Timestamp) p.get("first_purchase_deadline")).toInstant());
                notices.record((UUID) p.get("id"), "deadline-reminder:" + before + ":" + p.get("id"),
                        "Pengingat Kartu Prakerja: beli pelatihan pertama sebelum " + deadline
                                + ", atau saldo dikembalikan dan kepesertaan dicabut.",
                        "Pengingat: beli pelatihan pertama sebelum " + deadline,
                        "Anda belum membeli pelatihan. Beli pelatihan pertama sebelum " + deadline + "; jika tidak, saldo "
                                + "dikembalikan ke program dan kepesertaan dicabut.\n\n"
                                + "Reminder: buy your first training before " + deadline + ".",
                        now);
                recorded++;
            }
        }
        List<Map<String, Object>> vouchers = jdbc.queryForList("""
                select pu.id, pu.participant_id, pu.voucher_code, pu.voucher_expires_at from purchase pu
                 where pu.status = 'RESERVED' and pu.voucher_expires_at > ? and pu.voucher_expires_at <= ?
                   and not exists (select 1 from notification n where n.dedupe_key = 'voucher-expiring:' || pu.id || ':sms')
                 limit ?""", Timestamp.from(now), Timestamp.from(now.plus(settings.voucherReminderBefore())),
                settings.jobs().batchSize());
        for (Map<String, Object> p : vouchers) {
            String expires = NoticeTexts.dayTime(((Timestamp) p.get("voucher_expires_at")).toInstant());
            notices.record((UUID) p.get("participant_id"), "voucher-expiring:" + p.get("id"),
                    "Voucher " + p.get("voucher_code") + " hangus pada " + expires + ". Segera tukarkan di platform pelatihan.",
                    "Voucher Anda segera hangus",
                    "Voucher " + p.get("voucher_code") + " hangus pada " + expires + ". Tukarkan sebelum itu agar saldo "
                            + "terpakai untuk pelatihan Anda.\n\nYour voucher expires at " + expires + ".",
                    now);
            recorded++;
        }
        return recorded;
    }
}
