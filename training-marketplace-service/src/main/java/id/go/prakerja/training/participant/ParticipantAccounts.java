package id.go.prakerja.training.participant;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.cohort.ParticipantSelected;
import id.go.prakerja.events.registration.ParticipantProfileUpdated;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.events.registration.ParticipantRevoked;
import id.go.prakerja.events.training.ForfeitReason;
import id.go.prakerja.events.training.VoucherLapseReason;
import id.go.prakerja.training.config.TrainingProperties;
import id.go.prakerja.training.deadline.BalanceClosings;
import id.go.prakerja.training.ledger.Ledger;
import id.go.prakerja.training.ledger.Transfer;
import id.go.prakerja.training.notification.NoticeTexts;
import id.go.prakerja.training.notification.Notices;

/**
 * A participant's life as the marketplace sees it: contact details from registration, the balance
 * opened at selection, and revocation, which stops everything. Each handler runs in the inbox
 * transaction of its event.
 */
@Component
public class ParticipantAccounts {

    private static final Logger log = LoggerFactory.getLogger(ParticipantAccounts.class);

    private final JdbcTemplate jdbc;
    private final Ledger ledger;
    private final Notices notices;
    private final TrainingProperties settings;
    private final Clock clock;
    private final BalanceClosings closings;

    public ParticipantAccounts(JdbcTemplate jdbc, Ledger ledger, Notices notices, TrainingProperties settings, Clock clock,
            BalanceClosings closings) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.notices = notices;
        this.settings = settings;
        this.clock = clock;
        this.closings = closings;
    }

    @Transactional
    public void registered(EventEnvelope<ParticipantRegistered> event) {
        ParticipantRegistered p = event.payload();
        jdbc.update("""
                insert into participant (id, phone, email, full_name) values (?, ?, ?, ?)
                on conflict (id) do update set phone = excluded.phone, email = excluded.email, full_name = excluded.full_name""",
                event.participantId(), p.phone(), p.email(), p.fullName());
    }

    /**
     * The registrations of one batch at once, with the effect of {@link #registered} one after
     * another: a participant registered twice keeps the later details. One statement for all.
     */
    @Transactional
    public void registeredAll(List<EventEnvelope<ParticipantRegistered>> events) {
        Map<UUID, ParticipantRegistered> latest = new TreeMap<>(); // rows locked in one order
        events.forEach(event -> latest.put(event.participantId(), event.payload()));
        jdbc.update(con -> {
            PreparedStatement upsert = con.prepareStatement("""
                    insert into participant (id, phone, email, full_name)
                    select * from unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[])
                    on conflict (id) do update set phone = excluded.phone, email = excluded.email, full_name = excluded.full_name""");
            upsert.setArray(1, con.createArrayOf("uuid", latest.keySet().toArray()));
            upsert.setArray(2, con.createArrayOf("varchar", latest.values().stream().map(ParticipantRegistered::phone).toArray()));
            upsert.setArray(3, con.createArrayOf("varchar", latest.values().stream().map(ParticipantRegistered::email).toArray()));
            upsert.setArray(4, con.createArrayOf("varchar", latest.values().stream().map(ParticipantRegistered::fullName).toArray()));
            return upsert;
        });
    }

    @Transactional
    public void profileUpdated(EventEnvelope<ParticipantProfileUpdated> event) {
        Map<String, String> changed = event.payload().changedFields();
        ensureRow(event.participantId());
        for (var column : Map.of("phone", "phone", "email", "email", "fullName", "full_name").entrySet()) {
            if (changed.containsKey(column.getKey())) {
                jdbc.update("update participant set " + column.getValue() + " = ? where id = ?", changed.get(column.getKey()),
                        event.participantId());
            }
        }
    }

    /** Opens the balance once: the programme's account pays the participant's (a posted transfer). */
    @Transactional
    public void selected(EventEnvelope<ParticipantSelected> event) {
        UUID id = event.participantId();
        ParticipantSelected s = event.payload();
        ensureRow(id);
        Map<String, Object> row = jdbc.queryForMap("select selected_at, revoked_at from participant where id = ? for update", id);
        if (row.get("selected_at") != null || row.get("revoked_at") != null) {
            log.info("participant {} already selected or revoked; selection of wave {} changes nothing", id, s.waveNumber());
            return;
        }
        Instant now = clock.instant();
        Instant programmeEnd = settings.programmeEnd();
        jdbc.update("""
                update participant set card_number = ?, selected_at = ?, first_purchase_deadline = ?, programme_ends_at = ?
                 where id = ?""", s.cardNumber(), Timestamp.from(event.occurredAt()), Timestamp.from(s.firstPurchaseDeadline()),
                Timestamp.from(programmeEnd), id);
        ledger.record(Transfer.open(UUID.randomUUID(), id, s.trainingBalance()), now);
        String amount = NoticeTexts.rupiah(s.trainingBalance());
        String deadline = NoticeTexts.day(s.firstPurchaseDeadline());
        notices.record(id, "balance-open:" + id,
                "Saldo pelatihan Kartu Prakerja " + amount + " sudah dapat digunakan. Beli pelatihan pertama paling lambat "
                        + deadline + ".",
                "Saldo pelatihan Kartu Prakerja Anda aktif",
                "Saldo pelatihan Anda sebesar " + amount + " sudah dapat digunakan untuk membeli pelatihan.\n"
                        + "Beli pelatihan pertama paling lambat " + deadline + "; jika tidak, saldo dikembalikan ke program "
                        + "dan kepesertaan dicabut. Saldo berlaku sampai " + NoticeTexts.day(programmeEnd) + ".\n\n"
                        + "Your training balance of " + amount + " is ready. Buy your first training by " + deadline + ".",
                now);
    }

    /**
     * Revocation stops everything: no purchase from now on, reserved vouchers void, nothing reconciled,
     * and what is left of the balance returns to the programme ({@code BalanceForfeited(REVOKED)}).
     */
    @Transactional
    public void revoked(EventEnvelope<ParticipantRevoked> event) {
        UUID id = event.participantId();
        ensureRow(id);
        Map<String, Object> row = jdbc.queryForMap("select selected_at, closed_at from participant where id = ? for update", id);
        int changed = jdbc.update("update participant set revoked_at = ?, revocation_reason = ? where id = ? and revoked_at is null",
                Timestamp.from(event.payload().revokedAt()), event.payload().reason().name(), id);
        if (changed == 0) {
            return;
        }
        Instant now = clock.instant();
        int voided = closings.endReserved(List.of(id), VoucherLapseReason.REVOKED, now);
        long returned = 0;
        if (row.get("selected_at") != null && row.get("closed_at") == null) {
            returned = closings.close(List.of(id), ForfeitReason.REVOKED, now);
        }
        log.info("participant {} revoked ({}): {} reserved voucher(s) voided, {} returned to the programme", id,
                event.payload().reason(), voided, returned);
    }

    private void ensureRow(UUID id) {
        jdbc.update("insert into participant (id) values (?) on conflict (id) do nothing", id);
    }
}
