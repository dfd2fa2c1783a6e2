package id.go.prakerja.verification.messaging;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import id.go.prakerja.events.Topics;
import id.go.prakerja.events.registration.ParticipantProfileUpdated;
import id.go.prakerja.events.registration.ParticipantRegistered;
import id.go.prakerja.support.inbox.EventConsumers;
import id.go.prakerja.verification.contact.ContactChanges;
import id.go.prakerja.verification.verificationcase.CaseOpening;

/** What verification takes from registration's topic: new participants, and changed contacts. */
@Configuration
public class RegistrationTopic {

    @Bean
    Consumer<Message<byte[]>> participantEvents(EventConsumers consumers, CaseOpening opening, ContactChanges contacts) {
        return consumers.consumer(Topics.REGISTRATION, "verification.participant-events", event -> {
            if (event.payload() instanceof ParticipantRegistered) {
                opening.open(event.as(ParticipantRegistered.class));
            } else if (event.payload() instanceof ParticipantProfileUpdated) {
                contacts.apply(event.as(ParticipantProfileUpdated.class));
            }
        });
    }
}
