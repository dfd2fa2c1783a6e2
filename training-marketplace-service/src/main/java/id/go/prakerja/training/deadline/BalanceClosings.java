package id.go.prakerja.training.deadline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.training.BalanceForfeited;
import id.go.prakerja.events.training.ForfeitReason;
import id.go.prakerja.events.training.VoucherLapseReason;
import id.go.prakerja.events.training.VoucherLapsed;
import id.go.prakerja.support.outbox.Outbox;
import id.go.prakerja.training.ledger.AccountBalance;
import id.go.prakerja.training.ledger.Accounts;
import id.go.prakerja.training.ledger.Ledger;
import id.go.prakerja.training.ledger.Transfer;
import id.go.prakerja.training.notification.NoticeTexts;
import id.go.prakerja.training.notification.Notices;

/**
 * Closing balances, set-based: a batch of participants costs a handful of statements whatever its
 * size (their balances by one aggregate query, the returns to the programme in one insert, the
 * {@link BalanceForfeited} events in one outbox batch, the notices in one insert). The caller holds
 * the participants' row locks and has checked their balances are still open. Every voucher that
 * ends unredeemed, here or in the expiry job, is announced ({@link VoucherLapsed}): a consumer that
 * counts {@code TrainingPurchased} as spent learns that the price is back in the balance.
 */
@Component
public class BalanceClosings {

    private final JdbcTemplate jdbc;
    private final Ledger ledger;
    private final Outbox outbox;
    private final Notices notices;

    public BalanceClosings(JdbcTemplate jdbc, Ledger ledger, Outbox outbox, Notices notices) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.outbox = outbox;
        this.notices = notices;
    }

    /** A purchase whose voucher ended unredeemed, as the statement that ended it returns it. */
    public record Lapse(UUID purchaseId, UUID participantId, String trainingId, String platformCode, long price,
            UUID ledgerTransaction) {
    }

    /** The columns {@link #lapse} reads, for an {@code update purchase ... returning}. */
    public static final String LAPSE_COLUMNS = "id, participant_id, training_id, platform_code, price, ledger_transaction";

    public static Lapse lapse(ResultSet rs, int row) throws SQLException {
        return new Lapse(rs.getObject("id", UUID.class), rs.getObject("participant_id", UUID.class),
                rs.getString("training_id"), rs.getString("platform_code"), rs.getLong("price"),
                rs.getObject("ledger_transaction", UUID.class));
    }

    /**
     * Ends the reserved (unredeemed) vouchers of these participants: EXPIRED at the programme's end,
     * VOIDED on revocation; their amounts return to the balances, announced. Returns how many.
     */
    public int endReserved(List<UUID> participants, VoucherLapseReason reason, Instant now) {
        if (participants.isEmpty()) {
            return 0;
        }
        String status = reason == VoucherLapseReason.REVOKED ? "VOIDED" : "EXPIRED";
        List<Lapse> ended = jdbc.query("""
                update purchase set status = ?, ended_at = ? where participant_id = any(?::uuid[]) and status = 'RESERVED'
                returning\s""" + LAPSE_COLUMNS, ps -> {
            ps.setString(1, status);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setArray(3, ps.getConnection().createArrayOf("uuid", participants.toArray()));
        }, BalanceClosings::lapse);
        lapsed(ended, reason, now);
        uncountLapsedFirstPurchases(participants);
        return ended.size();
    }

    /**
     * Voids the reservations of purchases whose voucher has just ended unredeemed (their status
     * changed in this transaction, once) and announces each: its price is back in the balance.
     */
    public void lapsed(List<Lapse> ended, VoucherLapseReason reason, Instant now) {
        ledger.voidAll(ended.stream().map(Lapse::ledgerTransaction).toList(), now);
        // correlated with the purchase, as its TrainingPurchased is
        outbox.publishAll(ended.stream().map(l -> EventEnvelope.of(new VoucherLapsed(l.purchaseId(), l.trainingId(),
                l.platformCode(), l.price(), reason, now), l.participantId(), l.purchaseId(), null, now)).toList());
    }

    /**
     * A first purchase counts once its voucher is redeemed: a participant whose every purchase has
     * expired or been voided has made none, and is under the first-purchase deadline again.
     */
    public void uncountLapsedFirstPurchases(List<UUID> participants) {
        if (participants.isEmpty()) {
            return;
        }
        jdbc.update("""
                update participant pa set first_purchased_at = null
                 where pa.id = any(?::uuid[]) and pa.first_purchased_at is not null
                   and not exists (select 1 from purchase pu where pu.participant_id = pa.id and pu.status not in ('EXPIRED', 'VOIDED'))""",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", participants.toArray())));
    }

    /** Returns what is left of each balance to the programme, announces it and closes the balances; returns the rupiah. */
    public long close(List<UUID> participants, ForfeitReason reason, Instant now) {
        if (participants.isEmpty()) {
            return 0;
        }
        jdbc.update("update participant set closed_at = ?, closed_reason = ? where id = any(?::uuid[])", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, reason.name());
            ps.setArray(3, ps.getConnection().createArrayOf("uuid", participants.toArray()));
        });
        Map<String, AccountBalance> balances = ledger.balances(participants.stream().map(Accounts::participant).toList());
        List<Transfer> returns = new ArrayList<>();
        List<EventEnvelope<BalanceForfeited>> events = new ArrayList<>();
        List<Notices.Notice> told = new ArrayList<>(participants.size());
        long total = 0;
        String why = switch (reason) {
            case DEADLINE -> "tidak ada pembelian pelatihan sampai batas waktu";
            case PROGRAMME_END -> "program Kartu Prakerja telah berakhir";
            case REVOKED -> "kepesertaan Kartu Prakerja Anda dicabut";
        };
        String because = switch (reason) {
            case DEADLINE -> "no purchase by the deadline";
            case PROGRAMME_END -> "the programme ended";
            case REVOKED -> "your participation was revoked";
        };
        for (UUID participant : participants) {
            AccountBalance balance = balances.get(Accounts.participant(participant));
            long left = balance == null ? 0 : balance.available();
            if (left > 0) {
                total += left;
                returns.add(Transfer.forfeit(UUID.randomUUID(), participant, left));
                events.add(EventEnvelope.of(new BalanceForfeited(left, reason, now), participant, UUID.randomUUID(), null, now));
            }
            String amount = NoticeTexts.rupiah(left);
            told.add(new Notices.Notice(participant, "balance-closed:" + participant,
                    "Saldo pelatihan Kartu Prakerja Anda (" + amount + ") dikembalikan ke program karena " + why + ".",
                    "Saldo pelatihan dikembalikan ke program",
                    "Saldo pelatihan Anda sebesar " + amount + " dikembalikan ke program karena " + why + ".\n\n"
                            + "Your remaining training balance was returned to the programme (" + because + ")."));
        }
        ledger.recordAll(returns, now);
        outbox.publishAll(events);
        notices.recordAll(told, now);
        return total;
    }
}
