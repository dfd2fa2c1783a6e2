package id.go.prakerja.training.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import id.go.prakerja.events.Topics;
import id.go.prakerja.events.cohort.ParticipantSelected;
import id.go.prakerja.events.registration.ParticipantProfileUpdated;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.events.registration.ParticipantRevoked;
import id.go.prakerja.support.inbox.BatchEventHandler;
import id.go.prakerja.support.inbox.EventConsumers;
import id.go.prakerja.support.inbox.EventHandler;
import id.go.prakerja.training.participant.ParticipantAccounts;

/** What the marketplace takes from other contexts' topics: selection, contact details, revocation. */
@Configuration
public class TrainingConsumers {

    @Bean
    Consumer<Message<byte[]>> cohortEvents(EventConsumers consumers, ParticipantAccounts participants) {
        return consumers.consumer(Topics.COHORT, "training.cohort-events", event -> {
            if (event.payload() instanceof ParticipantSelected) {
                participants.selected(event.as(ParticipantSelected.class));
            }
        });
    }

    /**
     * In batch mode (application.yml): the events of one poll are applied in one transaction, each run
     * of registrations with one statement; a batch that fails is taken again one event at a time, so an
     * event that cannot be applied is retried and dead-lettered on its own.
     */
    @Bean
    Consumer<Message<List<byte[]>>> registrationEvents(EventConsumers consumers, ParticipantAccounts participants) {
        EventHandler one = event -> {
            switch (event.payload()) {
                case ParticipantRegistered r -> participants.registered(event.as(ParticipantRegistered.class));
                case ParticipantProfileUpdated u -> participants.profileUpdated(event.as(ParticipantProfileUpdated.class));
                case ParticipantRevoked r -> participants.revoked(event.as(ParticipantRevoked.class));
                default -> {
                }
            }
        };
        return consumers.batchConsumer(Topics.REGISTRATION, "training.registration-events", one,
                BatchEventHandler.inRuns(ParticipantRegistered.class, participants::registeredAll, one));
    }
}
