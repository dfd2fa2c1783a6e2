package id.go.prakerja.payment.disbursement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.PaymentGatewayServiceTest;
import id.go.prakerja.simulators.Fault;
import id.go.prakerja.simulators.FaultMode;

/** One partner down: its payments wait and resume by themselves; the others are paid meanwhile. */
class PartnerIsolationTest extends PaymentGatewayServiceTest {

    @Test
    void while_ovo_is_down_its_payments_wait_the_others_are_paid_and_ovo_resumes_by_itself() {
        sim(PayoutPartner.OVO).fault(Fault.down());
        String ovoAccount = newAccount(PayoutPartner.OVO);
        String bniAccount = newAccount(PayoutPartner.BNI);
        List<String> ovo = new ArrayList<>();
        List<String> bni = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            var o = disbursement(PayoutPartner.OVO, ovoAccount, 50_000);
            var b = disbursement(PayoutPartner.BNI, bniAccount, 50_000);
            publish(o);
            publish(b);
            ovo.add(o.payload().instructionId());
            bni.add(b.payload().instructionId());
        }
        for (String id : bni) {
            awaitStatus(id, PaymentStatus.SUCCEEDED);
        }
        // OVO's circuit opened: nothing of it was paid or failed, and none of its payments is lost
        await().atMost(WAIT).until(() -> operator().get("/admin/payments/partners/health").json().get(2)
                .get("circuitState").asString().equals("OPEN"));
        assertThat(ovo).allSatisfy(id -> assertThat(ledger.find(id).orElseThrow().status().isFinal()).isFalse());
        assertThat(sim(PayoutPartner.OVO).payments()).noneMatch(p -> p.destination().equals(ovoAccount));

        sim(PayoutPartner.OVO).fault(Fault.none());
        for (String id : ovo) {
            Payment paid = awaitStatus(id, PaymentStatus.SUCCEEDED);
            assertThat(credits(PayoutPartner.OVO, paid.partnerReferenceNo())).isEqualTo(1);
        }
        assertThat(sim(PayoutPartner.OVO).payments()).filteredOn(p -> p.destination().equals(ovoAccount)).hasSize(30);
    }

    @Test
    void a_partner_answering_429_is_waited_for_and_nothing_is_paid_twice() {
        String account = newAccount(PayoutPartner.GOPAY);
        sim(PayoutPartner.GOPAY).fault(new Fault(FaultMode.RATE_LIMITED, 1_000, 5));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            var r = disbursement(PayoutPartner.GOPAY, account, 50_000);
            publish(r);
            ids.add(r.payload().instructionId());
        }
        for (String id : ids) {
            Payment paid = awaitStatus(id, PaymentStatus.SUCCEEDED);
            assertThat(credits(PayoutPartner.GOPAY, paid.partnerReferenceNo())).isEqualTo(1);
        }
        assertThat(ids).anySatisfy(id -> assertThat(transitions(id)).contains("SENDING>RECEIVED"));
    }
}
