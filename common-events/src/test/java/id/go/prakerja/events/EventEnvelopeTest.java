package id.go.prakerja.events;

import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.IncentiveKind;
import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.events.survey.SurveyCompleted;
import id.go.prakerja.events.verification.ParticipantVerified;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventEnvelopeTest {

    private static final UUID PARTICIPANT = UUID.fromString("5f0c2a8e-1b7d-4c3e-9a61-2d8f4b7e0c19");
    private static final UUID CORRELATION = UUID.fromString("c7e1d2a0-4b5f-4e8a-b3c9-6f1a2d3e4b5c");
    private static final Instant AT = Instant.parse("2020-04-28T02:00:00Z");

    private static final DisbursementRequested FIRST_TRANCHE = new DisbursementRequested(
            DisbursementRequested.instructionId(PARTICIPANT, IncentiveKind.POST_TRAINING, 1),
            IncentiveKind.POST_TRAINING, 1, 600_000, PayoutPartner.OVO,
            "enc:v1:k1:Ab3xQ9wAAAEHmZ2L0c4PqR7sVt1WyXz5aBcDeFgHiJkLmNoPqRsTuVwXyZ0=");

    @Test
    void of_takes_type_version_and_topic_from_the_registry() {
        EventEnvelope<DisbursementRequested> envelope = EventEnvelope.of(FIRST_TRANCHE, PARTICIPANT, CORRELATION, null, AT);

        assertThat(envelope.type()).isEqualTo("DisbursementRequested");
        assertThat(envelope.version()).isEqualTo(1);
        assertThat(envelope.topic()).isEqualTo(Topics.INCENTIVE);
        assertThat(envelope.eventId()).isNotNull();
        assertThat(envelope.causationId()).isNull();
    }

    @Test
    void cause_keeps_the_participant_and_correlation_and_points_at_its_cause() {
        EventEnvelope<DisbursementRequested> request = EventEnvelope.of(FIRST_TRANCHE, PARTICIPANT, CORRELATION, null, AT);

        EventEnvelope<SurveyCompleted> followUp = request.cause(new SurveyCompleted(1, AT.plusSeconds(60)), AT.plusSeconds(60));

        assertThat(followUp.participantId()).isEqualTo(PARTICIPANT);
        assertThat(followUp.correlationId()).isEqualTo(CORRELATION);
        assertThat(followUp.causationId()).isEqualTo(request.eventId());
        assertThat(followUp.eventId()).isNotEqualTo(request.eventId());
        assertThat(followUp.type()).isEqualTo("SurveyCompleted");
        assertThat(followUp.occurredAt()).isEqualTo(AT.plusSeconds(60));
    }

    @Test
    void every_field_but_the_causation_is_required() {
        ParticipantVerified payload = new ParticipantVerified(AT);
        UUID id = UUID.randomUUID();
        String type = "ParticipantVerified";

        assertThatIllegalArgumentException().isThrownBy(() -> new EventEnvelope<>(null, type, 1, AT, PARTICIPANT, CORRELATION, null, payload));
        assertThatIllegalArgumentException().isThrownBy(() -> new EventEnvelope<>(id, null, 1, AT, PARTICIPANT, CORRELATION, null, payload));
        assertThatIllegalArgumentException().isThrownBy(() -> new EventEnvelope<>(id, type, 0, AT, PARTICIPANT, CORRELATION, null, payload));
        assertThatIllegalArgumentException().isThrownBy(() -> new EventEnvelope<>(id, type, 1, null, PARTICIPANT, CORRELATION, null, payload));
        assertThatIllegalArgumentException().isThrownBy(() -> new EventEnvelope<>(id, type, 1, AT, null, CORRELATION, null, payload));
        assertThatIllegalArgumentException().isThrownBy(() -> new EventEnvelope<>(id, type, 1, AT, PARTICIPANT, null, null, payload));
        assertThatIllegalArgumentException().isThrownBy(() -> new EventEnvelope<>(id, type, 1, AT, PARTICIPANT, CORRELATION, null, null));
    }

    @Test
    void the_type_must_name_the_payload_record() {
        assertThatIllegalArgumentException().isThrownBy(() -> new EventEnvelope<>(
                UUID.randomUUID(), "ParticipantRejected", 1, AT, PARTICIPANT, CORRELATION, null, new ParticipantVerified(AT)));
    }

    @Test
    void a_payload_outside_the_catalogue_cannot_be_enveloped() {
        record Unregistered() implements DomainEvent {
        }
        assertThatIllegalArgumentException().isThrownBy(
                () -> EventEnvelope.of(new Unregistered(), PARTICIPANT, CORRELATION, null, AT));
    }
}
