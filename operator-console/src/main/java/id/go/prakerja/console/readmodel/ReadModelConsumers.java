package id.go.prakerja.console.readmodel;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import id.go.prakerja.events.Topics;
import id.go.prakerja.support.inbox.EventConsumers;

/**
 * One idempotent consumer per topic, all feeding the same projection (bindings in
 * application.yml, group {@code operator-console}). The console publishes nothing.
 */
@Configuration
class ReadModelConsumers {

    private static Consumer<Message<byte[]>> of(EventConsumers consumers, Projection projection, String topic, String name) {
        return consumers.consumer(topic, "operator-console." + name, event -> projection.apply(topic, event));
    }

    @Bean
    Consumer<Message<byte[]>> registrationEvents(EventConsumers consumers, Projection projection) {
        return of(consumers, projection, Topics.REGISTRATION, "registration");
    }

    @Bean
    Consumer<Message<byte[]>> verificationEvents(EventConsumers consumers, Projection projection) {
        return of(consumers, projection, Topics.VERIFICATION, "verification");
    }

    @Bean
    Consumer<Message<byte[]>> cohortEvents(EventConsumers consumers, Projection projection) {
        return of(consumers, projection, Topics.COHORT, "cohort");
    }

    @Bean
    Consumer<Message<byte[]>> trainingEvents(EventConsumers consumers, Projection projection) {
        return of(consumers, projection, Topics.TRAINING, "training");
    }

    @Bean
    Consumer<Message<byte[]>> incentiveEvents(EventConsumers consumers, Projection projection) {
        return of(consumers, projection, Topics.INCENTIVE, "incentive");
    }

    @Bean
    Consumer<Message<byte[]>> paymentEvents(EventConsumers consumers, Projection projection) {
        return of(consumers, projection, Topics.PAYMENT, "payment");
    }

    @Bean
    Consumer<Message<byte[]>> surveyEvents(EventConsumers consumers, Projection projection) {
        return of(consumers, projection, Topics.SURVEY, "survey");
    }
}
