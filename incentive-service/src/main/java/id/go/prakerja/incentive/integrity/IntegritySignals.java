package id.go.prakerja.incentive.integrity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.incentive.IntegritySignalCleared;
import id.go.prakerja.events.incentive.IntegritySignalConfirmed;
import id.go.prakerja.events.incentive.IntegritySignalRaised;
import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.incentive.IncentiveProperties;
import id.go.prakerja.incentive.integrity.SharedPayoutAccount.Decision;
import id.go.prakerja.incentive.integrity.SharedPayoutAccount.Link;
import id.go.prakerja.incentive.integrity.SharedPayoutAccount.LinkStatus;
import id.go.prakerja.support.outbox.Outbox;
import id.go.prakerja.support.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Integrity signals: a payout account linked by more than one participant (SHARED_PAYOUT_ACCOUNT)
 * is recorded when the second link is made, before anyone is paid through it, and holds the
 * tranches of everyone involved until two operators clear or confirm each of them.
 *
 * <p>Accounts are compared by their blind index only. A link takes an advisory lock on its
 * account's index before it reads the other links, so of two links of one account made at the same
 * instant the second waits for the first to commit and then sees it: one signal with both; the
 * unique (kind, subject) of the signal holds that whatever the timing. The link marks the
 * involved participants' scheduled tranches HELD (tranche rows first, then participant rows, the
 * payout runner's order) and the runner holds, instead of requesting, any other tranche of a
 * participant an open signal involves, checked after it took the participant's lock: no tranche is
 * requested once the signal is committed.
 */
@Service
public class IntegritySignals {

    private static final Logger log = LoggerFactory.getLogger(IntegritySignals.class);

    /** The held reason of a tranche this signal holds, as the guard's reasons are kept. */
    public static final String HELD_REASON = SharedPayoutAccount.SIGNAL;

    /**
     * {@link SharedPayoutAccount#held} in SQL over the alias {@code m} of integrity_signal_participant; its
     * one parameter is whether open signals hold payment.
     */
    public static final String HOLDING = "(m.decision = 'CONFIRMED' or (? and m.decision = 'OPEN'))";

    /** The first key of the advisory lock a link takes on its account's index (the second is from the index). */
    private static final int ACCOUNT_LOCK_SPACE = 0x5A4ED;

    private final JdbcTemplate jdbc;
    private final IncentiveProperties settings;
    private final Outbox outbox;
    private final MeterRegistry meters;
    private final Clock clock;

    public IntegritySignals(JdbcTemplate jdbc, IncentiveProperties settings, Outbox outbox, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.outbox = outbox;
        this.meters = meters;
        this.clock = clock;
    }

    public boolean holdsPayment() {
        return settings.integrity().sharedAccount().holdsPayment();
    }

    /**
     * Runs in the link's transaction, after its row is written and with the linking participant's
     * row locked: records or extends the account's signal when the account now involves more than
     * one participant, announces each newcomer ({@link IntegritySignalRaised}) and holds their tranches.
     */
    public void linked(UUID linkId, PayoutPartner partner, String accountIndex) {
        if (!settings.integrity().sharedAccount().enabled()) {
            return;
        }
        jdbc.queryForObject("select pg_advisory_xact_lock(?, ?) is not null", Boolean.class, ACCOUNT_LOCK_SPACE,
                lockKey(accountIndex));
        // read after the lock: every link of this account committed before it is seen
        Map<UUID, UUID> linkOf = new LinkedHashMap<>();
        List<Link> links = jdbc.query("""
                select participant_id, status, decided_at is not null and reason_code is null, link_id
                  from payout_account where account_index = ? order by requested_at, link_id""",
                (rs, i) -> {
                    Link link = new Link(rs.getObject(1, UUID.class), LinkStatus.valueOf(rs.getString(2)), rs.getBoolean(3));
                    if (SharedPayoutAccount.counts(link)) {
                        linkOf.put(link.participantId(), rs.getObject(4, UUID.class));
                    }
                    return link;
                }, accountIndex);
        Set<UUID> involved = SharedPayoutAccount.involved(links);
        if (involved.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<Long> created = jdbc.queryForList("""
                insert into integrity_signal (kind, subject, partner, status, raised_at, updated_at)
                values (?, ?, ?, 'OPEN', ?, ?) on conflict (kind, subject) do nothing returning id""", Long.class,
                SharedPayoutAccount.SIGNAL, accountIndex, partner.name(), Timestamp.from(now), Timestamp.from(now));
        long signalId = created.isEmpty()
                ? jdbc.queryForObject("select id from integrity_signal where kind = ? and subject = ?", Long.class,
                        SharedPayoutAccount.SIGNAL, accountIndex)
                : created.getFirst();
        List<UUID> joined = new ArrayList<>();
        for (UUID participant : involved) {
            joined.addAll(jdbc.queryForList("""
                    insert into integrity_signal_participant (signal_id, participant_id, link_id, joined_at, decision)
                    values (?, ?, ?, ?, 'OPEN') on conflict do nothing returning participant_id""", UUID.class,
                    signalId, participant, linkOf.get(participant), Timestamp.from(now)));
        }
        if (joined.isEmpty()) {
            return;
        }
        jdbc.update("update integrity_signal set status = 'OPEN', updated_at = ? where id = ?", Timestamp.from(now), signalId);
        // each newcomer is announced once, with everyone the signal involves now, in the link's transaction
        List<UUID> everyone = jdbc.queryForList("select participant_id from integrity_signal_participant where signal_id = ?"
                + " order by joined_at, participant_id", UUID.class, signalId);
        UUID correlation = UUID.randomUUID();
        for (UUID participant : joined) {
            outbox.publish(EventEnvelope.of(new IntegritySignalRaised(signalId, SharedPayoutAccount.SIGNAL, everyone, now),
                    participant, correlation, null, now));
        }
        meters.counter("prakerja.incentive.integrity.signals", "kind", SharedPayoutAccount.SIGNAL).increment(joined.size());
        log.warn("integrity signal {} {} at {}: {} participant(s) link one account, {} new: {}", signalId,
                SharedPayoutAccount.SIGNAL, partner, involved.size(), joined.size(), joined);
        if (holdsPayment()) {
            Object participants = joined.stream().sorted().toArray(UUID[]::new);
            int held = jdbc.update("""
                    update tranche set status = 'HELD', held_reason = ?, held_at = ?, resolved_by = null, resolved_at = null,
                           resolution_note = null
                     where participant_id = any(?) and status = 'SCHEDULED'""", HELD_REASON, Timestamp.from(now), participants);
            // the payout runner checks for open signals after taking these locks
            jdbc.queryForList("select participant_id from participant where participant_id = any(?) order by participant_id for update",
                    UUID.class, participants);
            log.warn("integrity signal {} holds {} scheduled tranche(s) of {}", signalId, held, joined);
        }
    }

    /** 32 bits of the index: two accounts sharing them only take turns. */
    private static int lockKey(String accountIndex) {
        return Integer.parseUnsignedInt(accountIndex.substring(0, 8), 16);
    }

    /** Of these participants, those an integrity signal holds now; call it holding their participant rows' locks. */
    public Set<UUID> heldAmong(UUID[] participants) {
        return Set.copyOf(jdbc.queryForList("select distinct m.participant_id from integrity_signal_participant m "
                + "where m.participant_id = any(?) and " + HOLDING, UUID.class, participants, holdsPayment()));
    }

    /** The signal that holds this participant, if any (SHARED_PAYOUT_ACCOUNT), for what they are shown. */
    public Optional<String> holdOf(UUID participant) {
        return jdbc.queryForList("select s.kind from integrity_signal_participant m join integrity_signal s on s.id = m.signal_id "
                + "where m.participant_id = ? and " + HOLDING + " order by m.joined_at limit 1", String.class, participant,
                holdsPayment()).stream().findFirst();
    }

    // ---- operators

    public enum Status {
        OPEN, DECIDED
    }

    /**
     * One participant of a signal, as operators see them: never an account number or a NIK.
     *
     * @param linkStatus            the status of the link that brought them in, now
     * @param pendingChangeRequest  a clearance or confirmation asked for and not yet approved or rejected
     */
    public record Involved(UUID participantId, UUID linkId, String linkStatus, Instant joinedAt, Decision decision,
            String decidedBy, Instant decidedAt, String decisionNote, Long pendingChangeRequest) {
    }

    /** @param accountMasked the shared account's last four characters only */
    public record Signal(long id, String kind, String partner, String accountMasked, Status status, Instant raisedAt,
            Instant updatedAt, List<Involved> participants) {
    }

    @Transactional(readOnly = true)
    public List<Signal> list(Status status, UUID participant, int limit, int offset) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where true");
        if (status != null) {
            where.append(" and s.status = ?");
            args.add(status.name());
        }
        if (participant != null) {
            where.append(" and exists (select 1 from integrity_signal_participant m where m.signal_id = s.id and m.participant_id = ?)");
            args.add(participant);
        }
        args.add(limit);
        args.add(offset);
        List<Long> ids = jdbc.queryForList("select s.id from integrity_signal s" + where
                + " order by s.raised_at, s.id limit ? offset ?", Long.class, args.toArray());
        return ids.stream().map(this::find).toList();
    }

    @Transactional(readOnly = true)
    public Signal find(long id) {
        var rows = jdbc.query("""
                select s.id, s.kind, s.partner, s.status, s.raised_at, s.updated_at,
                       (select a.account_number from payout_account a where a.account_index = s.subject limit 1)
                  from integrity_signal s where s.id = ?""", (rs, i) -> new Signal(rs.getLong(1), rs.getString(2),
                rs.getString(3), mask(rs.getString(7)), Status.valueOf(rs.getString(4)), rs.getTimestamp(5).toInstant(),
                rs.getTimestamp(6).toInstant(), involved(rs.getLong(1))), id);
        if (rows.isEmpty()) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "INTEGRITY_SIGNAL_NOT_FOUND", id);
        }
        return rows.getFirst();
    }

    private List<Involved> involved(long signalId) {
        return jdbc.query("""
                select m.participant_id, m.link_id, a.status, m.joined_at, m.decision, m.decided_by, m.decided_at, m.decision_note,
                       (select c.id from change_request c where c.target = ? || m.participant_id and c.status = 'PENDING' limit 1)
                  from integrity_signal_participant m join payout_account a on a.link_id = m.link_id
                 where m.signal_id = ? order by m.joined_at, m.participant_id""",
                (rs, i) -> new Involved(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), Decision.valueOf(rs.getString(5)), rs.getString(6),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(), rs.getString(8),
                        (Long) rs.getObject(9)),
                "integrity:" + signalId + ":", signalId);
    }

    private static String mask(String account) {
        if (account == null || account.length() <= 4) {
            return "****";
        }
        return "*".repeat(account.length() - 4) + account.substring(account.length() - 4);
    }

    /** The target of a change request deciding one participant of one signal. */
    public static String target(long signalId, UUID participant) {
        return "integrity:" + signalId + ":" + participant;
    }

    /**
     * The participant of a signal whose decision is asked for, under its row lock: 404 for an unknown
     * signal or a participant it does not involve, 409 once decided.
     */
    public void lockUndecided(long signalId, UUID participant) {
        var decision = jdbc.queryForList("""
                select decision from integrity_signal_participant where signal_id = ? and participant_id = ? for update""",
                String.class, signalId, participant);
        if (decision.isEmpty()) {
            boolean signal = Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from integrity_signal where id = ?)",
                    Boolean.class, signalId));
            throw signal ? new ProblemException(HttpStatus.NOT_FOUND, "INTEGRITY_PARTICIPANT_NOT_INVOLVED", signalId, participant)
                    : new ProblemException(HttpStatus.NOT_FOUND, "INTEGRITY_SIGNAL_NOT_FOUND", signalId);
        }
        if (!Decision.OPEN.name().equals(decision.getFirst())) {
            throw new ProblemException(HttpStatus.CONFLICT, "INTEGRITY_ALREADY_DECIDED", signalId, participant, decision.getFirst());
        }
    }

    /**
     * Applies what two operators decided about one participant of a signal (from an approved change
     * request). CLEARED ({@link IntegritySignalCleared}): once no other signal holds them, their tranches
     * this signal held go back to the schedule and are paid by the next run. CONFIRMED: their tranches stay held and
     * {@link IntegritySignalConfirmed} asks registration, which owns participation, to revoke them.
     */
    public void decide(String target, Decision decision, String note, String by) {
        String[] parts = target.split(":");
        long signalId = Long.parseLong(parts[1]);
        UUID participant = UUID.fromString(parts[2]);
        lockUndecided(signalId, participant);
        Instant now = clock.instant();
        jdbc.update("""
                update integrity_signal_participant set decision = ?, decided_by = ?, decided_at = ?, decision_note = ?
                 where signal_id = ? and participant_id = ?""", decision.name(), by, Timestamp.from(now), note, signalId,
                participant);
        jdbc.update("""
                update integrity_signal s set updated_at = ?,
                       status = case when exists (select 1 from integrity_signal_participant m
                                                   where m.signal_id = s.id and m.decision = 'OPEN') then 'OPEN' else 'DECIDED' end
                 where id = ?""", Timestamp.from(now), signalId);
        String kind = jdbc.queryForObject("select kind from integrity_signal where id = ?", String.class, signalId);
        if (decision == Decision.CLEARED) {
            outbox.publish(EventEnvelope.of(new IntegritySignalCleared(signalId, kind, now), participant, UUID.randomUUID(), null,
                    now));
            int released = jdbc.update("""
                    update tranche set status = 'SCHEDULED', resolved_by = ?, resolved_at = ?, resolution_note = ?
                     where participant_id = ? and status = 'HELD' and held_reason = ?
                       and not exists (select 1 from integrity_signal_participant m where m.participant_id = ? and """ + HOLDING + ")",
                    by, Timestamp.from(now), "integrity signal " + signalId + " cleared", participant, HELD_REASON, participant,
                    holdsPayment());
            log.warn("integrity signal {}: participant {} cleared by {}; {} tranche(s) back to the schedule", signalId,
                    participant, by, released);
        } else if (decision == Decision.CONFIRMED) {
            outbox.publish(EventEnvelope.of(new IntegritySignalConfirmed(signalId, kind, now), participant, UUID.randomUUID(),
                    null, now));
            log.warn("integrity signal {}: participant {} confirmed by {}; registration is asked to revoke them", signalId,
                    participant, by);
        }
    }
}
