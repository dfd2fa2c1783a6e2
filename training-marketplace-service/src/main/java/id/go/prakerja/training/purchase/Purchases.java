package id.go.prakerja.training.purchase;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.training.TrainingPurchased;
import id.go.prakerja.support.outbox.Outbox;
import id.go.prakerja.support.web.ProblemException;
import id.go.prakerja.training.config.TrainingProperties;
import id.go.prakerja.training.ledger.AccountBalance;
import id.go.prakerja.training.ledger.Accounts;
import id.go.prakerja.training.ledger.Ledger;
import id.go.prakerja.training.ledger.Transfer;
import id.go.prakerja.training.notification.NoticeTexts;
import id.go.prakerja.training.notification.Notices;

/**
 * Buying a training from the balance. Every purchase of one participant takes the participant's
 * row lock first, so the rules and the balance are checked and the reservation written while no
 * other purchase of theirs can run: 50 purchases at once are 50 turns, and the balance never goes
 * below zero. The price is reserved (a pending ledger transfer to the platform's payable) until
 * the platform redeems the voucher.
 */
@Component
public class Purchases {

    private static final Logger log = LoggerFactory.getLogger(Purchases.class);

    static final String SELECT = """
            select pu.id, pu.participant_id, pu.training_id, t.title, pu.platform_code, pu.price, pu.first_training,
                   pu.status, pu.voucher_code, pu.voucher_expires_at, pu.purchased_at, pu.redeemed_at, pu.progress_percent,
                   pu.completed_at, pu.certificate_number, pu.rating, pu.review_text, pu.reconciled_at
              from purchase pu join training t on t.id = pu.training_id""";

    private final JdbcTemplate jdbc;
    private final Ledger ledger;
    private final Outbox outbox;
    private final Notices notices;
    private final TrainingProperties settings;
    private final Clock clock;

    public Purchases(JdbcTemplate jdbc, Ledger ledger, Outbox outbox, Notices notices, TrainingProperties settings,
            Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.outbox = outbox;
        this.notices = notices;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * A purchase in six round trips to the database: the participant's row lock; one read of the
     * training, what the participant holds and their balance (after the lock, so it sees every
     * earlier purchase of theirs); the ledger reservation; the purchase with the participant's
     * first-purchase mark; the event; the two notices. The read must not share the locking
     * statement: a statement that waited for the lock would read with the snapshot it took
     * before waiting, blind to the purchase it waited for.
     */
    @Transactional
    public PurchaseView buy(UUID participantId, String trainingId) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                """
                select selected_at, revoked_at, closed_at, first_purchased_at, first_purchase_deadline, programme_ends_at
                  from participant where id = ? for update""", participantId);
        if (rows.isEmpty()) {
            throw refusal(PurchaseRules.Refusal.NOT_SELECTED);
        }
        Map<String, Object> participant = rows.getFirst();
        String account = Accounts.participant(participantId);
        Map<String, Object> read = jdbc.queryForMap("""
                select t.title, t.platform_code, t.price, h.holds, h.completed, h.live, b.*
                  from (select 1) one
                  left join (select t.title, t.platform_code, t.price from training t join platform p on p.code = t.platform_code
                              where t.id = ? and t.status = 'ACTIVE' and p.status = 'ACTIVE') t on true
                  cross join (select bool_or(training_id = ? and status not in ('EXPIRED', 'VOIDED')) as holds,
                                     bool_or(status in ('COMPLETED', 'RECONCILED')) as completed,
                                     bool_or(status in ('RESERVED', 'REDEEMED', 'IN_PROGRESS')) as live
                                from purchase where participant_id = ?) h
                  cross join (""" + Ledger.BALANCE_SUMS + " from ledger_entry where account = ?) b",
                trainingId, trainingId, participantId, account);
        if (read.get("price") == null) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "TRAINING_NOT_FOUND", trainingId);
        }
        long price = ((Number) read.get("price")).longValue();
        String platform = (String) read.get("platform_code");
        boolean completedAny = Boolean.TRUE.equals(read.get("completed"));
        boolean live = Boolean.TRUE.equals(read.get("live"));
        var balance = new AccountBalance(longOf(read, "posted_credits"), longOf(read, "posted_debits"),
                longOf(read, "pending_debits"), longOf(read, "pending_credits"));
        Instant checkedAt = clock.instant();
        var situation = new PurchaseRules.Situation(participant.get("selected_at") != null,
                participant.get("revoked_at") != null, participant.get("closed_at") != null,
                Boolean.TRUE.equals(read.get("holds")), completedAny, live, balance,
                participant.get("first_purchased_at") == null && reached(participant.get("first_purchase_deadline"), checkedAt),
                reached(participant.get("programme_ends_at"), checkedAt));
        PurchaseRules.check(situation, price).ifPresent(refusal -> {
            throw refusal(refusal);
        });

        // as the database keeps it (microseconds), so that the answer equals what a later read shows
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID purchaseId = UUID.randomUUID();
        UUID transaction = UUID.randomUUID();
        boolean first = PurchaseRules.isFirst(completedAny, live);
        String voucher = VoucherCodes.next();
        Instant expires = now.plus(settings.voucherValidFor());
        ledger.record(Transfer.purchase(transaction, participantId, platform, price), now);
        jdbc.update("""
                with marked as (update participant set first_purchased_at = ? where id = ? and first_purchased_at is null)
                insert into purchase (id, participant_id, training_id, platform_code, price, first_training, status,
                                      voucher_code, voucher_expires_at, ledger_transaction, purchased_at)
                values (?, ?, ?, ?, ?, ?, 'RESERVED', ?, ?, ?, ?)""", Timestamp.from(now), participantId, purchaseId,
                participantId, trainingId, platform, price, first, voucher, Timestamp.from(expires), transaction,
                Timestamp.from(now));
        outbox.publish(EventEnvelope.of(new TrainingPurchased(purchaseId, trainingId, platform, price, first, now),
                participantId, purchaseId, null, now));
        String title = (String) read.get("title");
        notices.record(participantId, "voucher:" + purchaseId,
                "Voucher pelatihan " + title + ": " + voucher + ". Tukarkan di " + platform + " sebelum "
                        + NoticeTexts.dayTime(expires) + ".",
                NoticeTexts.subject("Voucher pelatihan Kartu Prakerja: " + title),
                "Anda membeli pelatihan \"" + title + "\" seharga " + NoticeTexts.rupiah(price) + ".\n"
                        + "Kode voucher: " + voucher + "\nTukarkan di platform " + platform + " sebelum "
                        + NoticeTexts.dayTime(expires) + "; jika tidak, voucher hangus dan saldo dikembalikan.\n\n"
                        + "Your voucher code is " + voucher + "; redeem it before " + NoticeTexts.dayTime(expires) + ".",
                now);
        log.info("participant {} bought {} on {} for {} (first: {})", participantId, trainingId, platform, price, first);
        String status = "RESERVED";
        return new PurchaseView(purchaseId, participantId, trainingId, title, platform, price, first, status, voucher, expires,
                now, null, 0, null, null, null, null, null, PurchaseView.missing(status, null, null, null));
    }

    /** Whether the moment in this column (a deadline) has come: at it, it has. */
    private static boolean reached(Object deadline, Instant now) {
        return deadline != null && !now.isBefore(((Timestamp) deadline).toInstant());
    }

    private static long longOf(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    private static ProblemException refusal(PurchaseRules.Refusal refusal) {
        HttpStatus status = refusal == PurchaseRules.Refusal.NOT_SELECTED ? HttpStatus.FORBIDDEN : HttpStatus.CONFLICT;
        return new ProblemException(status, refusal.name());
    }

    public List<PurchaseView> mine(UUID participantId) {
        return jdbc.query(SELECT + " where pu.participant_id = ? order by pu.purchased_at desc", Purchases::view, participantId);
    }

    public Optional<PurchaseView> one(UUID participantId, UUID purchaseId) {
        return jdbc.query(SELECT + " where pu.participant_id = ? and pu.id = ?", Purchases::view, participantId, purchaseId)
                .stream().findFirst();
    }

    public static PurchaseView view(ResultSet rs, int row) throws SQLException {
        Integer rating = rs.getObject("rating") == null ? null : rs.getInt("rating");
        return new PurchaseView(rs.getObject("id", UUID.class), rs.getObject("participant_id", UUID.class),
                rs.getString("training_id"), rs.getString("title"), rs.getString("platform_code"), rs.getLong("price"),
                rs.getBoolean("first_training"), rs.getString("status"), rs.getString("voucher_code"),
                instant(rs, "voucher_expires_at"), instant(rs, "purchased_at"), instant(rs, "redeemed_at"),
                rs.getInt("progress_percent"), instant(rs, "completed_at"), rs.getString("certificate_number"), rating,
                rs.getString("review_text"), instant(rs, "reconciled_at"),
                PurchaseView.missing(rs.getString("status"), rs.getString("certificate_number"), rating,
                        rs.getString("review_text")));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
