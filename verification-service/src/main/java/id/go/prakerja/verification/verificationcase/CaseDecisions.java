package id.go.prakerja.verification.verificationcase;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.verification.VerificationLayer;
import id.go.prakerja.support.outbox.Outbox;
import id.go.prakerja.verification.VerificationProperties;

/**
 * Applies a decision to a case in the caller's transaction: the transition, one row of history
 * (what the counts per layer and reason are made of), and the events, through the outbox. All
 * events of one participant's journey share the registration event as correlation id.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class CaseDecisions {

    private static final Logger log = LoggerFactory.getLogger(CaseDecisions.class);
    private static final String AUTOMATION = "automation";

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final VerificationProperties settings;
    private final Clock clock;

    public CaseDecisions(JdbcTemplate jdbc, Outbox outbox, VerificationProperties settings,
            Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    public void passed(VerificationCase c, VerificationLayer layer, String detail) {
        Instant now = clock.instant();
        List<DomainEvent> events = c.pass(layer, now);
        record(c, layer, c.progress(layer).attempts(), "PASSED", null, detail, AUTOMATION, now);
        publish(c, events, now);
        log.info("verification of {}: {} passed{}", c.participantId(), layer,
                c.status() == VerificationCase.Status.VERIFIED ? ", participant verified" : "");
    }

    public void failed(VerificationCase c, VerificationLayer layer, String reasonCode, String detail) {
        Instant now = clock.instant();
        List<DomainEvent> events = c.fail(layer, reasonCode, settings.maxAttempts().of(layer), now);
        record(c, layer, c.progress(layer).attempts(), "FAILED", reasonCode, detail, AUTOMATION, now);
        publish(c, events, now);
        log.info("verification of {}: {} attempt {} failed ({}){}", c.participantId(), layer,
                c.progress(layer).attempts(), reasonCode,
                c.status() == VerificationCase.Status.IN_REVIEW ? ", no attempts left: to review" : "");
    }

    public void review(VerificationCase c, VerificationLayer layer, String reasonCode, String detail) {
        Instant now = clock.instant();
        DomainEvent queued = c.review(layer, reasonCode, now);
        record(c, layer, c.progress(layer).attempts() + 1, "REVIEW", reasonCode, detail, AUTOMATION, now);
        publish(c, List.of(queued), now);
        log.info("verification of {}: {} undecided ({}), to review", c.participantId(), layer, reasonCode);
    }

    public void approved(VerificationCase c, String operator, String note) {
        Instant now = clock.instant();
        VerificationLayer layer = c.reviewLayer();
        List<DomainEvent> events = c.approve(operator, now);
        record(c, layer, c.progress(layer).attempts(), "APPROVED", null, note, operator, now);
        publish(c, events, now);
        log.info("verification of {}: {} approved by {}", c.participantId(), layer, operator);
    }

    public void rejected(VerificationCase c, String reasonCode, String operator, String note) {
        Instant now = clock.instant();
        VerificationLayer layer = c.currentLayer();
        List<DomainEvent> events = c.reject(reasonCode, operator, now);
        record(c, layer, c.progress(layer).attempts(), "REJECTED", reasonCode, note, operator, now);
        publish(c, events, now);
        log.info("verification of {}: rejected at {} by {} ({})", c.participantId(), layer, operator, reasonCode);
    }

    private void record(VerificationCase c, VerificationLayer layer, int attempt, String outcome, String reasonCode,
            String detail, String decidedBy, Instant at) {
        jdbc.update("insert into verification_attempt (participant_id, layer, attempt, outcome, reason_code, detail, "
                + "decided_by, decided_at) values (?, ?, ?, ?, ?, ?, ?, ?)", c.participantId(), layer.name(),
                Math.max(attempt, 1), outcome, reasonCode, detail == null ? null : truncate(detail), decidedBy,
                Timestamp.from(at));
    }

    private void publish(VerificationCase c, List<DomainEvent> events, Instant now) {
        for (DomainEvent event : events) {
            outbox.publish(EventEnvelope.of(event, c.participantId(), c.openedByEvent(), null, now));
        }
    }

    private static String truncate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500);
    }
}
