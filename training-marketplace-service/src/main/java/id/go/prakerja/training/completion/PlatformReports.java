package id.go.prakerja.training.completion;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.training.TrainingCompletionReported;
import id.go.prakerja.support.outbox.Outbox;
import id.go.prakerja.support.web.DatabaseErrors;
import id.go.prakerja.support.web.ProblemException;
import id.go.prakerja.training.ledger.Entry;
import id.go.prakerja.training.ledger.Ledger;
import id.go.prakerja.training.notification.Notices;

/**
 * What a platform reports about a voucher: redeemed, progress, completed with a certificate. Each
 * report locks the purchase, and a refused report changes nothing. A report repeated with the
 * platform's same event id (or the same certificate) is answered as the first one was.
 */
@Component
public class PlatformReports {

    private static final Logger log = LoggerFactory.getLogger(PlatformReports.class);

    public record VoucherState(String voucherCode, UUID purchaseId, String trainingId, String status, int progressPercent,
            String certificateNumber) {
    }

    /** A completion report applied: the voucher's state after it, and whether this report recorded the completion. */
    public record Completion(VoucherState state, boolean recorded) {
    }

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final Ledger ledger;
    private final Reconciliation reconciliation;
    private final Notices notices;
    private final Clock clock;

    public PlatformReports(JdbcTemplate jdbc, Outbox outbox, Ledger ledger, Reconciliation reconciliation, Notices notices,
            Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.ledger = ledger;
        this.reconciliation = reconciliation;
        this.notices = notices;
        this.clock = clock;
    }

    /** The voucher is used: the reserved amount is spent (the reservation posted to the platform's payable). */
    @Transactional
    public VoucherState redeem(String platform, String voucherCode, String eventId) {
        Map<String, Object> p = locked(platform, voucherCode);
        String status = (String) p.get("status");
        Instant now = clock.instant();
        switch (status) {
            case "RESERVED" -> {
                if (p.get("revoked_at") != null) {
                    throw new ProblemException(HttpStatus.CONFLICT, "PARTICIPANT_REVOKED");
                }
                if (!now.isBefore(((Timestamp) p.get("voucher_expires_at")).toInstant())) {
                    throw new ProblemException(HttpStatus.CONFLICT, "VOUCHER_EXPIRED", voucherCode);
                }
                ledger.resolve((UUID) p.get("ledger_transaction"), Entry.Status.POSTED, now);
                jdbc.update("update purchase set status = 'REDEEMED', redeemed_at = ?, redeem_event_id = ? where id = ?",
                        Timestamp.from(now), eventId, p.get("id"));
                log.info("voucher of purchase {} redeemed on {}", p.get("id"), platform);
            }
            case "EXPIRED" -> throw new ProblemException(HttpStatus.CONFLICT, "VOUCHER_EXPIRED", voucherCode);
            case "VOIDED" -> throw new ProblemException(HttpStatus.CONFLICT, "VOUCHER_VOID", voucherCode);
            default -> {
                if (!Objects.equals(eventId, p.get("redeem_event_id"))) {
                    throw new ProblemException(HttpStatus.CONFLICT, "VOUCHER_ALREADY_REDEEMED", voucherCode);
                }
            }
        }
        return state((UUID) p.get("id"));
    }

    @Transactional
    public VoucherState progress(String platform, String voucherCode, int percent) {
        Map<String, Object> p = locked(platform, voucherCode);
        refuseIfRevokedOrNotRedeemed(p, voucherCode);
        if (List.of("REDEEMED", "IN_PROGRESS").contains(p.get("status"))) {
            jdbc.update("update purchase set status = 'IN_PROGRESS', progress_percent = greatest(progress_percent, ?) where id = ?",
                    percent, p.get("id"));
        }
        return state((UUID) p.get("id"));
    }

    @Transactional
    public VoucherState complete(String platform, String voucherCode, String certificateNumber, Instant completedAt,
            String eventId) {
        return completion(platform, voucherCode, certificateNumber, completedAt, eventId).state();
    }

    /**
     * A completion, whether reported by the platform's webhook or read from its list of completions: the same
     * rules, the same lock, so a completion that comes both ways is recorded (and announced) once.
     */
    @Transactional
    public Completion completion(String platform, String voucherCode, String certificateNumber, Instant completedAt,
            String eventId) {
        Map<String, Object> p = locked(platform, voucherCode);
        refuseIfRevokedOrNotRedeemed(p, voucherCode);
        UUID purchaseId = (UUID) p.get("id");
        String status = (String) p.get("status");
        if (List.of("COMPLETED", "RECONCILED").contains(status)) {
            if (certificateNumber.equals(p.get("certificate_number"))) {
                return new Completion(state(purchaseId), false);
            }
            throw new ProblemException(HttpStatus.CONFLICT, "ALREADY_COMPLETED", voucherCode);
        }
        // one completion of a certificate at a time: a second one with the same certificate (another voucher, so
        // another purchase's lock) waits here for the first to commit, then finds it and is refused below rather
        // than at the unique index (a generic conflict, and no refusal recorded)
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtextextended(?, 0)) is not null", Boolean.class,
                "certificate:" + platform + ":" + certificateNumber);
        Long usedElsewhere = jdbc.queryForObject(
                "select count(*) from purchase where platform_code = ? and certificate_number = ? and id <> ?", Long.class,
                platform, certificateNumber, purchaseId);
        if (usedElsewhere != null && usedElsewhere > 0) {
            throw new ProblemException(HttpStatus.CONFLICT, "CERTIFICATE_ALREADY_USED", certificateNumber);
        }
        Instant now = clock.instant();
        Instant at = completedAt == null || completedAt.isAfter(now) ? now : completedAt;
        try {
            jdbc.update("""
                    update purchase set status = 'COMPLETED', completed_at = ?, certificate_number = ?, completion_event_id = ?,
                           progress_percent = 100 where id = ?""", Timestamp.from(at), certificateNumber, eventId, purchaseId);
        } catch (DuplicateKeyException e) {
            // the index's word, should a writer ever come past the lock above
            if ("purchase_certificate".equals(DatabaseErrors.constraintOf(e))) {
                throw new ProblemException(HttpStatus.CONFLICT, "CERTIFICATE_ALREADY_USED", certificateNumber);
            }
            throw e;
        }
        UUID participant = (UUID) p.get("participant_id");
        outbox.publish(EventEnvelope.of(new TrainingCompletionReported(purchaseId, (String) p.get("training_id"), platform,
                (Boolean) p.get("first_training"), at), participant, purchaseId, null, now));
        if (!reconciliation.reconcileIfComplete(purchaseId, now)) {
            notices.record(participant, "completed:" + purchaseId,
                    "Pelatihan Anda tercatat selesai (sertifikat " + certificateNumber + "). Beri rating dan ulasan di "
                            + "dashboard Prakerja agar insentif dapat diproses.",
                    "Pelatihan selesai: beri rating dan ulasan",
                    "Penyelesaian pelatihan Anda sudah tercatat dengan nomor sertifikat " + certificateNumber + ".\n"
                            + "Langkah berikutnya: beri rating (1-5) dan ulasan untuk pelatihan ini.\n\n"
                            + "Your completion is recorded; please rate and review the training.",
                    now);
        }
        log.info("purchase {} completed on {}", purchaseId, platform);
        return new Completion(state(purchaseId), true);
    }

    private void refuseIfRevokedOrNotRedeemed(Map<String, Object> p, String voucherCode) {
        if (p.get("revoked_at") != null) {
            throw new ProblemException(HttpStatus.CONFLICT, "PARTICIPANT_REVOKED");
        }
        switch ((String) p.get("status")) {
            case "RESERVED" -> throw new ProblemException(HttpStatus.CONFLICT, "VOUCHER_NOT_REDEEMED", voucherCode);
            case "EXPIRED" -> throw new ProblemException(HttpStatus.CONFLICT, "VOUCHER_EXPIRED", voucherCode);
            case "VOIDED" -> throw new ProblemException(HttpStatus.CONFLICT, "VOUCHER_VOID", voucherCode);
            default -> {
            }
        }
    }

    private Map<String, Object> locked(String platform, String voucherCode) {
        Map<String, Object> p = jdbc.queryForList("""
                select pu.id, pu.participant_id, pu.platform_code, pu.status, pu.voucher_expires_at, pu.ledger_transaction,
                       pu.redeem_event_id, pu.certificate_number, pu.training_id, pu.first_training, pa.revoked_at
                  from purchase pu join participant pa on pa.id = pu.participant_id
                 where pu.voucher_code = ? for update of pu""", voucherCode).stream().findFirst()
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "VOUCHER_UNKNOWN", voucherCode));
        if (!platform.equals(p.get("platform_code"))) {
            // the voucher exists, but not on this platform: as far as this platform goes, it is unknown
            log.warn("platform {} reported voucher of purchase {} that belongs to another platform", platform, p.get("id"));
            throw new ProblemException(HttpStatus.FORBIDDEN, "VOUCHER_OF_ANOTHER_PLATFORM", voucherCode);
        }
        return p;
    }

    private VoucherState state(UUID purchaseId) {
        return jdbc.queryForObject("""
                select voucher_code, id, training_id, status, progress_percent, certificate_number from purchase where id = ?""",
                (rs, i) -> new VoucherState(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getString(6)), purchaseId);
    }
}
