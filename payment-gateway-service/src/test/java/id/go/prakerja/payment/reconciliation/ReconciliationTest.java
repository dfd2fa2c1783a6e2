package id.go.prakerja.payment.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.Topics;
import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.IncentiveKind;
import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.events.payment.SettlementReconciled;
import id.go.prakerja.payment.PaymentGatewayServiceTest;
import id.go.prakerja.payment.disbursement.Payment;
import id.go.prakerja.payment.disbursement.PaymentStatus;
import id.go.prakerja.payment.snap.SnapSignatures;
import id.go.prakerja.simulators.Fault;
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

    @Test
    void every_attempt_is_matched_by_the_day_it_was_sent_and_a_credit_under_an_earlier_reference_blocks_the_instruction() {
        // a payment created days ago and paid today: matched by when it was sent, not when it was created
        String account = newAccount(PayoutPartner.OVO);
        var late = disbursement(PayoutPartner.OVO, account, 100_000);
        publish(late);
        Payment sentToday = awaitStatus(late.payload().instructionId(), PaymentStatus.SUCCEEDED);
        jdbc.update("update payment set created_at = now() - interval '3 days' where instruction_id = ?", sentToday.instructionId());
        sim(PayoutPartner.OVO).discrepancy(sentToday.partnerReferenceNo(), Discrepancy.AMOUNT);

        // OVO credited attempt 1 but we hold it failed (its answer said so); the tranche is ordered again, at BNI,
        // which is down for now
        var request = disbursement(PayoutPartner.OVO, newAccount(PayoutPartner.OVO), 600_000);
        String id = request.payload().instructionId();
        publish(request);
        Payment first = awaitStatus(id, PaymentStatus.SUCCEEDED);
        jdbc.update("update payment set status = 'FAILED', reason_code = 'ACCOUNT_BLOCKED' where instruction_id = ?", id);
        jdbc.update("update payment_attempt set settled_as = null where instruction_id = ?", id);
        sim(PayoutPartner.BNI).fault(Fault.down());
        publish(EventEnvelope.of(new DisbursementRequested(id,
                IncentiveKind.POST_TRAINING, 1, 600_000, PayoutPartner.BNI,
                sealedAccount(request.participantId(), newAccount(PayoutPartner.BNI))), request.participantId(),
                UUID.randomUUID(), null, Instant.now()));
        await().atMost(WAIT).until(() -> ledger.find(id).orElseThrow().attempt() == 2);

        String day = LocalDate.now(SnapSignatures.WIB).toString();
        var run = operator().post("/admin/reconciliation/OVO/" + day, null);
        assertThat(run.status()).isEqualTo(200);
        JsonNode mismatches = run.json().get("mismatches");
        assertThat(kindOf(mismatches, sentToday.partnerReferenceNo())).isEqualTo("AMOUNT_DIFFERS");
        assertThat(kindOf(mismatches, first.partnerReferenceNo())).isEqualTo("PAID_UNDER_EARLIER_REFERENCE");

        // the tranche was paid: settled as such, and no further attempt goes out, even once BNI is back
        Payment settled = ledger.find(id).orElseThrow();
        assertThat(settled.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(settled.blockedReason()).contains(first.partnerReferenceNo());
        sim(PayoutPartner.BNI).fault(Fault.none());
        publish(EventEnvelope.of(new DisbursementRequested(id,
                IncentiveKind.POST_TRAINING, 1, 600_000, PayoutPartner.GOPAY,
                sealedAccount(request.participantId(), newAccount(PayoutPartner.GOPAY))), request.participantId(),
                UUID.randomUUID(), null, Instant.now()));
        await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from payment_conflict where instruction_id = ?",
                Integer.class, id) == 1);
        assertThat(ledger.find(id).orElseThrow().attempt()).isEqualTo(2);
        assertThat(creditsForInstruction(id)).isEqualTo(1);
        assertThat(ledger.attempts(id)).extracting(a -> a.settledAs()).containsExactly("CREDITED", null);
        assertThat(ledger.attempts(id).get(1).partner()).isEqualTo(PayoutPartner.BNI);
    }

    @org.springframework.beans.factory.annotation.Autowired
    DailyReconciliation daily;

    @Test
    void the_daily_run_reconciles_every_partner_and_names_one_whose_report_cannot_be_had() {
        LocalDate yesterday = LocalDate.now(SnapSignatures.WIB).minusDays(1);
        sim(PayoutPartner.LINKAJA).fault(Fault.down());
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
