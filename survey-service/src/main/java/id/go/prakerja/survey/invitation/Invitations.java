package id.go.prakerja.survey.invitation;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.incentive.IncentiveKind;
import id.go.prakerja.events.payment.DisbursementSucceeded;
import id.go.prakerja.events.registration.ParticipantProfileUpdated;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.events.registration.ParticipantRevoked;
import id.go.prakerja.events.training.TrainingCompletionReconciled;
import id.go.prakerja.survey.SurveyProperties;
import id.go.prakerja.survey.definition.SurveyCatalogue;
import id.go.prakerja.survey.notification.Notices;

/**
 * Opens a participant's surveys: survey 1 when their first post-training tranche is paid, surveys 2
 * and 3 at the configured offsets after it. The paid tranche is recognised by its deterministic
 * instruction id ({@code <participant>:POST_TRAINING:1}, see {@code DisbursementRequested.instructionId}),
 * so this service needs nothing from the incentive service's topic. Also keeps contacts, the first
 * training and revocations. Runs in the consumer's transaction.
 */
@Service
public class Invitations {

    private static final Logger log = LoggerFactory.getLogger(Invitations.class);

    private final JdbcTemplate jdbc;
    private final SurveyProperties settings;
    private final Notices notices;

    public Invitations(JdbcTemplate jdbc, SurveyProperties settings, Notices notices) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.notices = notices;
    }

    /** Whether an instruction id names the first post-training tranche of this participant. */
    public static boolean isFirstPostTrainingTranche(String instructionId, UUID participantId) {
        String[] parts = instructionId.split(":");
        return parts.length == 3 && parts[0].equals(participantId.toString())
                && parts[1].equals(IncentiveKind.POST_TRAINING.name()) && parts[2].equals("1");
    }

    private void ensureExists(UUID participantId) {
        jdbc.update("insert into participant (participant_id) values (?) on conflict do nothing", participantId);
    }

    public void registered(EventEnvelope<ParticipantRegistered> event) {
        ensureExists(event.participantId());
        jdbc.update("update participant set phone = ?, email = ? where participant_id = ?", event.payload().phone(),
                event.payload().email(), event.participantId());
    }

    /**
     * The registrations of one batch at once, with the effect of {@link #registered} one after
     * another: a participant registered twice keeps the later contacts. One statement for all.
     */
    public void registeredAll(List<EventEnvelope<ParticipantRegistered>> events) {
        Map<UUID, ParticipantRegistered> latest = new TreeMap<>(); // rows locked in one order
        events.forEach(event -> latest.put(event.participantId(), event.payload()));
        jdbc.update(con -> {
            PreparedStatement upsert = con.prepareStatement("""
                    insert into participant (participant_id, phone, email)
                    select * from unnest(?::uuid[], ?::varchar[], ?::varchar[])
                    on conflict (participant_id) do update set phone = excluded.phone, email = excluded.email""");
            upsert.setArray(1, con.createArrayOf("uuid", latest.keySet().toArray()));
            upsert.setArray(2, con.createArrayOf("varchar", latest.values().stream().map(ParticipantRegistered::phone).toArray()));
            upsert.setArray(3, con.createArrayOf("varchar", latest.values().stream().map(ParticipantRegistered::email).toArray()));
            return upsert;
        });
    }

    public void profileUpdated(EventEnvelope<ParticipantProfileUpdated> event) {
        Map<String, String> changed = event.payload().changedFields();
        ensureExists(event.participantId());
        for (String field : new String[] {"phone", "email"}) {
            if (changed.containsKey(field)) {
                jdbc.update("update participant set " + field + " = ? where participant_id = ?", changed.get(field),
                        event.participantId());
            }
        }
    }

    public void revoked(EventEnvelope<ParticipantRevoked> event) {
        ensureExists(event.participantId());
        jdbc.update("update participant set revoked_at = coalesce(revoked_at, ?) where participant_id = ?",
                Timestamp.from(event.payload().revokedAt()), event.participantId());
    }

    public void trainingReconciled(EventEnvelope<TrainingCompletionReconciled> event) {
        if (!event.payload().firstTraining()) {
            return;
        }
        ensureExists(event.participantId());
        jdbc.update("""
                update participant set first_training_id = ?, first_platform_code = ?
                 where participant_id = ? and first_training_id is null""",
                event.payload().trainingId(), event.payload().platformCode(), event.participantId());
    }

    public void disbursementSucceeded(EventEnvelope<DisbursementSucceeded> event) {
        UUID participant = event.participantId();
        if (!isFirstPostTrainingTranche(event.payload().instructionId(), participant)) {
            return;
        }
        ensureExists(participant);
        Instant first = event.payload().settledAt();
        for (var survey : SurveyCatalogue.SURVEYS) {
            Instant opensAt = first.plus(settings.opensAfterFirst(survey.number()));
            int opened = jdbc.update("""
                    insert into invitation (participant_id, survey_number, opens_at) values (?, ?, ?) on conflict do nothing""",
                    participant, survey.number(), Timestamp.from(opensAt));
            if (opened == 1) {
                notices.surveyOpens(participant, survey, opensAt);
            }
        }
        log.info("first incentive of {} paid: surveys open from {}", participant, first);
    }
}
