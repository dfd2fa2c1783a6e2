package id.go.prakerja.events;

import id.go.prakerja.events.cohort.CohortKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventCatalogueTest {

    /** events.md, type by type. Changing this list is changing the contract between services. */
    private static final Map<String, String> CATALOGUE = new LinkedHashMap<>();

    static {
        List.of("ParticipantRegistered", "ParticipantProfileUpdated", "ParticipantRevoked", "GrievanceFiled",
                        "GrievanceAnswered", "GrievanceEscalated", "GrievanceResolved")
                .forEach(t -> CATALOGUE.put(t, Topics.REGISTRATION));
        List.of("VerificationLayerPassed", "VerificationLayerFailed", "ParticipantVerified", "ParticipantRejected",
                        "VerificationReviewQueued")
                .forEach(t -> CATALOGUE.put(t, Topics.VERIFICATION));
        List.of("WaveOpened", "WaveClosed", "ParticipantSelected", "ParticipantNotSelected", "WaveJoined")
                .forEach(t -> CATALOGUE.put(t, Topics.COHORT));
        List.of("TrainingPurchased", "BalanceForfeited", "TrainingCompletionReconciled",
                        "TrainingCompletionReported", "TrainingRated", "VoucherLapsed")
                .forEach(t -> CATALOGUE.put(t, Topics.TRAINING));
        List.of("PayoutAccountLinkRequested", "DisbursementRequested", "IncentiveEntitled", "IntegritySignalRaised",
                        "IntegritySignalCleared", "IntegritySignalConfirmed")
                .forEach(t -> CATALOGUE.put(t, Topics.INCENTIVE));
        List.of("PayoutAccountVerified", "PayoutAccountRejected", "DisbursementSucceeded", "DisbursementFailed",
                        "DisbursementOutcomeUnknown", "SettlementReconciled")
                .forEach(t -> CATALOGUE.put(t, Topics.PAYMENT));
        CATALOGUE.put("SurveyCompleted", Topics.SURVEY);
        CATALOGUE.put("OperatorActionRecorded", Topics.OPERATIONS);
    }

    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    static List<String> registeredTypes() {
        return EventTypes.all().stream().map(EventType::name).toList();
    }

    @Test
    void the_registry_holds_exactly_the_events_of_the_catalogue() {
        Map<String, String> registered = new LinkedHashMap<>();
        EventTypes.all().forEach(t -> registered.put(t.name(), t.topic()));

        assertThat(registered).containsExactlyEntriesOf(CATALOGUE);
    }

    @Test
    void every_type_is_named_after_its_record_at_version_1_in_its_producers_package() {
        assertThat(EventTypes.all()).allSatisfy(type -> {
            assertThat(type.name()).isEqualTo(type.recordClass().getSimpleName());
            assertThat(type.version()).isEqualTo(1);
            assertThat(type.recordClass().isRecord()).isTrue();
            String context = type.topic().split("\\.")[1];
            assertThat(type.recordClass().getPackageName()).isEqualTo("id.go.prakerja.events." + context);
            assertThat(EventTypes.of(type.recordClass())).isSameAs(type);
            assertThat(EventTypes.byName(type.name())).containsSame(type);
        });
    }

    @Test
    void a_class_outside_the_catalogue_has_no_type() {
        assertThatIllegalArgumentException().isThrownBy(() -> EventTypes.of(String.class));
        assertThat(EventTypes.byName("ParticipantTeleported")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registeredTypes")
    void every_event_has_a_stable_sample_that_round_trips(String type) {
        byte[] sample = Samples.of(type);
        assertThat(sample).as("src/test/resources/samples/%s.json", type).isNotNull();

        EventEnvelope<DomainEvent> envelope = EventJson.read(sample).orElseThrow();

        assertThat(envelope.type()).isEqualTo(type);
        assertThat(envelope.payload()).isInstanceOf(EventTypes.byName(type).orElseThrow().recordClass());
        assertThat(PLAIN.readTree(EventJson.write(envelope))).isEqualTo(PLAIN.readTree(sample));
    }

    @Test
    void a_settlement_reconciliation_is_keyed_by_its_partner_and_day() {
        EventEnvelope<DomainEvent> envelope = EventJson.read(Samples.of("SettlementReconciled")).orElseThrow();
        var reconciled = envelope.as(id.go.prakerja.events.payment.SettlementReconciled.class).payload();
        assertThat(envelope.participantId()).isEqualTo(
                id.go.prakerja.events.payment.SettlementReconciled.key(reconciled.partner(), reconciled.businessDay()));
        assertThat(reconciled.mismatches()).isEqualTo(4);
    }

    @Test
    void wave_events_are_keyed_by_the_wave_key() {
        for (String type : List.of("WaveOpened", "WaveClosed")) {
            EventEnvelope<DomainEvent> envelope = EventJson.read(Samples.of(type)).orElseThrow();
            assertThat(envelope.participantId()).as(type).isEqualTo(CohortKeys.waveKey(1));
        }
    }
}
