package id.go.prakerja.incentive.approval;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import id.go.prakerja.incentive.integrity.IntegritySignals;
import id.go.prakerja.incentive.integrity.SharedPayoutAccount;
import id.go.prakerja.incentive.payout.ApprovalSetting;
import id.go.prakerja.incentive.tranche.HeldTranches;
import id.go.prakerja.incentive.tranche.OperatorRetry;
import id.go.prakerja.support.audit.AuditTrail;
import id.go.prakerja.support.security.OperatorIdentity;
import id.go.prakerja.support.security.Roles;
import id.go.prakerja.support.web.ProblemException;

/**
 * Four eyes on money (architecture rule 9): switching payout-run approval, the budget, the guard's
 * maximum per participant, an operator's retry of a failed tranche, the release of a held one and
 * the clearance or confirmation of a participant an integrity signal involves are asked for by one
 * operator (PAYOUT_MAKER) and applied only when a different operator (PAYOUT_CHECKER) approves. Requests are kept with who asked, when, what (value before and
 * asked for) and why, and who decided. The request row's lock makes concurrent approvals queue:
 * the first applies the change, the others find it no longer pending.
 */
@Service
public class ChangeRequests {

    private static final Logger log = LoggerFactory.getLogger(ChangeRequests.class);
    public static final String APPROVAL_REQUIRED_SETTING = "approval-required";
    public static final String BUDGET_SETTING = "budget";
    public static final String MAX_PER_PARTICIPANT_SETTING = "max-per-participant";

    public enum Kind {
        APPROVAL_REQUIRED, BUDGET, MAX_PER_PARTICIPANT, TRANCHE_RETRY, TRANCHE_RELEASE, INTEGRITY_CLEAR, INTEGRITY_CONFIRM
    }

    public enum Status {
        PENDING, APPLIED, REJECTED
    }

    /** A request as operators see it. */
    public record ChangeRequest(long id, Kind kind, String target, UUID participantId, String currentValue,
            String requestedValue, String reason, Status status, String requestedBy, Instant requestedAt, String decidedBy,
            Instant decidedAt, String decisionNote) {
    }

    private final JdbcTemplate jdbc;
    private final ApprovalSetting settings;
    private final OperatorRetry retries;
    private final HeldTranches held;
    private final IntegritySignals integrity;
    private final AuditTrail audit;
    private final Clock clock;

    public ChangeRequests(JdbcTemplate jdbc, ApprovalSetting settings, OperatorRetry retries, HeldTranches held,
            IntegritySignals integrity, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.integrity = integrity;
        this.settings = settings;
        this.retries = retries;
        this.held = held;
        this.audit = audit;
        this.clock = clock;
    }

    /** Asks for new payout settings, one request per setting given; none is applied before a checker approves it. */
    @Transactional
    public List<ChangeRequest> requestSettings(Boolean approvalRequired, Long budget, Long maxPerParticipant, String reason,
            OperatorIdentity maker) {
        maker.require(Roles.PAYOUT_MAKER);
        List<ChangeRequest> requests = new ArrayList<>();
        if (approvalRequired != null) {
            requests.add(ask(Kind.APPROVAL_REQUIRED, APPROVAL_REQUIRED_SETTING, null,
                    Boolean.toString(settings.approvalRequired()), approvalRequired.toString(), reason, maker));
        }
        if (budget != null) {
            requests.add(ask(Kind.BUDGET, BUDGET_SETTING, null, Long.toString(settings.budget()), budget.toString(), reason,
                    maker));
        }
        if (maxPerParticipant != null) {
            requests.add(ask(Kind.MAX_PER_PARTICIPANT, MAX_PER_PARTICIPANT_SETTING, null,
                    Long.toString(settings.maxPerParticipant()), maxPerParticipant.toString(), reason, maker));
        }
        if (requests.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "CHANGE_REQUEST_EMPTY");
        }
        audit.target(requests.size() == 1 ? requests.getFirst().target() : "payout-settings");
        return requests;
    }

    /** Asks for a FAILED tranche to be sent back to the schedule; 409 unless it is failed now. */
    @Transactional
    public ChangeRequest requestRetry(String instructionId, String reason, OperatorIdentity maker) {
        maker.require(Roles.PAYOUT_MAKER);
        var tranche = tranche(instructionId);
        audit.target(instructionId).participant(tranche.participantId());
        if (!"FAILED".equals(tranche.status()) || tranche.revoked()) {
            throw HeldTranches.refusal(jdbc, instructionId, "TRANCHE_NOT_RETRYABLE");
        }
        return ask(Kind.TRANCHE_RETRY, instructionId, tranche.participantId(), "FAILED", "SCHEDULED", reason, maker);
    }

    /** Asks for the guard's hold on a HELD tranche to be lifted; 409 unless it is held now. */
    @Transactional
    public ChangeRequest requestRelease(String instructionId, String note, OperatorIdentity maker) {
        maker.require(Roles.PAYOUT_MAKER);
        var tranche = tranche(instructionId);
        audit.target(instructionId).participant(tranche.participantId());
        if (!"HELD".equals(tranche.status()) || tranche.revoked()) {
            throw HeldTranches.refusal(jdbc, instructionId, "TRANCHE_NOT_HELD");
        }
        if (IntegritySignals.HELD_REASON.equals(jdbc.queryForObject("select held_reason from tranche where instruction_id = ?",
                String.class, instructionId))) {
            // an integrity signal's hold is lifted by clearing the participant, never tranche by tranche
            throw new ProblemException(HttpStatus.CONFLICT, "TRANCHE_HELD_BY_INTEGRITY_SIGNAL", instructionId);
        }
        return ask(Kind.TRANCHE_RELEASE, instructionId, tranche.participantId(), "HELD", "SCHEDULED", note, maker);
    }

    /**
     * Asks for one participant of an integrity signal to be cleared or confirmed: 404 for an unknown
     * signal or a participant it does not involve, 409 once decided or while the other decision is
     * pending (the participant's row in the signal is locked, so a clearance and a confirmation
     * asked for at once cannot both wait).
     */
    @Transactional
    public ChangeRequest requestIntegrityDecision(long signalId, UUID participant, SharedPayoutAccount.Decision decision,
            String reason, OperatorIdentity maker) {
        maker.require(Roles.PAYOUT_MAKER);
        String target = IntegritySignals.target(signalId, participant);
        audit.target(target).participant(participant);
        integrity.lockUndecided(signalId, participant);
        Kind kind = decision == SharedPayoutAccount.Decision.CLEARED ? Kind.INTEGRITY_CLEAR : Kind.INTEGRITY_CONFIRM;
        List<Long> pending = jdbc.queryForList("select id from change_request where target = ? and status = 'PENDING'",
                Long.class, target);
        if (!pending.isEmpty()) {
            throw new ProblemException(HttpStatus.CONFLICT, "CHANGE_ALREADY_PENDING", target, pending.getFirst());
        }
        return ask(kind, target, participant, SharedPayoutAccount.Decision.OPEN.name(), decision.name(), reason, maker);
    }

    private record Tranche(String status, UUID participantId, boolean revoked) {
    }

    private Tranche tranche(String instructionId) {
        var rows = jdbc.query("""
                select t.status, t.participant_id, p.revoked_at is not null
                  from tranche t join participant p on p.participant_id = t.participant_id where t.instruction_id = ?""",
                (rs, i) -> new Tranche(rs.getString(1), rs.getObject(2, UUID.class), rs.getBoolean(3)), instructionId);
        if (rows.isEmpty()) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "TRANCHE_NOT_FOUND", instructionId);
        }
        return rows.getFirst();
    }

    private ChangeRequest ask(Kind kind, String target, UUID participant, String current, String requested, String reason,
            OperatorIdentity maker) {
        List<Long> ids = jdbc.queryForList("""
                insert into change_request (kind, target, participant_id, current_value, requested_value, reason, status,
                                            requested_by, requested_at)
                values (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)
                on conflict (kind, target) where status = 'PENDING' do nothing
                returning id""", Long.class,
                kind.name(), target, participant, current, requested, reason, maker.subject(), Timestamp.from(clock.instant()));
        if (ids.isEmpty()) {
            Long pending = jdbc.queryForObject("select id from change_request where kind = ? and target = ? and status = 'PENDING'",
                    Long.class, kind.name(), target);
            throw new ProblemException(HttpStatus.CONFLICT, "CHANGE_ALREADY_PENDING", target, pending);
        }
        long id = ids.getFirst();
        audit.action(kind + "_REQUESTED").reason(reason).before(target, current).after(target, requested)
                .after("changeRequest", id);
        log.info("change request {}: {} {} from {} to {} asked for by {}", id, kind, target, current, requested,
                maker.subject());
        return find(id);
    }

    /**
     * Applies a pending request: only a PAYOUT_CHECKER who did not ask for it (403
     * {@code FOUR_EYES_SAME_OPERATOR}). A change that no longer applies (the tranche moved on) is
     * refused as its action would be, and the request stays pending for a rejection.
     */
    @Transactional
    public ChangeRequest approve(long id, String note, OperatorIdentity checker) {
        ChangeRequest request = lockPending(id);
        if (request.requestedBy().equals(checker.subject())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "FOUR_EYES_SAME_OPERATOR", "change request " + id);
        }
        checker.require(Roles.PAYOUT_CHECKER);
        String by = request.requestedBy() + " (asked), " + checker.subject() + " (approved)";
        switch (request.kind()) {
            case APPROVAL_REQUIRED -> {
                boolean before = settings.approvalRequired();
                settings.set(Boolean.parseBoolean(request.requestedValue()), by);
                audit.change(request.target(), before, settings.approvalRequired());
            }
            case BUDGET -> {
                long before = settings.budget();
                settings.setBudget(Long.parseLong(request.requestedValue()), by);
                audit.change(request.target(), before, settings.budget());
            }
            case MAX_PER_PARTICIPANT -> {
                long before = settings.maxPerParticipant();
                settings.setMaxPerParticipant(Long.parseLong(request.requestedValue()), by);
                audit.change(request.target(), before, settings.maxPerParticipant());
            }
            case TRANCHE_RETRY -> {
                retries.retry(request.target(), by);
                audit.change("status", "FAILED", "SCHEDULED");
            }
            case TRANCHE_RELEASE -> {
                held.release(request.target(), request.reason(), by);
                audit.change("status", "HELD", "SCHEDULED");
            }
            case INTEGRITY_CLEAR, INTEGRITY_CONFIRM -> {
                var decision = request.kind() == Kind.INTEGRITY_CLEAR ? SharedPayoutAccount.Decision.CLEARED
                        : SharedPayoutAccount.Decision.CONFIRMED;
                integrity.decide(request.target(), decision, request.reason(), by);
                audit.change("decision", SharedPayoutAccount.Decision.OPEN.name(), decision.name());
            }
        }
        decide(id, Status.APPLIED, checker, note);
        audit.action(request.kind() + "_APPLIED").after("changeRequest", id).after("requestedBy", request.requestedBy());
        log.warn("change request {} ({} {} to {}) asked for by {} approved and applied by {}", id, request.kind(),
                request.target(), request.requestedValue(), request.requestedBy(), checker.subject());
        return find(id);
    }

    /** Turns a pending request down: a PAYOUT_CHECKER, or the operator who asked (withdrawing it). */
    @Transactional
    public ChangeRequest reject(long id, String note, OperatorIdentity operator) {
        ChangeRequest request = lockPending(id);
        if (!request.requestedBy().equals(operator.subject())) {
            operator.require(Roles.PAYOUT_CHECKER);
        }
        decide(id, Status.REJECTED, operator, note);
        audit.action(request.kind() + "_REJECTED").reason(note).after("changeRequest", id)
                .after("requestedBy", request.requestedBy());
        log.info("change request {} ({} {}) rejected by {}", id, request.kind(), request.target(), operator.subject());
        return find(id);
    }

    private ChangeRequest lockPending(long id) {
        var rows = jdbc.query("select " + COLUMNS + " from change_request where id = ? for update", this::map, id);
        if (rows.isEmpty()) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "CHANGE_REQUEST_NOT_FOUND", id);
        }
        ChangeRequest request = rows.getFirst();
        audit.target(request.target()).participant(request.participantId());
        if (request.status() != Status.PENDING) {
            throw new ProblemException(HttpStatus.CONFLICT, "CHANGE_REQUEST_NOT_PENDING", id, request.status(),
                    request.decidedBy());
        }
        return request;
    }

    private void decide(long id, Status status, OperatorIdentity operator, String note) {
        jdbc.update("update change_request set status = ?, decided_by = ?, decided_at = ?, decision_note = ? where id = ?",
                status.name(), operator.subject(), Timestamp.from(clock.instant()), note, id);
    }

    @Transactional(readOnly = true)
    public ChangeRequest find(long id) {
        var rows = jdbc.query("select " + COLUMNS + " from change_request where id = ?", this::map, id);
        if (rows.isEmpty()) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "CHANGE_REQUEST_NOT_FOUND", id);
        }
        return rows.getFirst();
    }

    /** Newest first, optionally of one status and one target. */
    @Transactional(readOnly = true)
    public List<ChangeRequest> list(Status status, String target, int limit, int offset) {
        List<Object> args = new ArrayList<>();
        List<String> where = new ArrayList<>();
        if (status != null) {
            where.add("status = ?");
            args.add(status.name());
        }
        if (target != null && !target.isBlank()) {
            where.add("target = ?");
            args.add(target);
        }
        args.add(limit);
        args.add(offset);
        return jdbc.query("select " + COLUMNS + " from change_request" + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by requested_at desc, id desc limit ? offset ?", this::map, args.toArray());
    }

    private static final String COLUMNS = "id, kind, target, participant_id, current_value, requested_value, reason, status, "
            + "requested_by, requested_at, decided_by, decided_at, decision_note";

    private ChangeRequest map(ResultSet rs, int i) throws SQLException {
        return new ChangeRequest(rs.getLong(1), Kind.valueOf(rs.getString(2)), rs.getString(3), rs.getObject(4, UUID.class),
                rs.getString(5), rs.getString(6), rs.getString(7), Status.valueOf(rs.getString(8)), rs.getString(9),
                rs.getTimestamp(10).toInstant(), rs.getString(11),
                rs.getTimestamp(12) == null ? null : rs.getTimestamp(12).toInstant(), rs.getString(13));
    }
}
