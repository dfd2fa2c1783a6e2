package id.go.prakerja.payment.disbursement;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.payment.snap.SnapSignatures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Records a disbursement request as a payment to send; calls nobody. Runs inside the consumer's
 * transaction, so a redelivered, replayed or re-published request finds its payment: the same
 * content changes nothing; other content under the same instruction id is refused, recorded for
 * operators and logged as an alert, and never paid.
 */
@Component
public class DisbursementIntake {

    private static final Logger log = LoggerFactory.getLogger(DisbursementIntake.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Counter conflicts;

    public DisbursementIntake(JdbcTemplate jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.conflicts = Counter.builder("prakerja.payment.conflicting.requests")
                .description("disbursement requests refused because their instruction id was known with other content")
                .register(meters);
    }

    public void receive(EventEnvelope<DisbursementRequested> event) {
        DisbursementRequested request = event.payload();
        Instant now = clock.instant();
        String hash = contentHash(event);
        int inserted = jdbc.update("""
                insert into payment (instruction_id, participant_id, correlation_id, request_event_id, partner, kind,
                    sequence, amount, account_number, content_hash, attempt, partner_reference_no, status, due_at,
                    created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, 'RECEIVED', ?, ?, ?)
                on conflict (instruction_id) do nothing""",
                request.instructionId(), event.participantId(), event.correlationId(), event.eventId(),
                request.partner().name(), request.kind().name(), request.sequence(), request.amount(),
                request.accountNumber().trim(), hash, PaymentReferences.of(request.instructionId(), 1),
                Timestamp.from(now), Timestamp.from(now), Timestamp.from(now));
        if (inserted == 1) {
            jdbc.update("insert into payment_transition (instruction_id, from_status, to_status, cause, raw_code, at) values (?, null, 'RECEIVED', ?, null, ?)",
                    request.instructionId(), "requested (event " + event.eventId() + ")", Timestamp.from(now));
            return;
        }
        String known = jdbc.queryForObject("select content_hash from payment where instruction_id = ?", String.class,
                request.instructionId());
        if (hash.equals(known)) {
            log.debug("disbursement {} requested again with the same content: nothing to do", request.instructionId());
            return;
        }
        jdbc.update("insert into payment_conflict (instruction_id, event_id, content_hash, detail, received_at) values (?, ?, ?, ?, ?)",
                request.instructionId(), event.eventId(), hash,
                "same instruction id, other content: kind " + request.kind() + ", sequence " + request.sequence()
                        + ", amount " + request.amount() + ", partner " + request.partner(), Timestamp.from(now));
        conflicts.increment();
        log.error("ALERT disbursement {} requested again with OTHER content (event {}): refused, not paid; see /admin/payments/{}",
                request.instructionId(), event.eventId(), request.instructionId());
    }

    static String contentHash(EventEnvelope<DisbursementRequested> event) {
        DisbursementRequested r = event.payload();
        return SnapSignatures.sha256Hex(event.participantId() + "|" + r.kind() + "|" + r.sequence() + "|" + r.amount()
                + "|" + r.partner() + "|" + r.accountNumber().trim());
    }
}
