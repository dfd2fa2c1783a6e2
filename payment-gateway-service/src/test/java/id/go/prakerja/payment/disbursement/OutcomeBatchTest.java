package id.go.prakerja.payment.disbursement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.PaymentGatewayServiceTest;
import id.go.prakerja.payment.partner.PartnerAnswer;
import id.go.prakerja.payment.partner.PartnerCodes;

/**
 * Answers are written many at a time. In one batch: each answer changes its payment only if the
 * payment is still where the answer was claimed; a late answer changes nothing; two answers for one
 * payment apply in the order they came, as if written one by one.
 */
class OutcomeBatchTest extends PaymentGatewayServiceTest {

    @Autowired
    PaymentWorkers workers;

    @Test
    void a_batch_of_answers_applies_each_in_order_and_ignores_late_ones() {
        String account = newAccount(PayoutPartner.OVO);
        var requests = List.of(disbursement(PayoutPartner.OVO, account, 600_000), disbursement(PayoutPartner.OVO, account, 600_000),
                disbursement(PayoutPartner.OVO, account, 600_000), disbursement(PayoutPartner.OVO, account, 600_000));
        List<String> ids = requests.stream().map(r -> r.payload().instructionId()).toList();
        workers.stop();
        try {
            requests.forEach(PaymentGatewayServiceTest::publish);
            await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> ledger.find(id).isPresent()));
            Map<String, Payment> claimed = byInstruction(ledger.claimToSend(PayoutPartner.OVO, 100), ids);
            assertThat(claimed).hasSize(4);
            Payment twice = claimed.get(ids.get(0));
            Payment paid = claimed.get(ids.get(1));
            Payment failed = claimed.get(ids.get(2));
            Payment late = claimed.get(ids.get(3));

            int changed = ledger.apply(List.of(
                    sent(twice, PaymentStatus.SENDING, PartnerAnswer.pending("OVO-REF-1", "2023800")),
                    sent(paid, PaymentStatus.SENDING, PartnerAnswer.paid("OVO-REF-2", "2003800")),
                    sent(failed, PaymentStatus.SENDING, PartnerAnswer.failed("4033802", PartnerCodes.ACCOUNT_BLOCKED, "blocked")),
                    // an answer to a claim that is no longer the payment's (its version moved on)
                    new PaymentLedger.Outcome(late.instructionId(), late.version() - 1, PaymentStatus.SENDING,
                            PaymentTransitions.Source.TRANSFER, PartnerAnswer.paid("OVO-REF-4", "2003800"), 0),
                    // the inquiry's answer for the first, claimed after its transfer answer was written
                    new PaymentLedger.Outcome(twice.instructionId(), twice.version() + 1, PaymentStatus.PENDING_AT_PARTNER,
                            PaymentTransitions.Source.INQUIRY, PartnerAnswer.paid(null, "2003900"), 1)));

            assertThat(changed).isEqualTo(4);
            Payment first = ledger.find(twice.instructionId()).orElseThrow();
            assertThat(first.status()).isEqualTo(PaymentStatus.SUCCEEDED);
            assertThat(first.partnerReference()).isEqualTo("OVO-REF-1"); // kept when the inquiry names none
            assertThat(first.lastRawCode()).isEqualTo("2003900");
            assertThat(first.version()).isEqualTo(twice.version() + 2);
            assertThat(transitions(first.instructionId())).endsWith("SENDING>PENDING_AT_PARTNER", "PENDING_AT_PARTNER>SUCCEEDED");

            Payment second = ledger.find(paid.instructionId()).orElseThrow();
            assertThat(second.status()).isEqualTo(PaymentStatus.SUCCEEDED);
            assertThat(second.partnerReference()).isEqualTo("OVO-REF-2");
            assertThat(second.finishedAt()).isNotNull();

            Payment third = ledger.find(failed.instructionId()).orElseThrow();
            assertThat(third.status()).isEqualTo(PaymentStatus.FAILED);
            assertThat(third.reasonCode()).isEqualTo(PartnerCodes.ACCOUNT_BLOCKED);
            assertThat(third.lastRawCode()).isEqualTo("4033802");

            Payment fourth = ledger.find(late.instructionId()).orElseThrow();
            assertThat(fourth.status()).isEqualTo(PaymentStatus.SENDING);
            assertThat(fourth.version()).isEqualTo(late.version());
            assertThat(transitions(fourth.instructionId())).endsWith("RECEIVED>SENDING");

            // each final state was announced once, in the same transaction
            assertThat(jdbc.queryForObject("select count(*) from outbox_message where convert_from(payload, 'UTF8') like ?", Integer.class,
                    "%" + first.instructionId() + "%")).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from outbox_message where convert_from(payload, 'UTF8') like ?", Integer.class,
                    "%" + late.instructionId() + "%")).isZero();
            // the one left SENDING is settled by inquiry once the workers are back (its lease runs out)
            jdbc.update("update payment set due_at = now() - interval '1 second' where instruction_id = ?", late.instructionId());
        } finally {
            workers.start();
        }
        Payment settled = awaitStatus(ids.get(3), PaymentStatus.SUCCEEDED);
        assertThat(credits(PayoutPartner.OVO, settled.partnerReferenceNo())).isEqualTo(1);
    }

    @Test
    void a_notification_that_arrives_while_an_inquiry_is_under_way_keeps_the_payment_due_when_the_inquiry_says_pending() {
        String account = newAccount(PayoutPartner.OVO);
        var requests = List.of(disbursement(PayoutPartner.OVO, account, 600_000), disbursement(PayoutPartner.OVO, account, 600_000));
        List<String> ids = requests.stream().map(r -> r.payload().instructionId()).toList();
        workers.stop();
        try {
            requests.forEach(PaymentGatewayServiceTest::publish);
            await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> ledger.find(id).isPresent()));
            var claimed = byInstruction(ledger.claimToSend(PayoutPartner.OVO, 100), ids).values();
            assertThat(claimed).hasSize(2);
            ledger.apply(claimed.stream().map(p -> sent(p, PaymentStatus.SENDING, PartnerAnswer.pending(null, "2023800"))).toList());
            // the sweeper's turn comes: both are claimed for an inquiry
            jdbc.update("update payment set due_at = now() - interval '1 second' where instruction_id = any(?)",
                    (Object) ids.toArray(String[]::new));
            Map<String, Payment> asked = byInstruction(ledger.claimToSettle(PayoutPartner.OVO, 100), ids);
            assertThat(asked).hasSize(2);
            Payment hinted = asked.get(ids.get(0));
            Payment plain = asked.get(ids.get(1));
            // the partner settles the first and notifies while the inquiries are on their way; they answer "pending"
            assertThat(ledger.inquireSoon(List.of(hinted.partnerReferenceNo()))).containsExactly(hinted.partnerReferenceNo());
            assertThat(ledger.apply(List.of(
                    new PaymentLedger.Outcome(hinted.instructionId(), hinted.version(), PaymentStatus.PENDING_AT_PARTNER,
                            PaymentTransitions.Source.INQUIRY, PartnerAnswer.pending(null, "2023900"), hinted.inquiries()),
                    new PaymentLedger.Outcome(plain.instructionId(), plain.version(), PaymentStatus.PENDING_AT_PARTNER,
                            PaymentTransitions.Source.INQUIRY, PartnerAnswer.pending(null, "2023900"), plain.inquiries()))))
                    .isEqualTo(2);
            Instant answered = Instant.now();
            // the notified one is asked again at once; the other backs off as before (at least the first wait after
            // "pending", 500 ms in the tests' settings)
            Instant hintedDue = ledger.find(hinted.instructionId()).orElseThrow().dueAt();
            Instant plainDue = ledger.find(plain.instructionId()).orElseThrow().dueAt();
            assertThat(hintedDue).isBeforeOrEqualTo(answered);
            assertThat(Duration.between(hintedDue, plainDue)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        } finally {
            workers.start();
        }
        ids.forEach(id -> awaitStatus(id, PaymentStatus.SUCCEEDED));
    }

    /** This test's payments among those claimed (other tests' payments may be due too), by instruction id. */
    private static Map<String, Payment> byInstruction(List<PaymentLedger.Claimed> claimed, List<String> ids) {
        return claimed.stream().map(PaymentLedger.Claimed::payment).filter(p -> ids.contains(p.instructionId()))
                .collect(Collectors.toMap(Payment::instructionId, Function.identity()));
    }

    private static PaymentLedger.Outcome sent(Payment claimed, PaymentStatus expected, PartnerAnswer answer) {
        return new PaymentLedger.Outcome(claimed.instructionId(), claimed.version(), expected, PaymentTransitions.Source.TRANSFER,
                answer, 0);
    }
}
