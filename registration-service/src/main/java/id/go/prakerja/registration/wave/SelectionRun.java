package id.go.prakerja.registration.wave;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.cohort.ParticipantNotSelected;
import id.go.prakerja.events.cohort.ParticipantSelected;
import id.go.prakerja.support.outbox.Outbox;

/**
 * Runs a closed wave's selection without anybody's intervention, in two steps that can each
 * be resumed after a crash:
 * <ol>
 * <li><b>decide</b>: one transaction; one SQL statement ranks every waiting applicant as
 * {@link WaveSelection} does, marks the selected (with card numbers) and the rest, and
 * marks the wave SELECTED. Either all of a wave's applicants are decided, or none.</li>
 * <li><b>announce</b>: the decisions become ParticipantSelected / ParticipantNotSelected
 * events through the outbox and the selected participants' status SELECTED, a batch per
 * transaction, each batch marking its rows announced, so a restart continues where it
 * stopped and announces nobody twice.</li>
 * </ol>
 */
@Component
public class SelectionRun {

    private static final Logger log = LoggerFactory.getLogger(SelectionRun.class);

    private static final String SELECT_WINNERS = """
            with ranked as (
                select a.participant_id, a.province, a.priority,
                       md5(?::text || ':' || a.participant_id::text) collate "C" as tie
                from wave_application a
                where a.wave_number = ? and a.status = 'WAITING'
                  -- selected in an earlier wave while this one was open: never a second time
                  and not exists (select 1 from wave_application s where s.participant_id = a.participant_id
                                  and s.status = 'SELECTED')
                  -- listed as a recipient of other social assistance after joining
                  and not exists (select 1 from participant p join assistance_exclusion e on e.nik_hash = p.nik_hash
                                  where p.id = a.participant_id and e.applies_from_wave <= a.wave_number)
            ), by_province as (
                select r.*, row_number() over (partition by r.province order by r.priority, r.tie) as province_rank
                from ranked r
            ), qualified as (
                select b.participant_id, b.priority, b.tie
                from by_province b
                join wave_province_quota q on q.wave_number = ? and q.province = b.province
                where b.province_rank <= q.quota
            ), chosen as (
                select participant_id, row_number() over (order by priority, tie) as position
                from qualified
                order by priority, tie
                limit ?
            )
            update wave_application a
               set status = 'SELECTED', decided_at = ?,
                   card_number = '5' || lpad(?::text, 3, '0') || lpad(c.position::text, 12, '0')
              from chosen c
             where a.wave_number = ? and a.participant_id = c.participant_id
            """;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final WaveRepository waves;
    private final Outbox outbox;
    private final WaveProperties settings;
    private final Clock clock;

    public SelectionRun(JdbcTemplate jdbc, TransactionTemplate transactions, WaveRepository waves, Outbox outbox,
            WaveProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.waves = waves;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    /** Decides a closed wave; does nothing for a wave in any other state. Returns how many were selected. */
    public long decide(int waveNumber) {
        Long selected = transactions.execute(tx -> {
            Wave wave = waves.findById(waveNumber).orElseThrow();
            if (wave.status() != Wave.Status.CLOSED) {
                return null;
            }
            Instant now = clock.instant();
            Timestamp decidedAt = Timestamp.from(now);
            int chosen = jdbc.update(SELECT_WINNERS, wave.seed(), waveNumber, waveNumber, wave.totalQuota(), decidedAt,
                    waveNumber, waveNumber);
            int others = jdbc.update("update wave_application set status = 'NOT_SELECTED', decided_at = ? "
                    + "where wave_number = ? and status = 'WAITING'", decidedAt, waveNumber);
            wave.selected(now, chosen);
            log.info("wave {} decided: {} selected, {} not selected", waveNumber, chosen, others);
            return (long) chosen;
        });
        return selected == null ? 0 : selected;
    }

    /** Announces decided applications until none is left; returns how many were announced. */
    public long announce(int waveNumber) {
        long total = 0;
        int batch;
        do {
            Integer n = transactions.execute(tx -> announceBatch(waveNumber));
            batch = n == null ? 0 : n;
            total += batch;
        } while (batch > 0);
        if (total > 0) {
            log.info("wave {}: {} selection results announced", waveNumber, total);
        }
        return total;
    }

    // no ORDER BY: any batch will do, and sorting what is left on every batch would be quadratic;
    // the partial index wave_application_unannounced serves exactly this predicate
    private int announceBatch(int waveNumber) {
        record Decision(UUID participantId, String status, String cardNumber, Timestamp decidedAt) {
        }
        List<Decision> decisions = jdbc.query("""
                select participant_id, status, card_number, decided_at from wave_application
                where wave_number = ? and status <> 'WAITING' and announced_at is null
                limit ? for update skip locked
                """, (rs, i) -> new Decision(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                rs.getTimestamp(4)), waveNumber, settings.announceBatchSize());
        if (decisions.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<EventEnvelope<?>> events = new ArrayList<>(decisions.size());
        for (Decision d : decisions) {
            Instant decidedAt = d.decidedAt().toInstant();
            events.add("SELECTED".equals(d.status())
                    ? EventEnvelope.of(new ParticipantSelected(waveNumber, d.cardNumber(), settings.trainingBalance(),
                            decidedAt.plus(settings.firstPurchaseWithin())), d.participantId(), UUID.randomUUID(), null, now)
                    : EventEnvelope.of(new ParticipantNotSelected(waveNumber), d.participantId(), UUID.randomUUID(), null, now));
        }
        outbox.publishAll(events);
        List<UUID> chosen = decisions.stream().filter(d -> "SELECTED".equals(d.status())).map(Decision::participantId).toList();
        if (!chosen.isEmpty()) {
            // a new version, so a profile update that read the participant before cannot write the
            // old status back: its version check fails instead
            jdbc.update("update participant set status = 'SELECTED', status_changed_at = ?, version = version + 1 "
                    + "where id = any(?)",
                    Timestamp.from(now), chosen.toArray(UUID[]::new));
        }
        // announced, and due to be told by SMS and e-mail (SelectionNotices)
        jdbc.batchUpdate("update wave_application set announced_at = ?, notice_due_at = ? where wave_number = ? "
                + "and participant_id = ?", decisions, 1000, (ps, d) -> {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.setInt(3, waveNumber);
                    ps.setObject(4, d.participantId());
                });
        return decisions.size();
    }
}
