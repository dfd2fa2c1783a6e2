package id.go.prakerja.verification.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import id.go.prakerja.events.Topics;
import id.go.prakerja.events.registration.ParticipantProfileUpdated;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.support.inbox.BatchEventHandler;
import id.go.prakerja.support.inbox.EventConsumers;
import id.go.prakerja.support.inbox.EventHandler;
import id.go.prakerja.verification.contact.ContactChanges;
import id.go.prakerja.verification.verificationcase.CaseOpening;

/** What verification takes from registration's topic: new participants, and changed contacts. */
@Configuration
public class RegistrationTopic {

    /**
     * In batch mode (application.yml): the events of one poll are applied in one transaction, each run
     * of registrations opening its cases together; a batch that fails is taken again one event at a
     * time, so an event that cannot be applied is retried and dead-lettered on its own.
     */
    @Bean
    Consumer<Message<List<byte[]>>> participantEvents(EventConsumers consumers, CaseOpening opening, ContactChanges contacts) {
        EventHandler one = event -> {
            if (event.payload() instanceof ParticipantRegistered) {
                opening.open(event.as(ParticipantRegistered.class));
            } else if (event.payload() instanceof ParticipantProfileUpdated) {
                contacts.apply(event.as(ParticipantProfileUpdated.class));
            }
        };
        return consumers.batchConsumer(Topics.REGISTRATION, "verification.participant-events", one,
                BatchEventHandler.inRuns(ParticipantRegistered.class, opening::openAll, one));
    }
}
