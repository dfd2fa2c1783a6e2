package id.go.prakerja.payment.disbursement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.PaymentGatewayServiceTest;
import id.go.prakerja.payment.partner.PartnerAnswer;

/**
 * An instance dies while it sends: its payments stay SENDING under its lease. When the lease runs
 * out, the sweeper asks the partner: what the dead instance paid is settled, never paid again;
 * what it never sent is sent, under the same reference.
 */
class AbandonedPaymentTest extends PaymentGatewayServiceTest {

    @Autowired
    PaymentWorkers workers;

    @Test
    void payments_left_sending_by_a_dead_instance_are_settled_by_inquiry_and_paid_once() {
        String account = newAccount(PayoutPartner.BNI);
        var paidBeforeDying = disbursement(PayoutPartner.BNI, account, 600_000);
        var neverSent = disbursement(PayoutPartner.BNI, account, 600_000);
        workers.stop();
        try {
            publish(paidBeforeDying);
            publish(neverSent);
            await().atMost(WAIT).until(() -> ledger.find(paidBeforeDying.payload().instructionId()).isPresent()
                    && ledger.find(neverSent.payload().instructionId()).isPresent());
            // the instance that is about to die claims both and pays the first, then is gone
            List<PaymentLedger.Claimed> claimed = ledger.claimToSend(PayoutPartner.BNI, 10);
            assertThat(claimed).extracting(c -> c.payment().instructionId())
                    .contains(paidBeforeDying.payload().instructionId(), neverSent.payload().instructionId());
            Payment first = ledger.find(paidBeforeDying.payload().instructionId()).orElseThrow();
            PartnerAnswer answer = partners.guard(PayoutPartner.BNI).partner().transfer(first.partnerReferenceNo(),
                    first.amount(), accounts.open(first));
            assertThat(answer.kind()).isEqualTo(PartnerAnswer.Kind.PAID);
            // its lease runs out
            jdbc.update("update payment set due_at = now() - interval '1 second' where status = 'SENDING' and instruction_id in (?, ?)",
                    paidBeforeDying.payload().instructionId(), neverSent.payload().instructionId());
        } finally {
            workers.start();
        }
        Payment settled = awaitStatus(paidBeforeDying.payload().instructionId(), PaymentStatus.SUCCEEDED);
        Payment sent = awaitStatus(neverSent.payload().instructionId(), PaymentStatus.SUCCEEDED);
        assertThat(transitions(settled.instructionId())).endsWith("RECEIVED>SENDING", "SENDING>SUCCEEDED");
        assertThat(transitions(sent.instructionId())).containsSubsequence("RECEIVED>SENDING", "SENDING>RECEIVED",
                "RECEIVED>SENDING", "SENDING>SUCCEEDED");
        assertThat(sent.partnerReferenceNo()).isEqualTo(PaymentReferences.of(sent.instructionId(), 1));
        assertThat(credits(PayoutPartner.BNI, settled.partnerReferenceNo())).isEqualTo(1);
        assertThat(credits(PayoutPartner.BNI, sent.partnerReferenceNo())).isEqualTo(1);
        assertThat(sim(PayoutPartner.BNI).payments()).filteredOn(p -> p.destination().equals(account)).hasSize(2);
    }
}
