package id.go.prakerja.payment.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import id.go.prakerja.events.Topics;
import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.events.payment.SettlementReconciled;
import id.go.prakerja.payment.PaymentGatewayServiceTest;
import id.go.prakerja.payment.disbursement.Payment;
import id.go.prakerja.payment.disbursement.PaymentStatus;
import id.go.prakerja.payment.snap.SnapSignatures;
import id.go.prakerja.simulators.payment.PaymentPartnerSimulator.Discrepancy;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.KafkaProbe;
import tools.jackson.databind.JsonNode;

/** The settlement report against our payments: mismatches for operators, and unknowns settled from it. */
class ReconciliationTest extends PaymentGatewayServiceTest {

    @Test
    void mismatches_are_listed_with_an_action_and_a_payment_pending_here_but_paid_there_is_settled() {
        String account = newAccount(PayoutPartner.OVO);
        Payment[] paid = new Payment[4];
        for (int i = 0; i < 4; i++) {
            var r = disbursement(PayoutPartner.OVO, account, 100_000);
            publish(r);
            paid[i] = awaitStatus(r.payload().instructionId(), PaymentStatus.SUCCEEDED);
        }
        // one more, left pending at OVO, which then pays it without our knowing (no callback, inquiries far off)
        sim(PayoutPartner.OVO).pendingPercent(100);
        sim(PayoutPartner.OVO).settleAfter(Duration.ofMinutes(10));
        sim(PayoutPartner.OVO).callbackMode(id.go.prakerja.simulators.payment.PaymentPartnerSimulator.CallbackMode.LOST);
        var r = disbursement(PayoutPartner.OVO, account, 100_000);
        publish(r);
        Payment pending = awaitStatus(r.payload().instructionId(), PaymentStatus.PENDING_AT_PARTNER);
        jdbc.update("update payment set due_at = now() + interval '1 hour' where instruction_id = ?", pending.instructionId());
        sim(PayoutPartner.OVO).settlePending();

        sim(PayoutPartner.OVO).discrepancy(paid[0].partnerReferenceNo(), Discrepancy.MISSING);
        sim(PayoutPartner.OVO).discrepancy(paid[1].partnerReferenceNo(), Discrepancy.AMOUNT);
        sim(PayoutPartner.OVO).discrepancy(paid[2].partnerReferenceNo(), Discrepancy.ACCOUNT);
        sim(PayoutPartner.OVO).discrepancy("PKghost00000000000000000000000000P1", Discrepancy.EXTRA);
        String day = LocalDate.now(SnapSignatures.WIB).toString();

        HttpApi.Response run;
        SettlementReconciled announced;
        try (KafkaProbe probe = KafkaProbe.listen(Topics.PAYMENT)) {
            run = operator().post("/admin/reconciliation/OVO/" + day, null);
            assertThat(run.status()).isEqualTo(200);
            // the run is announced, through the outbox
            await().atMost(WAIT).until(() -> events(probe, SettlementReconciled.class).stream()
                    .anyMatch(e -> e.partner() == PayoutPartner.OVO && e.businessDay().toString().equals(day)
                            && e.settledFromReport().count() >= 1));
            announced = events(probe, SettlementReconciled.class).stream()
                    .filter(e -> e.partner() == PayoutPartner.OVO && e.businessDay().toString().equals(day))
                    .reduce((first, later) -> later).orElseThrow();
        }
        JsonNode mismatches = run.json().get("mismatches");
        assertThat(kindOf(mismatches, paid[0].partnerReferenceNo())).isEqualTo("HERE_NOT_THERE");
        assertThat(kindOf(mismatches, paid[1].partnerReferenceNo())).isEqualTo("AMOUNT_DIFFERS");
        assertThat(kindOf(mismatches, paid[2].partnerReferenceNo())).isEqualTo("ACCOUNT_DIFFERS");
        assertThat(kindOf(mismatches, "PKghost00000000000000000000000000P1")).isEqualTo("PAID_THERE_NOT_HERE");
        assertThat(kindOf(mismatches, pending.partnerReferenceNo())).isEqualTo("SETTLED_FROM_REPORT");
        assertThat(kindOf(mismatches, paid[3].partnerReferenceNo())).isNull();
        for (JsonNode m : mismatches) {
            assertThat(m.get("action").asString()).isNotBlank();
        }
        assertThat(ledger.find(pending.instructionId()).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(transitions(pending.instructionId())).endsWith("PENDING_AT_PARTNER>SUCCEEDED");

        // the announcement carries what operators see: paid here and there, each kind of mismatch, in rupiah
        assertThat(announced.hereNotThere().count()).isGreaterThanOrEqualTo(1);
        assertThat(announced.hereNotThere().rupiah()).isGreaterThanOrEqualTo(100_000);
        assertThat(announced.amountDiffers().count()).isGreaterThanOrEqualTo(1);
        assertThat(announced.accountDiffers().count()).isGreaterThanOrEqualTo(1);
        assertThat(announced.paidThereNotHere().count()).isGreaterThanOrEqualTo(1);
        assertThat(announced.paidHere().count()).isGreaterThanOrEqualTo(5);
        assertThat(announced.paidHere().rupiah() - announced.hereNotThere().rupiah())
                .as("paid on both sides").isLessThanOrEqualTo(announced.paidThere().rupiah());

        var csv = operator().get("/admin/reconciliation/OVO/" + day + "/mismatches.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("partner,day,partnerReferenceNo,instructionId,kind,ours,theirs,action\n")
                .contains(paid[1].partnerReferenceNo() + "," + paid[1].instructionId() + ",AMOUNT_DIFFERS,Rp100000,Rp101000");
        assertThat(operator().get("/admin/reconciliation/BNI/2001-01-01").status()).isEqualTo(404);
    }

    @org.springframework.beans.factory.annotation.Autowired
    DailyReconciliation daily;

    @Test
    void the_daily_run_reconciles_every_partner_and_names_one_whose_report_cannot_be_had() {
        LocalDate yesterday = LocalDate.now(SnapSignatures.WIB).minusDays(1);
        sim(PayoutPartner.LINKAJA).fault(id.go.prakerja.simulators.Fault.down());
        assertThat(daily.reconcile(yesterday)).containsExactly(PayoutPartner.LINKAJA);
        for (PayoutPartner p : new PayoutPartner[] {PayoutPartner.BNI, PayoutPartner.OVO, PayoutPartner.GOPAY}) {
            assertThat(operator().get("/admin/reconciliation/" + p + "/" + yesterday).status()).isEqualTo(200);
        }
        assertThat(operator().get("/admin/reconciliation/LINKAJA/" + yesterday).status()).isEqualTo(404);
    }

    private static String kindOf(JsonNode mismatches, String reference) {
        for (JsonNode m : mismatches) {
            if (m.get("partnerReferenceNo").asString().equals(reference)) {
                return m.get("kind").asString();
            }
        }
        return null;
    }
}
