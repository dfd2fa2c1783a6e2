package id.go.prakerja.payment.disbursement;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.PaymentGatewayServiceTest;
import id.go.prakerja.payment.partner.PartnerGuard;

/**
 * During a large tranche the sender fills a partner's in-flight places; the sweeper keeps a share
 * of them, so unknown payments and expired leases are asked about at once, not after the sends.
 */
class SweeperShareTest extends PaymentGatewayServiceTest {

    @Autowired
    PaymentWorkers workers;

    @Test
    void the_sender_leaves_the_sweepers_share_free_and_the_sweeper_can_always_take_it() {
        workers.stop();
        PartnerGuard guard = partners.guard(PayoutPartner.BNI);
        int reserved = 0;
        try {
            int max = guard.maxInFlight();
            int share = workers.sweeperPlaces(guard);
            assertThat(share).isBetween(1, max - 1);
            // the sender takes every place it may, as in a 200,000-payment tranche
            while (workers.senderPlaces(PayoutPartner.BNI, guard) > 0) {
                guard.reserve();
                reserved++;
            }
            assertThat(reserved).isEqualTo(max - share);
            assertThat(workers.sweeperPlacesFree(PayoutPartner.BNI, guard)).isEqualTo(share);
        } finally {
            for (int i = 0; i < reserved; i++) {
                guard.unreserve();
            }
            workers.start();
        }
    }
}
