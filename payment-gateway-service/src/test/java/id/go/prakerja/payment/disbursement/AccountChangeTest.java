package id.go.prakerja.payment.disbursement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.Topics;
import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.events.payment.DisbursementFailed;
import id.go.prakerja.events.payment.DisbursementSucceeded;
import id.go.prakerja.payment.PaymentGatewayServiceTest;
import id.go.prakerja.simulators.payment.PartnerAccount;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.KafkaProbe;
import tools.jackson.databind.JsonNode;

/**
 * A payment refused for an account reason, and the same tranche requested again once the
 * participant's new (or fixed) account is verified, as the incentive service does: paid once, to
 * the new account, under a new reference; nothing else reopens a payment.
 */
class AccountChangeTest extends PaymentGatewayServiceTest {

    private static final String OWNER = "BUDI SANTOSO";
    private static final String NIK = "3174050101900001";

    @Test
    void a_payment_refused_by_a_blocked_account_is_paid_once_to_the_account_linked_after_it() {
        try (KafkaProbe probe = KafkaProbe.listen(Topics.PAYMENT)) {
            var first = failedAtBlockedAccount(PayoutPartner.BNI, probe);
            String id = first.payload().instructionId();
            String newAccount = newAccount(PayoutPartner.OVO, OWNER, NIK);
            var again = requestAgain(first, PayoutPartner.OVO, newAccount, first.payload().amount());
            publish(again);

            Payment paid = awaitStatus(id, PaymentStatus.SUCCEEDED);
            assertThat(paid.attempt()).isEqualTo(2);
            assertThat(paid.partner()).isEqualTo(PayoutPartner.OVO);
            assertThat(accounts.open(paid)).isEqualTo(newAccount);
            assertThat(paid.accountMasked()).isEqualTo(Payment.mask(newAccount));
            assertThat(paid.partnerReferenceNo()).isEqualTo(PaymentReferences.of(id, 2));
            assertThat(sim(PayoutPartner.OVO).payment(paid.partnerReferenceNo()).orElseThrow())
                    .satisfies(r -> assertThat(r.credited()).isTrue())
                    .satisfies(r -> assertThat(r.destination()).isEqualTo(newAccount))
                    .satisfies(r -> assertThat(r.amount()).isEqualTo(600_000));
            assertThat(sim(PayoutPartner.BNI).payment(PaymentReferences.of(id, 1))).isEmpty();
            assertThat(creditsForInstruction(id)).isEqualTo(1);

            await().atMost(WAIT).until(() -> succeeded(probe, id).size() == 1);
            // the outcome answers the request that caused it
            assertThat(succeeded(probe, id).get(0).correlationId()).isEqualTo(again.correlationId());
            assertThat(succeeded(probe, id).get(0).causationId()).isEqualTo(again.eventId());
            assertThat(transitions(id)).containsExactly("->RECEIVED", "RECEIVED>SENDING", "SENDING>FAILED",
                    "FAILED>RECEIVED", "RECEIVED>SENDING", "SENDING>SUCCEEDED");
            assertThat(causes(id)).anySatisfy(c -> assertThat(c).startsWith("requested again by incentive-service after an account change")
                    .contains(again.eventId().toString()).contains("attempt 2").contains("after ACCOUNT_BLOCKED"));

            JsonNode history = operator().get("/admin/payments/" + id).json();
            assertThat(history.get("conflicts")).isEmpty();
            assertThat(history.get("earlierAttempts")).hasSize(1);
            JsonNode earlier = history.get("earlierAttempts").get(0);
            assertThat(earlier.get("partner").asString()).isEqualTo("BNI");
            assertThat(earlier.get("partnerReferenceNo").asString()).isEqualTo(PaymentReferences.of(id, 1));
            assertThat(earlier.get("reasonCode").asString()).isEqualTo("ACCOUNT_BLOCKED");
            assertThat(earlier.get("accountMasked").asString()).startsWith("******").doesNotContain(openedAccount(first));
        }
    }

    @Test
    void a_request_again_delivered_twice_and_replayed_from_a_dead_letter_pays_once() {
        try (KafkaProbe probe = KafkaProbe.listen(Topics.PAYMENT)) {
            var first = failedAtBlockedAccount(PayoutPartner.BNI, probe);
            String id = first.payload().instructionId();
            // the participant has the account unblocked and links it again: the same account, a new request
            String account = openedAccount(first);
            sim(PayoutPartner.BNI).addAccount(new PartnerAccount(account, null, OWNER, NIK, true, true));
            var again = requestAgain(first, PayoutPartner.BNI, account, first.payload().amount());
            publish(again);
            publish(again);
            await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from inbox_message where event_id = ?",
                    Long.class, again.eventId()) == 1);
            replayFromDeadLetter(again);
            // and the first request once more, as a new copy and from a dead letter: neither reopens anything
            replayFromDeadLetter(first);

            Payment paid = awaitStatus(id, PaymentStatus.SUCCEEDED);
            replayFromDeadLetter(again);
            await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> true);

            assertThat(ledger.find(id).orElseThrow().attempt()).isEqualTo(2);
            assertThat(paid.partnerReferenceNo()).isEqualTo(PaymentReferences.of(id, 2));
            assertThat(creditsForInstruction(id)).isEqualTo(1);
            assertThat(credits(PayoutPartner.BNI, PaymentReferences.of(id, 2))).isEqualTo(1);
            assertThat(succeeded(probe, id)).hasSize(1);
            assertThat(transitions(id)).filteredOn("FAILED>RECEIVED"::equals).hasSize(1);
            assertThat(transitions(id)).filteredOn("SENDING>SUCCEEDED"::equals).hasSize(1);
            assertThat(jdbc.queryForObject("select count(*) from payment_conflict where instruction_id = ?", Integer.class, id))
                    .isZero();
        }
    }

    @Test
    void a_request_again_with_another_amount_is_a_conflict_and_never_paid() {
        try (KafkaProbe probe = KafkaProbe.listen(Topics.PAYMENT)) {
            var first = failedAtBlockedAccount(PayoutPartner.BNI, probe);
            String id = first.payload().instructionId();
            String newAccount = newAccount(PayoutPartner.GOPAY, OWNER, NIK);
            publish(requestAgain(first, PayoutPartner.GOPAY, newAccount, 6_000_000));

            await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from payment_conflict where instruction_id = ?",
                    Integer.class, id) == 1);
            await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> true);
            Payment still = ledger.find(id).orElseThrow();
            assertThat(still.status()).isEqualTo(PaymentStatus.FAILED);
            assertThat(still.attempt()).isEqualTo(1);
            assertThat(still.partner()).isEqualTo(PayoutPartner.BNI);
            assertThat(sim(PayoutPartner.GOPAY).payments()).noneMatch(r -> r.destination().equals(newAccount));
            assertThat(creditsForInstruction(id)).isZero();
            assertThat(succeeded(probe, id)).isEmpty();
            assertThat(transitions(id)).containsExactly("->RECEIVED", "RECEIVED>SENDING", "SENDING>FAILED");
        }
    }

    @Test
    void a_paid_payment_requested_again_is_never_paid_twice() {
        String account = newAccount(PayoutPartner.LINKAJA, OWNER, NIK);
        // LinkAja answers a fifth of transfers "pending" (per reference): the history checked below is a direct success
        sim(PayoutPartner.LINKAJA).pendingPercent(0);
        var request = disbursement(PayoutPartner.LINKAJA, account, 600_000);
        String id = request.payload().instructionId();
        try (KafkaProbe probe = KafkaProbe.listen(Topics.PAYMENT)) {
            publish(request);
            Payment paid = awaitStatus(id, PaymentStatus.SUCCEEDED);
            await().atMost(WAIT).until(() -> succeeded(probe, id).size() == 1);

            // another account (a conflict) and the same content under a new event (nothing new)
            String other = newAccount(PayoutPartner.OVO, OWNER, NIK);
            publish(requestAgain(request, PayoutPartner.OVO, other, 600_000));
            publish(requestAgain(request, PayoutPartner.LINKAJA, account, 600_000));
            await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from payment_conflict where instruction_id = ?",
                    Integer.class, id) == 1);
            await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> true);

            Payment after = ledger.find(id).orElseThrow();
            assertThat(after.status()).isEqualTo(PaymentStatus.SUCCEEDED);
            assertThat(after.attempt()).isEqualTo(1);
            assertThat(after.partnerReferenceNo()).isEqualTo(paid.partnerReferenceNo());
            assertThat(creditsForInstruction(id)).isEqualTo(1);
            assertThat(sim(PayoutPartner.OVO).payments()).noneMatch(r -> r.destination().equals(other));
            assertThat(succeeded(probe, id)).hasSize(1);
            assertThat(transitions(id)).containsExactly("->RECEIVED", "RECEIVED>SENDING", "SENDING>SUCCEEDED");
        }
    }

    @Test
    void twenty_requests_again_for_twenty_accounts_at_once_pay_the_tranche_once() throws Exception {
        try (KafkaProbe probe = KafkaProbe.listen(Topics.PAYMENT)) {
            var first = failedAtBlockedAccount(PayoutPartner.BNI, probe);
            String id = first.payload().instructionId();
            List<UUID> letters = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                letters.add(deadLetter(requestAgain(first, PayoutPartner.OVO, newAccount(PayoutPartner.OVO, OWNER, NIK), 600_000)));
            }
            List<Integer> statuses = new ArrayList<>();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<HttpApi.Response>> replays = new ArrayList<>();
                for (UUID letter : letters) {
                    replays.add(pool.submit(() -> operator().post("/admin/messaging/payment/dead-letters/" + letter + "/replay", null)));
                }
                for (Future<HttpApi.Response> replay : replays) {
                    statuses.add(replay.get().status());
                }
            }
            assertThat(statuses).containsOnly(200);

            Payment paid = awaitStatus(id, PaymentStatus.SUCCEEDED);
            assertThat(paid.attempt()).isEqualTo(2);
            assertThat(transitions(id)).filteredOn("FAILED>RECEIVED"::equals).hasSize(1);
            // the one taken in pays; the nineteen others named another account for a payment already under way
            assertThat(jdbc.queryForObject("select count(*) from payment_conflict where instruction_id = ?", Integer.class, id))
                    .isEqualTo(19);
            assertThat(creditsForInstruction(id)).isEqualTo(1);
            assertThat(sim(PayoutPartner.OVO).payment(paid.partnerReferenceNo()).orElseThrow().destination())
                    .isEqualTo(accounts.open(paid));
            await().atMost(WAIT).until(() -> succeeded(probe, id).size() == 1);
            await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> true);
            assertThat(succeeded(probe, id)).hasSize(1);
        }
    }

    /** A request to an account the partner holds as blocked: FAILED with ACCOUNT_BLOCKED, announced as curable by another account. */
    private EventEnvelope<DisbursementRequested> failedAtBlockedAccount(PayoutPartner partner, KafkaProbe probe) {
        String account = newAccount(partner, OWNER, NIK);
        PartnerAccount held = sim(partner).account(account).orElseThrow();
        sim(partner).addAccount(new PartnerAccount(held.accountNumber(), held.phone(), OWNER, NIK, true, false));
        sim(partner).pendingPercent(0);
        var request = disbursement(partner, account, 600_000);
        String id = request.payload().instructionId();
        publish(request);
        Payment failed = awaitStatus(id, PaymentStatus.FAILED);
        assertThat(failed.reasonCode()).isEqualTo("ACCOUNT_BLOCKED");
        await().atMost(WAIT).until(() -> events(probe, DisbursementFailed.class).stream()
                .anyMatch(e -> e.instructionId().equals(id) && e.retryableAfterAccountChange()));
        return request;
    }

    /** What the incentive service sends once a new account is verified: the same tranche, a new event. */
    private EventEnvelope<DisbursementRequested> requestAgain(EventEnvelope<DisbursementRequested> first,
            PayoutPartner partner, String account, long amount) {
        DisbursementRequested r = first.payload();
        return EventEnvelope.of(new DisbursementRequested(r.instructionId(), r.kind(), r.sequence(), amount, partner,
                sealedAccount(first.participantId(), account)), first.participantId(), UUID.randomUUID(), null, Instant.now());
    }

    /** An event as a dead letter of the incentive topic, replayed by an operator. */
    private void replayFromDeadLetter(EventEnvelope<? extends DomainEvent> event) {
        UUID letter = deadLetter(event);
        var replay = operator().post("/admin/messaging/payment/dead-letters/" + letter + "/replay", null);
        assertThat(replay.status()).as(replay.toString()).isEqualTo(200);
    }

    /** An event as a dead letter of the incentive topic, as if its delivery had failed during an outage. */
    private UUID deadLetter(EventEnvelope<? extends DomainEvent> event) {
        UUID letter = UUID.randomUUID();
        jdbc.update("""
                insert into dead_letter (id, original_topic, original_partition, original_offset, message_key, event_id,
                                         event_type, payload, error_class, error_message, status, recorded_at)
                values (?, ?, 0, ?, ?, ?, ?, ?, 'java.lang.IllegalStateException', 'delivered during an outage', 'PENDING', now())""",
                letter, Topics.INCENTIVE, Math.abs(letter.getMostSignificantBits()), event.participantId().toString(),
                event.eventId(), event.type(), EventJson.write(event));
        return letter;
    }

    private static List<EventEnvelope<DomainEvent>> succeeded(KafkaProbe probe, String instructionId) {
        return events(probe).stream().filter(e -> e.payload() instanceof DisbursementSucceeded s
                && s.instructionId().equals(instructionId)).toList();
    }

    private List<String> causes(String instructionId) {
        return jdbc.queryForList("select cause from payment_transition where instruction_id = ? order by id", String.class,
                instructionId);
    }
}
