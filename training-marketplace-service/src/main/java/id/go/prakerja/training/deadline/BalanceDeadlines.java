package id.go.prakerja.training.deadline;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import id.go.prakerja.events.training.ForfeitReason;
import id.go.prakerja.events.training.VoucherLapseReason;
import id.go.prakerja.support.config.PlatformSchedulers;
import id.go.prakerja.support.outbox.Outbox;
import id.go.prakerja.training.config.TrainingProperties;
import id.go.prakerja.training.ledger.Ledger;
import id.go.prakerja.training.notification.NoticeTexts;
import id.go.prakerja.training.notification.Notices;

/**
 * The rules with time: vouchers not redeemed in time are voided (the amount returns to the
 * balance, and a lapsed first purchase no longer counts), a balance with no counted purchase by the
 * first-purchase deadline is forfeited, every open balance expires at the programme's end, a
 * revoked participant's balance returns to the programme, and reminders go out before each. Time
 * is this object's clock. The purchase checks the deadline and the programme's end itself; these
 * jobs tidy up after it, and keep up with a wave: each pass takes batches, one transaction each,
 * of rows it locks with {@code FOR UPDATE SKIP LOCKED} and changes so they no longer qualify (any
 * number of instances may run at once, each case is handled once and instances share the work),
 * set-based within a batch, and goes on while there is backlog, for up to
 * {@code jobs.pass-time-limit} per job; a pass that stopped with backlog left is followed at once.
 */
@Component
public class BalanceDeadlines {

    private static final Logger log = LoggerFactory.getLogger(BalanceDeadlines.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final BalanceClosings closings;
    private final Notices notices;
    private final TrainingProperties settings;
    private final Clock clock;

    public BalanceDeadlines(JdbcTemplate jdbc, TransactionTemplate transactions, Ledger ledger, Outbox outbox,
            Notices notices, TrainingProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.closings = new BalanceClosings(jdbc, ledger, outbox, notices);
        this.notices = notices;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${prakerja.training.jobs.initial-delay:10s}",
            fixedDelayString = "${prakerja.training.jobs.interval:15s}", scheduler = PlatformSchedulers.WORKERS)
    public void scheduled() {
        while (settings.jobs().enabled() && runAll().backlogLeft()) {
            log.info("deadline jobs stopped a pass with backlog left; the next pass starts now");
        }
    }

    /** One pass of every job: what each did, and whether one stopped at its time limit with backlog left. */
    public record Pass(int vouchersExpired, int deadlinesForfeited, int programmeEndsClosed, int revokedClosed,
            int remindersRecorded, boolean backlogLeft) {
    }

    /** What one job did in a pass. */
    private record Run(int done, boolean backlogLeft) {
    }

    public Pass runAll() {
        Run reminders = reminding();
        // vouchers first: a lapsed first purchase puts its participant back under the deadline, forfeited in this pass
        Run vouchers = inBatches(this::expireVoucherBatch);
        Run deadlines = inBatches(this::forfeitBatch, closeBatch());
        Run programmeEnd = inBatches(this::programmeEndBatch, closeBatch());
        Run revoked = inBatches(this::revokedBatch, closeBatch());
        return new Pass(vouchers.done(), deadlines.done(), programmeEnd.done(), revoked.done(), reminders.done(),
                reminders.backlogLeft() || vouchers.backlogLeft() || deadlines.backlogLeft() || programmeEnd.backlogLeft()
                        || revoked.backlogLeft());
    }

    public int expireVouchers() {
        return inBatches(this::expireVoucherBatch).done();
    }

    public int forfeitMissedDeadlines() {
        return inBatches(this::forfeitBatch, closeBatch()).done();
    }

    public int closeAtProgrammeEnd() {
        return inBatches(this::programmeEndBatch, closeBatch()).done();
    }

    /** Returns the balances of revoked participants to the programme (revocation itself does; this sweeps what it left). */
    public int closeRevoked() {
        return inBatches(this::revokedBatch, closeBatch()).done();
    }

    private Run inBatches(Supplier<Integer> batch) {
        return inBatches(batch, settings.jobs().batchSize());
    }

    private int closeBatch() {
        return settings.jobs().closeBatchSize();
    }

    /**
     * Batches while they come back full, until there is no backlog or the job's time in this pass is
     * up. A backlog (a full batch) is taken by {@code jobs.workers} transactions at once: the work is
     * the database's, and each transaction keeps one of its cores busy; their rows are disjoint
     * ({@code SKIP LOCKED}) as those of replicas are.
     */
    private Run inBatches(Supplier<Integer> batch, int size) {
        long until = System.nanoTime() + settings.jobs().passTimeLimit().toNanos();
        int first = once(batch);
        if (first < size) {
            return new Run(first, false);
        }
        int workers = Math.max(1, settings.jobs().workers());
        AtomicInteger total = new AtomicInteger(first);
        AtomicBoolean timeUp = new AtomicBoolean();
        Callable<Void> worker = () -> {
            while (true) {
                if (System.nanoTime() - until >= 0) {
                    timeUp.set(true);
                    return null;
                }
                int done = once(batch);
                total.addAndGet(done);
                if (done < size) {
                    return null;
                }
            }
        };
        if (workers == 1) {
            call(worker);
        } else {
            try (ExecutorService pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("deadline-job-", 0).factory())) {
                List<Future<Void>> running = new ArrayList<>();
                for (int i = 0; i < workers; i++) {
                    running.add(pool.submit(worker));
                }
                for (Future<Void> f : running) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        return new Run(total.get(), timeUp.get());
    }

    private int once(Supplier<Integer> batch) {
        Integer done = transactions.execute(tx -> batch.get());
        return done == null ? 0 : done;
    }

    private static void call(Callable<Void> work) {
        try {
            work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<UUID> ids(List<Map<String, Object>> rows, String column) {
        return rows.stream().map(r -> (UUID) r.get(column)).distinct().toList();
    }

    private int expireVoucherBatch() {
        Instant now = clock.instant();
        // the participant's row too: a purchase of theirs waits for this batch, or this batch skips them
        List<Map<String, Object>> due = jdbc.queryForList("""
                select pu.id, pu.participant_id, pu.voucher_code, pu.price, t.title
                  from purchase pu join training t on t.id = pu.training_id join participant pa on pa.id = pu.participant_id
                 where pu.status = 'RESERVED' and pu.voucher_expires_at <= ?
                 order by pu.voucher_expires_at limit ? for update of pu, pa skip locked""",
                Timestamp.from(now), settings.jobs().batchSize());
        if (due.isEmpty()) {
            return 0;
        }
        List<UUID> purchases = ids(due, "id");
        List<BalanceClosings.Lapse> ended = jdbc.query("""
                update purchase set status = 'EXPIRED', ended_at = ? where id = any(?::uuid[]) and status = 'RESERVED'
                returning\s""" + BalanceClosings.LAPSE_COLUMNS, ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setArray(2, ps.getConnection().createArrayOf("uuid", purchases.toArray()));
        }, BalanceClosings::lapse);
        closings.lapsed(ended, VoucherLapseReason.EXPIRED, now);
        closings.uncountLapsedFirstPurchases(ids(due, "participant_id"));
        List<Notices.Notice> told = new ArrayList<>(due.size());
        for (Map<String, Object> p : due) {
            String amount = NoticeTexts.rupiah(((Number) p.get("price")).longValue());
            told.add(new Notices.Notice((UUID) p.get("participant_id"), "voucher-expired:" + p.get("id"),
                    "Voucher " + p.get("voucher_code") + " tidak ditukarkan dan hangus. " + amount
                            + " dikembalikan ke saldo pelatihan Anda.",
                    "Voucher hangus, saldo dikembalikan",
                    "Voucher " + p.get("voucher_code") + " untuk pelatihan \"" + p.get("title") + "\" tidak ditukarkan "
                            + "tepat waktu dan hangus. " + amount + " dikembalikan ke saldo pelatihan Anda.\n\n"
                            + "Your voucher expired unused; " + amount + " is back in your balance."));
        }
        notices.recordAll(told, now);
        log.info("{} voucher(s) expired unused, reservations voided", due.size());
        return due.size();
    }

    private int forfeitBatch() {
        Instant now = clock.instant();
        List<UUID> due = jdbc.queryForList("""
                select id from participant
                 where selected_at is not null and first_purchased_at is null and closed_at is null and revoked_at is null
                   and first_purchase_deadline <= ?
                 order by first_purchase_deadline limit ? for update skip locked""", UUID.class,
                Timestamp.from(now), closeBatch());
        closings.close(due, ForfeitReason.DEADLINE, now);
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
                Timestamp.from(now), closeBatch());
        closings.endReserved(due, VoucherLapseReason.PROGRAMME_END, now);
        closings.close(due, ForfeitReason.PROGRAMME_END, now);
        if (!due.isEmpty()) {
            log.info("{} balance(s) closed at the programme's end", due.size());
        }
        return due.size();
    }

    private int revokedBatch() {
        Instant now = clock.instant();
        List<UUID> due = jdbc.queryForList("""
                select id from participant
                 where selected_at is not null and revoked_at is not null and closed_at is null
                 order by revoked_at limit ? for update skip locked""", UUID.class, closeBatch());
        closings.endReserved(due, VoucherLapseReason.REVOKED, now);
        closings.close(due, ForfeitReason.REVOKED, now);
        if (!due.isEmpty()) {
            log.info("{} revoked participant(s)' balance(s) returned to the programme", due.size());
        }
        return due.size();
    }

    /** Records the reminders now due; each is claimed once (the row records it), whatever the number of instances. */
    public int remind() {
        return reminding().done();
    }

    private Run reminders(Supplier<Integer> batch, Run before) {
        Run run = inBatches(batch);
        return new Run(before.done() + run.done(), before.backlogLeft() || run.backlogLeft());
    }

    private Run reminding() {
        Run run = new Run(0, false);
        // the earliest first: a participant due for both (a late selection) hears of the nearer one last
        for (Duration before : settings.deadlineReminders().stream().sorted(Comparator.reverseOrder()).toList()) {
            run = reminders(() -> deadlineReminderBatch(before), run);
        }
        return reminders(this::voucherReminderBatch, run);
    }

    private int deadlineReminderBatch(Duration before) {
        Instant now = clock.instant();
        List<Map<String, Object>> due = jdbc.queryForList("""
                select p.id, p.first_purchase_deadline from participant p
                 where p.selected_at is not null and p.first_purchased_at is null and p.closed_at is null
                   and p.revoked_at is null and p.first_purchase_deadline > ? and p.first_purchase_deadline <= ?
                   and (p.deadline_reminded_before is null or p.deadline_reminded_before > ?::interval)
                 order by p.first_purchase_deadline limit ? for update skip locked""", Timestamp.from(now),
                Timestamp.from(now.plus(before)), before.toString(), settings.jobs().batchSize());
        if (due.isEmpty()) {
            return 0;
        }
        jdbc.update("update participant set deadline_reminded_before = ?::interval where id = any(?::uuid[])", ps -> {
            ps.setString(1, before.toString());
            ps.setArray(2, ps.getConnection().createArrayOf("uuid", ids(due, "id").toArray()));
        });
        List<Notices.Notice> told = new ArrayList<>(due.size());
        for (Map<String, Object> p : due) {
            String deadline = NoticeTexts.dayTime(((Timestamp) p.get("first_purchase_deadline")).toInstant());
            told.add(new Notices.Notice((UUID) p.get("id"), "deadline-reminder:" + before + ":" + p.get("id"),
                    "Pengingat Kartu Prakerja: beli pelatihan pertama sebelum " + deadline
                            + ", atau saldo dikembalikan dan kepesertaan dicabut.",
                    "Pengingat: beli pelatihan pertama sebelum " + deadline,
                    "Anda belum membeli pelatihan. Beli pelatihan pertama sebelum " + deadline + "; jika tidak, saldo "
                            + "dikembalikan ke program dan kepesertaan dicabut.\n\n"
                            + "Reminder: buy your first training before " + deadline + "."));
        }
        notices.recordAll(told, now);
        return due.size();
    }

    private int voucherReminderBatch() {
        Instant now = clock.instant();
        List<Map<String, Object>> due = jdbc.queryForList("""
                select pu.id, pu.participant_id, pu.voucher_code, pu.voucher_expires_at from purchase pu
                 where pu.status = 'RESERVED' and pu.voucher_expires_at > ? and pu.voucher_expires_at <= ?
                   and pu.expiry_reminded_at is null
                 order by pu.voucher_expires_at limit ? for update skip locked""", Timestamp.from(now),
                Timestamp.from(now.plus(settings.voucherReminderBefore())), settings.jobs().batchSize());
        if (due.isEmpty()) {
            return 0;
        }
        jdbc.update("update purchase set expiry_reminded_at = ? where id = any(?::uuid[])", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setArray(2, ps.getConnection().createArrayOf("uuid", ids(due, "id").toArray()));
        });
        List<Notices.Notice> told = new ArrayList<>(due.size());
        for (Map<String, Object> p : due) {
            String expires = NoticeTexts.dayTime(((Timestamp) p.get("voucher_expires_at")).toInstant());
            told.add(new Notices.Notice((UUID) p.get("participant_id"), "voucher-expiring:" + p.get("id"),
                    "Voucher " + p.get("voucher_code") + " hangus pada " + expires + ". Segera tukarkan di platform pelatihan.",
                    "Voucher Anda segera hangus",
                    "Voucher " + p.get("voucher_code") + " hangus pada " + expires + ". Tukarkan sebelum itu agar saldo "
                            + "terpakai untuk pelatihan Anda.\n\nYour voucher expires at " + expires + "."));
        }
        notices.recordAll(told, now);
        return due.size();
    }
}
