package id.go.prakerja.survey.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import id.go.prakerja.events.Topics;
import id.go.prakerja.events.payment.DisbursementSucceeded;
import id.go.prakerja.events.registration.ParticipantProfileUpdated;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.events.registration.ParticipantRevoked;
import id.go.prakerja.events.training.TrainingCompletionReconciled;
import id.go.prakerja.support.inbox.BatchEventHandler;
import id.go.prakerja.support.inbox.EventConsumers;
import id.go.prakerja.support.inbox.EventHandler;
import id.go.prakerja.survey.invitation.Invitations;

/** What the survey service takes from other topics; idempotent, and nothing is sent from here. */
@Configuration
public class SurveyConsumers {

    /**
     * In batch mode (application.yml): the events of one poll are applied in one transaction, each run
     * of registrations with one statement; a batch that fails is taken again one event at a time, so an
     * event that cannot be applied is retried and dead-lettered on its own.
     */
    @Bean
    Consumer<Message<List<byte[]>>> registrationEvents(EventConsumers consumers, Invitations invitations) {
        EventHandler one = event -> {
            switch (event.payload()) {
                case ParticipantRegistered r -> invitations.registered(event.as(ParticipantRegistered.class));
                case ParticipantProfileUpdated u -> invitations.profileUpdated(event.as(ParticipantProfileUpdated.class));
                case ParticipantRevoked r -> invitations.revoked(event.as(ParticipantRevoked.class));
                default -> { }
            }
        };
        return consumers.batchConsumer(Topics.REGISTRATION, "survey.registration-events", one,
                BatchEventHandler.inRuns(ParticipantRegistered.class, invitations::registeredAll, one));
    }

    @Bean
    Consumer<Message<byte[]>> trainingEvents(EventConsumers consumers, Invitations invitations) {
        return consumers.consumer(Topics.TRAINING, "survey.training-events", event -> {
            if (event.payload() instanceof TrainingCompletionReconciled) {
                invitations.trainingReconciled(event.as(TrainingCompletionReconciled.class));
            }
        });
    }

    @Bean
    Consumer<Message<byte[]>> paymentEvents(EventConsumers consumers, Invitations invitations) {
        return consumers.consumer(Topics.PAYMENT, "survey.payment-events", event -> {
            if (event.payload() instanceof DisbursementSucceeded) {
                invitations.disbursementSucceeded(event.as(DisbursementSucceeded.class));
            }
        });
    }
}
