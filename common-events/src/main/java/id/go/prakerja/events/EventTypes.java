package id.go.prakerja.events;

import id.go.prakerja.events.cohort.ParticipantNotSelected;
import id.go.prakerja.events.cohort.ParticipantSelected;
import id.go.prakerja.events.cohort.WaveClosed;
import id.go.prakerja.events.cohort.WaveJoined;
import id.go.prakerja.events.cohort.WaveOpened;
import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.IncentiveEntitled;
import id.go.prakerja.events.incentive.IntegritySignalCleared;
import id.go.prakerja.events.incentive.IntegritySignalConfirmed;
import id.go.prakerja.events.incentive.IntegritySignalRaised;
import id.go.prakerja.events.incentive.PayoutAccountLinkRequested;
import id.go.prakerja.events.operations.OperatorActionRecorded;
import id.go.prakerja.events.payment.DisbursementFailed;
import id.go.prakerja.events.payment.DisbursementOutcomeUnknown;
import id.go.prakerja.events.payment.DisbursementSucceeded;
import id.go.prakerja.events.payment.PayoutAccountRejected;
import id.go.prakerja.events.payment.PayoutAccountVerified;
import id.go.prakerja.events.payment.SettlementReconciled;
import id.go.prakerja.events.registration.GrievanceAnswered;
import id.go.prakerja.events.registration.GrievanceEscalated;
import id.go.prakerja.events.registration.GrievanceFiled;
import id.go.prakerja.events.registration.GrievanceResolved;
import id.go.prakerja.events.registration.ParticipantProfileUpdated;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.events.registration.ParticipantRevoked;
import id.go.prakerja.events.survey.SurveyCompleted;
import id.go.prakerja.events.training.BalanceForfeited;
import id.go.prakerja.events.training.TrainingCompletionReconciled;
import id.go.prakerja.events.training.TrainingCompletionReported;
import id.go.prakerja.events.training.TrainingPurchased;
import id.go.prakerja.events.training.TrainingRated;
import id.go.prakerja.events.training.VoucherLapsed;
import id.go.prakerja.events.verification.ParticipantRejected;
import id.go.prakerja.events.verification.ParticipantVerified;
import id.go.prakerja.events.verification.VerificationLayerFailed;
import id.go.prakerja.events.verification.VerificationLayerPassed;
import id.go.prakerja.events.verification.VerificationReviewQueued;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The catalogue of events/events.md: every payload record, its wire name, version and topic. */
public final class EventTypes {

    private static final List<EventType> ALL = List.of(
            v1(ParticipantRegistered.class, Topics.REGISTRATION),
            v1(ParticipantProfileUpdated.class, Topics.REGISTRATION),
            v1(ParticipantRevoked.class, Topics.REGISTRATION),
            v1(GrievanceFiled.class, Topics.REGISTRATION),
            v1(GrievanceAnswered.class, Topics.REGISTRATION),
            v1(GrievanceEscalated.class, Topics.REGISTRATION),
            v1(GrievanceResolved.class, Topics.REGISTRATION),

            v1(VerificationLayerPassed.class, Topics.VERIFICATION),
            v1(VerificationLayerFailed.class, Topics.VERIFICATION),
            v1(ParticipantVerified.class, Topics.VERIFICATION),
            v1(ParticipantRejected.class, Topics.VERIFICATION),
            v1(VerificationReviewQueued.class, Topics.VERIFICATION),

            v1(WaveOpened.class, Topics.COHORT),
            v1(WaveClosed.class, Topics.COHORT),
            v1(ParticipantSelected.class, Topics.COHORT),
            v1(ParticipantNotSelected.class, Topics.COHORT),
            v1(WaveJoined.class, Topics.COHORT),

            v1(TrainingPurchased.class, Topics.TRAINING),
            v1(BalanceForfeited.class, Topics.TRAINING),
            v1(TrainingCompletionReconciled.class, Topics.TRAINING),
            v1(TrainingCompletionReported.class, Topics.TRAINING),
            v1(TrainingRated.class, Topics.TRAINING),
            v1(VoucherLapsed.class, Topics.TRAINING),

            v1(PayoutAccountLinkRequested.class, Topics.INCENTIVE),
            v1(DisbursementRequested.class, Topics.INCENTIVE),
            v1(IncentiveEntitled.class, Topics.INCENTIVE),
            v1(IntegritySignalRaised.class, Topics.INCENTIVE),
            v1(IntegritySignalCleared.class, Topics.INCENTIVE),
            v1(IntegritySignalConfirmed.class, Topics.INCENTIVE),

            v1(PayoutAccountVerified.class, Topics.PAYMENT),
            v1(PayoutAccountRejected.class, Topics.PAYMENT),
            v1(DisbursementSucceeded.class, Topics.PAYMENT),
            v1(DisbursementFailed.class, Topics.PAYMENT),
            v1(DisbursementOutcomeUnknown.class, Topics.PAYMENT),
            v1(SettlementReconciled.class, Topics.PAYMENT),

            v1(SurveyCompleted.class, Topics.SURVEY),

            v1(OperatorActionRecorded.class, Topics.OPERATIONS));

    private static final Map<String, EventType> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::recordClass, Function.identity()));

    private EventTypes() {
    }

    private static EventType v1(Class<? extends DomainEvent> recordClass, String topic) {
        return new EventType(recordClass.getSimpleName(), 1, recordClass, topic);
    }

    /** @throws IllegalArgumentException if the class is not a registered event record */
    public static EventType of(Class<?> recordClass) {
        EventType type = BY_CLASS.get(recordClass);
        if (type == null) {
            throw new IllegalArgumentException("not a registered event: " + recordClass.getName());
        }
        return type;
    }

    /** Empty for a type this version of the catalogue does not know; consumers ignore those. */
    public static Optional<EventType> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** In catalogue order. */
    public static List<EventType> all() {
        return ALL;
    }
}
