package id.go.prakerja.registration.messaging;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import id.go.prakerja.events.Topics;
import id.go.prakerja.events.incentive.IntegritySignalConfirmed;
import id.go.prakerja.events.training.BalanceForfeited;
import id.go.prakerja.events.verification.ParticipantRejected;
import id.go.prakerja.events.verification.ParticipantVerified;
import id.go.prakerja.registration.participant.ParticipantLifecycle;
import id.go.prakerja.support.inbox.EventConsumers;

/** What registration takes from other contexts' topics. */
@Configuration
public class RegistrationConsumers {

    @Bean
    Consumer<Message<byte[]>> verificationEvents(EventConsumers consumers, ParticipantLifecycle lifecycle) {
        return consumers.consumer(Topics.VERIFICATION, "registration.verification-events", event -> {
            if (event.payload() instanceof ParticipantVerified) {
                lifecycle.verified(event);
            } else if (event.payload() instanceof ParticipantRejected) {
                lifecycle.rejected(event);
            }
        });
    }

    @Bean
    Consumer<Message<byte[]>> trainingEvents(EventConsumers consumers, ParticipantLifecycle lifecycle) {
        return consumers.consumer(Topics.TRAINING, "registration.training-events", event -> {
            if (event.payload() instanceof BalanceForfeited) {
                lifecycle.balanceForfeited(event.as(BalanceForfeited.class));
            }
        });
    }

    @Bean
    Consumer<Message<byte[]>> incentiveEvents(EventConsumers consumers, ParticipantLifecycle lifecycle) {
        return consumers.consumer(Topics.INCENTIVE, "registration.incentive-events", event -> {
            if (event.payload() instanceof IntegritySignalConfirmed) {
                lifecycle.integritySignalConfirmed(event.as(IntegritySignalConfirmed.class));
            }
        });
    }
}
