package id.go.prakerja.payment.disbursement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.Topics;
import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.IncentiveKind;
import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.events.payment.DisbursementSucceeded;
import id.go.prakerja.payment.PaymentGatewayServiceTest;
import id.go.prakerja.testsupport.KafkaProbe;

/**
 * Requests read in one poll are recorded together, with the effect of recording them one by one:
 * copies are no-ops, other content under a known instruction id is refused, and an unreadable
 * record is dead-lettered on its own while the others are paid once.
 */
class BatchIntakeTest extends PaymentGatewayServiceTest {

    @Test
    void a_batch_with_copies_a_conflict_and_unreadable_records_pays_each_request_once() {
        String accountA = newAccount(PayoutPartner.BNI);
        String accountB = newAccount(PayoutPartner.OVO);
        var a = disbursement(PayoutPartner.BNI, accountA, 600_000);
        var b = disbursement(PayoutPartner.OVO, accountB, 600_000);
        DisbursementRequested ra = a.payload();
        // the same request under a new event id, its account sealed anew: the same content
        var aAgain = EventEnvelope.of(new DisbursementRequested(ra.instructionId(), ra.kind(), ra.sequence(), ra.amount(),
                ra.partner(), sealedAccount(a.participantId(), accountA)), a.participantId(), UUID.randomUUID(), null,
                Instant.now());
        // the same instruction id with another amount: refused and alerted
        var conflicting = EventEnvelope.of(new DisbursementRequested(ra.instructionId(), ra.kind(), ra.sequence(), 6_000_000,
                ra.partner(), sealedAccount(a.participantId(), accountA)), a.participantId(), UUID.randomUUID(), null,
                Instant.now());
        // an account in plain text where a sealed one belongs: it never opens
        UUID other = UUID.randomUUID();
        var unreadable = EventEnvelope.of(new DisbursementRequested(
                DisbursementRequested.instructionId(other, IncentiveKind.POST_TRAINING, 1), IncentiveKind.POST_TRAINING, 1,
                600_000, PayoutPartner.BNI, accountA), other, UUID.randomUUID(), null, Instant.now());
        byte[] garbage = ("{not an event " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);

        try (KafkaProbe probe = KafkaProbe.listen(Topics.PAYMENT)) {
            KafkaProbe.sendAll(Topics.INCENTIVE, "batch-" + UUID.randomUUID(), List.of(EventJson.write(a), EventJson.write(a),
                    EventJson.write(aAgain), EventJson.write(conflicting), EventJson.write(unreadable), garbage,
                    EventJson.write(b), EventJson.write(b)));

            Payment paidA = awaitStatus(ra.instructionId(), PaymentStatus.SUCCEEDED);
            Payment paidB = awaitStatus(b.payload().instructionId(), PaymentStatus.SUCCEEDED);
            assertThat(paidA.amount()).isEqualTo(600_000);
            assertThat(paidA.requestEventId()).isEqualTo(a.eventId());
            assertThat(credits(PayoutPartner.BNI, paidA.partnerReferenceNo())).isEqualTo(1);
            assertThat(credits(PayoutPartner.OVO, paidB.partnerReferenceNo())).isEqualTo(1);
            assertThat(transitions(ra.instructionId())).containsExactly("->RECEIVED", "RECEIVED>SENDING", "SENDING>SUCCEEDED");
            assertThat(transitions(b.payload().instructionId()))
                    .containsExactly("->RECEIVED", "RECEIVED>SENDING", "SENDING>SUCCEEDED");

            assertThat(jdbc.queryForList("select event_id from payment_conflict where instruction_id = ?", UUID.class,
                    ra.instructionId())).containsExactly(conflicting.eventId());
            for (var taken : List.of(a, aAgain, conflicting, b)) {
                assertThat(jdbc.queryForObject("select count(*) from inbox_message where event_id = ?", Long.class,
                        taken.eventId())).isEqualTo(1);
            }
            await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from dead_letter where event_id = ?",
                    Long.class, unreadable.eventId()) == 1);
            await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from dead_letter where payload = ?",
                    Long.class, (Object) garbage) == 1);
            assertThat(jdbc.queryForObject("select count(*) from inbox_message where event_id = ?", Long.class,
                    unreadable.eventId())).as("rolled back, not recorded as processed").isZero();
            assertThat(ledger.find(unreadable.payload().instructionId())).isEmpty();

            await().atMost(WAIT).until(() -> events(probe, DisbursementSucceeded.class).stream()
                    .filter(e -> e.instructionId().equals(b.payload().instructionId())).count() == 1);
            assertThat(events(probe, DisbursementSucceeded.class)).filteredOn(e -> e.instructionId().equals(ra.instructionId()))
                    .hasSize(1);
        }
    }
}
