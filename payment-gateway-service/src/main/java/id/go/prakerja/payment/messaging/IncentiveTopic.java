package id.go.prakerja.payment.messaging;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

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

    @Bean
    Consumer<Message<byte[]>> incentiveEvents(EventConsumers consumers, AccountLinks links, DisbursementIntake intake) {
        return consumers.consumer(Topics.INCENTIVE, "payment.incentive-events", event -> {
            if (event.payload() instanceof DisbursementRequested) {
                intake.receive(event.as(DisbursementRequested.class));
            } else if (event.payload() instanceof PayoutAccountLinkRequested) {
                links.receive(event.as(PayoutAccountLinkRequested.class));
            }
        });
    }
}
