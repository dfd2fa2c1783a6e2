package id.go.prakerja.payment.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.Topics;
import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.PayoutAccountLinkRequested;
import id.go.prakerja.payment.account.AccountLinks;
import id.go.prakerja.payment.disbursement.DisbursementIntake;
import id.go.prakerja.support.inbox.EventConsumers;

/**
 * What the gateway takes from the incentive service: account link requests and disbursement
 * requests. Both only record an intent; the partner is called by a worker, never from here.
 */
@Configuration
public class IncentiveTopic {

    /**
     * In batch mode (application.yml): the requests of one poll are recorded in one transaction, the
     * disbursement requests with a few statements for the whole batch; a batch that fails is taken
     * again one event at a time, so one poison event is retried and dead-lettered on its own.
     */
    @Bean
    Consumer<Message<List<byte[]>>> incentiveEvents(EventConsumers consumers, AccountLinks links, DisbursementIntake intake) {
        return consumers.batchConsumer(Topics.INCENTIVE, "payment.incentive-events", event -> {
            if (event.payload() instanceof DisbursementRequested) {
                intake.receive(event.as(DisbursementRequested.class));
            } else if (event.payload() instanceof PayoutAccountLinkRequested) {
                links.receive(event.as(PayoutAccountLinkRequested.class));
            }
        }, events -> {
            List<EventEnvelope<DisbursementRequested>> disbursements = new ArrayList<>(events.size());
            for (EventEnvelope<DomainEvent> event : events) {
                if (event.payload() instanceof DisbursementRequested) {
                    disbursements.add(event.as(DisbursementRequested.class));
                } else if (event.payload() instanceof PayoutAccountLinkRequested) {
                    links.receive(event.as(PayoutAccountLinkRequested.class));
                }
            }
            if (!disbursements.isEmpty()) {
                intake.receiveAll(disbursements);
            }
        });
    }
}
