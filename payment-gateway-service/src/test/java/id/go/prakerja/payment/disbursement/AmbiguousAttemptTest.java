package id.go.prakerja.payment.disbursement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.Topics;
import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.IncentiveKind;
import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.events.payment.DisbursementFailed;
import id.go.prakerja.events.payment.DisbursementOutcomeUnknown;
import id.go.prakerja.events.payment.DisbursementSucceeded;
import id.go.prakerja.payment.PaymentGatewayServiceTest;
import id.go.prakerja.payment.partner.PartnerCodes;
import id.go.prakerja.simulators.Fault;
import id.go.prakerja.simulators.FaultMode;
import id.go.prakerja.testsupport.KafkaProbe;

/**
 * Once an attempt was ambiguous, every later answer is ambiguous too: a partner that credits a
 * transfer whose answer timed out, answers the inquiry "not found" (its ledger lags) and then
 * refuses the resend for a limit (checked before its duplicate check) has paid; the refusal must
 * not let the tranche be paid a second time. The payment waits IN_DOUBT, with its reason announced,
 * until every reference it used is asked.
 */
class AmbiguousAttemptTest extends PaymentGatewayServiceTest {

    @Test
    void a_resend_refused_after_a_credit_the_partner_had_not_recorded_yet_is_in_doubt_and_then_paid_once() {
        String account = newAccount(PayoutPartner.BNI);
        sim(PayoutPartner.BNI).recordAfter(Duration.ofSeconds(3));
        sim(PayoutPartner.BNI).limitBeforeDuplicate(true);
        sim(PayoutPartner.BNI).fault(new Fault(FaultMode.TIMEOUT, 2_500, 1)); // credits, answers after our 2 s timeout
        var request = disbursement(PayoutPartner.BNI, account, 600_000);
        String id = request.payload().instructionId();
        try (KafkaProbe probe = KafkaProbe.listen(Topics.PAYMENT)) {
            publish(request);
            Payment paid = awaitStatus(id, PaymentStatus.SUCCEEDED);
            assertThat(transitions(id)).containsSubsequence("SENDING>UNKNOWN", "UNKNOWN>RECEIVED", "RECEIVED>SENDING",
                    "SENDING>IN_DOUBT", "IN_DOUBT>SUCCEEDED").doesNotContain("SENDING>FAILED", "IN_DOUBT>FAILED");
            assertThat(paid.everAmbiguous()).isTrue();
            assertThat(creditsForInstruction(id)).isEqualTo(1);
            assertThat(ledger.attempts(id)).singleElement().satisfies(a -> assertThat(a.settledAs()).isEqualTo("CREDITED"));
            await().atMost(WAIT).until(() -> events(probe, DisbursementSucceeded.class).stream()
                    .anyMatch(e -> e.instructionId().equals(id)));
            // the wait was announced with its reason; no failure ever was
            assertThat(events(probe, DisbursementOutcomeUnknown.class)).filteredOn(e -> e.instructionId().equals(id))
                    .anyMatch(e -> e.detail().contains("after an ambiguous attempt"));
            assertThat(events(probe, DisbursementFailed.class)).noneMatch(e -> e.instructionId().equals(id));
        }
    }

    @Test
    void a_refusal_after_an_ambiguous_attempt_fails_only_once_every_reference_is_shown_uncredited() {
        // a 500 before the partner did anything, then a refusal of the resend: nothing was ever credited
        String unknownAccount = "7799" + String.format("%06d", Math.floorMod(System.nanoTime(), 1_000_000));
        sim(PayoutPartner.BNI).fault(new Fault(FaultMode.ERROR, 0, 1));
        var request = disbursement(PayoutPartner.BNI, unknownAccount, 600_000);
        String id = request.payload().instructionId();
        try (KafkaProbe probe = KafkaProbe.listen(Topics.PAYMENT)) {
            publish(request);
            await().atMost(WAIT).until(() -> transitions(id).contains("SENDING>IN_DOUBT"));
            // while in doubt, incentive hears no failure
            assertThat(events(probe, DisbursementFailed.class)).noneMatch(e -> e.instructionId().equals(id));
            Payment failed = awaitStatus(id, PaymentStatus.FAILED);
            assertThat(transitions(id)).containsSubsequence("SENDING>UNKNOWN", "UNKNOWN>RECEIVED", "SENDING>IN_DOUBT",
                    "IN_DOUBT>FAILED");
            assertThat(failed.reasonCode()).isEqualTo(PartnerCodes.ACCOUNT_NOT_FOUND);
            await().atMost(WAIT).until(() -> events(probe, DisbursementFailed.class).stream()
                    .anyMatch(e -> e.instructionId().equals(id) && e.reasonCode().equals(PartnerCodes.ACCOUNT_NOT_FOUND)));
            assertThat(ledger.attempts(id)).singleElement().satisfies(a -> assertThat(a.settledAs()).isEqualTo("NOT_CREDITED"));

            // now shown uncredited, the tranche may be ordered again, to an account that exists
            String account = newAccount(PayoutPartner.BNI);
            publish(EventEnvelope.of(new DisbursementRequested(id, IncentiveKind.POST_TRAINING, 1, 600_000, PayoutPartner.BNI,
                    sealedAccount(request.participantId(), account)), request.participantId(), UUID.randomUUID(), null,
                    Instant.now()));
            Payment paid = awaitStatus(id, PaymentStatus.SUCCEEDED);
            assertThat(paid.attempt()).isEqualTo(2);
            assertThat(creditsForInstruction(id)).isEqualTo(1);
        }
    }
}
