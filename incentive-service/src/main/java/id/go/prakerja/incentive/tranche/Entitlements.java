package id.go.prakerja.incentive.tranche;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.IncentiveEntitled;
import id.go.prakerja.events.incentive.IncentiveKind;
import id.go.prakerja.events.survey.SurveyCompleted;
import id.go.prakerja.events.training.TrainingCompletionReconciled;
import id.go.prakerja.incentive.IncentiveProperties;
import id.go.prakerja.incentive.participant.ParticipantRecords;
import id.go.prakerja.support.outbox.Outbox;

/**
 * Creates the tranches a participant is entitled to: four post-training tranches when the first
 * training is reconciled (a later training adds nothing), one survey tranche per completed
 * survey. Each tranche is one row under its deterministic instruction id, so a redelivered or
 * duplicated event finds it already there. Runs in the consumer's transaction; a tranche that
 * is created announces itself ({@link IncentiveEntitled}, same instruction id as its later
 * {@link DisbursementRequested}) through the outbox in that transaction, so once per tranche.
 */
@Service
public class Entitlements {

    private static final Logger log = LoggerFactory.getLogger(Entitlements.class);

    private final JdbcTemplate jdbc;
    private final ParticipantRecords participants;
    private final IncentiveProperties settings;
    private final Outbox outbox;
    private final Clock clock;

    public Entitlements(JdbcTemplate jdbc, ParticipantRecords participants, IncentiveProperties settings, Outbox outbox,
            Clock clock) {
        this.jdbc = jdbc;
        this.participants = participants;
        this.settings = settings;
        this.outbox = outbox;
        this.clock = clock;
    }

    public void trainingReconciled(EventEnvelope<TrainingCompletionReconciled> event) {
        TrainingCompletionReconciled reconciled = event.payload();
        UUID participant = event.participantId();
        if (!reconciled.firstTraining()) {
            log.info("training {} of {} is not the first; the incentive is unchanged", reconciled.purchaseId(), participant);
            return;
        }
        participants.ensureExists(participant);
        Instant entitledAt = event.occurredAt();
        int entitled = jdbc.update("""
                update participant set entitled_at = ?, first_purchase_id = ?, first_training_id = ?, first_platform_code = ?
                 where participant_id = ? and entitled_at is null""",
                Timestamp.from(entitledAt), reconciled.purchaseId(), reconciled.trainingId(), reconciled.platformCode(),
                participant);
        if (entitled == 0) {
            log.info("{} is already entitled; reconciliation of {} changes nothing", participant, reconciled.purchaseId());
            return;
        }
        if (revoked(participant)) {
            log.info("{} is revoked; the reconciled first training entitles to nothing further", participant);
            return;
        }
        List<Instant> dates = settings.incentiveSchedule().postTraining(entitledAt);
        for (int n = 1; n <= dates.size(); n++) {
            insert(event, IncentiveKind.POST_TRAINING, n, settings.postTrainingAmount(), dates.get(n - 1));
        }
        log.info("{} entitled to {} post-training tranches, the first due {}", participant, dates.size(), dates.getFirst());
    }

    public void surveyCompleted(EventEnvelope<SurveyCompleted> event) {
        UUID participant = event.participantId();
        participants.ensureExists(participant);
        if (revoked(participant)) {
            log.info("{} is revoked; survey {} earns nothing further", participant, event.payload().surveyNumber());
            return;
        }
        Instant due = settings.incentiveSchedule().survey(event.payload().completedAt());
        if (insert(event, IncentiveKind.SURVEY, event.payload().surveyNumber(), settings.surveyAmount(), due)) {
            log.info("{} completed survey {}; its incentive is due {}", participant, event.payload().surveyNumber(), due);
        }
    }

    /** Creates the tranche unless it exists; only a created one is announced, entitled when its cause happened. */
    private boolean insert(EventEnvelope<?> cause, IncentiveKind kind, int sequence, long amount, Instant due) {
        UUID participant = cause.participantId();
        String instructionId = DisbursementRequested.instructionId(participant, kind, sequence);
        boolean created = jdbc.update("""
                insert into tranche (instruction_id, participant_id, kind, sequence, amount, due_at, status, created_at)
                values (?, ?, ?, ?, ?, ?, 'SCHEDULED', ?) on conflict do nothing""",
                instructionId, participant, kind.name(), sequence, amount,
                Timestamp.from(due), Timestamp.from(clock.instant())) == 1;
        if (created) {
            Instant entitledAt = cause.occurredAt();
            outbox.publish(cause.cause(new IncentiveEntitled(instructionId, kind, sequence, amount, due, entitledAt),
                    entitledAt));
        }
        return created;
    }

    private boolean revoked(UUID participant) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select revoked_at is not null from participant where participant_id = ?", Boolean.class, participant));
    }
}
