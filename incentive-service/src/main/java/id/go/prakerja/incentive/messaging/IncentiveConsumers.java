package id.go.prakerja.incentive.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import id.go.prakerja.events.Topics;
import id.go.prakerja.events.cohort.ParticipantSelected;
import id.go.prakerja.events.payment.DisbursementFailed;
import id.go.prakerja.events.payment.DisbursementOutcomeUnknown;
import id.go.prakerja.events.payment.DisbursementSucceeded;
import id.go.prakerja.events.payment.PayoutAccountRejected;
import id.go.prakerja.events.payment.PayoutAccountVerified;
import id.go.prakerja.events.registration.ParticipantProfileUpdated;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.events.registration.ParticipantRevoked;
import id.go.prakerja.events.survey.SurveyCompleted;
import id.go.prakerja.events.training.TrainingCompletionReconciled;
import id.go.prakerja.incentive.account.PayoutAccounts;
import id.go.prakerja.incentive.participant.ParticipantRecords;
import id.go.prakerja.incentive.tranche.Entitlements;
import id.go.prakerja.incentive.tranche.TrancheOutcomes;
import id.go.prakerja.support.inbox.BatchEventHandler;
import id.go.prakerja.support.inbox.EventConsumers;
import id.go.prakerja.support.inbox.EventHandler;

/**
 * What the incentive service takes from other services' topics. Every handler runs in the
 * transaction that records the event as processed, so a redelivery or a replayed dead letter
 * changes nothing; none of them calls a partner or sends a message.
 */
@Configuration
public class IncentiveConsumers {

    /**
     * In batch mode (application.yml): the events of one poll are applied in one transaction, each run
     * of registrations with one statement; a batch that fails is taken again one event at a time, so an
     * event that cannot be applied is retried and dead-lettered on its own.
     */
    @Bean
    Consumer<Message<List<byte[]>>> registrationEvents(EventConsumers consumers, ParticipantRecords participants) {
        EventHandler one = event -> {
            switch (event.payload()) {
                case ParticipantRegistered r -> participants.registered(event.as(ParticipantRegistered.class));
                case ParticipantProfileUpdated u -> participants.profileUpdated(event.as(ParticipantProfileUpdated.class));
                case ParticipantRevoked r -> participants.revoked(event.as(ParticipantRevoked.class));
                default -> { }
            }
        };
        return consumers.batchConsumer(Topics.REGISTRATION, "incentive.registration-events", one,
                BatchEventHandler.inRuns(ParticipantRegistered.class, participants::registeredAll, one));
    }

    @Bean
    Consumer<Message<byte[]>> cohortEvents(EventConsumers consumers, ParticipantRecords participants) {
        return consumers.consumer(Topics.COHORT, "incentive.cohort-events", event -> {
            if (event.payload() instanceof ParticipantSelected) {
                participants.selected(event.as(ParticipantSelected.class));
            }
        });
    }

    @Bean
    Consumer<Message<byte[]>> trainingEvents(EventConsumers consumers, Entitlements entitlements) {
        return consumers.consumer(Topics.TRAINING, "incentive.training-events", event -> {
            if (event.payload() instanceof TrainingCompletionReconciled) {
                entitlements.trainingReconciled(event.as(TrainingCompletionReconciled.class));
            }
        });
    }

    @Bean
    Consumer<Message<byte[]>> paymentEvents(EventConsumers consumers, PayoutAccounts accounts, TrancheOutcomes outcomes) {
        return consumers.consumer(Topics.PAYMENT, "incentive.payment-events", event -> {
            switch (event.payload()) {
                case PayoutAccountVerified v -> accounts.verified(event.as(PayoutAccountVerified.class));
                case PayoutAccountRejected r -> accounts.rejected(event.as(PayoutAccountRejected.class));
                case DisbursementSucceeded s -> outcomes.succeeded(event.as(DisbursementSucceeded.class));
                case DisbursementFailed f -> outcomes.failed(event.as(DisbursementFailed.class));
                case DisbursementOutcomeUnknown u -> outcomes.unknown(event.as(DisbursementOutcomeUnknown.class));
                default -> { }
            }
        });
    }

    @Bean
    Consumer<Message<byte[]>> surveyEvents(EventConsumers consumers, Entitlements entitlements) {
        return consumers.consumer(Topics.SURVEY, "incentive.survey-events", event -> {
            if (event.payload() instanceof SurveyCompleted) {
                entitlements.surveyCompleted(event.as(SurveyCompleted.class));
            }
        });
    }
}
