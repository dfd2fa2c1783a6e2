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
import id.go.prakerja.events.incentive.IncentiveEntitled;
import id.go.prakerja.events.incentive.IncentiveKind;
import id.go.prakerja.events.incentive.PayoutAccountLinkRequested;
import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.events.payment.DisbursementFailed;
import id.go.prakerja.events.payment.DisbursementOutcomeUnknown;
import id.go.prakerja.events.payment.DisbursementSucceeded;
import id.go.prakerja.payment.PaymentGatewayServiceTest;
import id.go.prakerja.simulators.Fault;
import id.go.prakerja.simulators.FaultMode;
import id.go.prakerja.testsupport.KafkaProbe;

/** A disbursement request, end to end: recorded, sent by the worker, settled, announced once. */
class DisbursementTest extends PaymentGatewayServiceTest {

    @Test
    void a_request_delivered_twice_pays_once_and_is_announced_once() {
        String account = newAccount(PayoutPartner.BNI);
        var request = disbursement(PayoutPartner.BNI, account, 600_000);
        String id = request.payload().instructionId();
        try (KafkaProbe probe = KafkaProbe.listen(Topics.PAYMENT)) {
            publish(request);
            publish(request);
            Payment paid = awaitStatus(id, PaymentStatus.SUCCEEDED);

            assertThat(paid.partnerReference()).startsWith("BNI");
            assertThat(credits(PayoutPartner.BNI, paid.partnerReferenceNo())).isEqualTo(1);
            assertThat(sim(PayoutPartner.BNI).payment(paid.partnerReferenceNo()).orElseThrow().amount()).isEqualTo(600_000);
            await().atMost(WAIT).until(() -> events(probe, DisbursementSucceeded.class).stream()
                    .anyMatch(e -> e.instructionId().equals(id)));
            // a second copy of the same request, even now and with its account sealed anew (other text, the same
            // account), pays nothing and announces nothing
            DisbursementRequested r = request.payload();
            var copy = EventEnvelope.of(new DisbursementRequested(r.instructionId(), r.kind(), r.sequence(), r.amount(),
                    r.partner(), sealedAccount(request.participantId(), account)), request.participantId(), UUID.randomUUID(),
                    null, java.time.Instant.now());
            assertThat(copy.payload().accountNumber()).isNotEqualTo(r.accountNumber()).doesNotContain(account);
            publish(copy);
            await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from inbox_message where event_id = ?",
                    Long.class, copy.eventId()) == 1);
            await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> true);
            assertThat(jdbc.queryForObject("select count(*) from payment_conflict where instruction_id = ?", Integer.class, id))
                    .as("the same content, though sealed differently").isZero();
            assertThat(events(probe, DisbursementSucceeded.class)).filteredOn(e -> e.instructionId().equals(id)).hasSize(1);
            assertThat(transitions(id)).containsExactly("->RECEIVED", "RECEIVED>SENDING", "SENDING>SUCCEEDED");
        }
    }

    @Test
    void a_request_whose_sealed_values_do_not_open_is_dead_lettered_and_the_next_one_is_paid() {
        String account = newAccount(PayoutPartner.LINKAJA);
        var good = disbursement(PayoutPartner.LINKAJA, account, 600_000);
        DisbursementRequested r = good.payload();
        // sealed for another participant: a value moved between events does not open here
        var moved = EventEnvelope.of(new DisbursementRequested(r.instructionId(), r.kind(), r.sequence(), r.amount(), r.partner(),
                sealedAccount(UUID.randomUUID(), account)), good.participantId(), UUID.randomUUID(), null, java.time.Instant.now());
        // a link request whose name was sealed as its phone: the right key, the wrong field
        UUID participant = UUID.randomUUID();
        UUID link = UUID.randomUUID();
        var swapped = EventEnvelope.of(new PayoutAccountLinkRequested(link, PayoutPartner.LINKAJA,
                sealedForLink("accountNumber", participant, account), sealedForLink("nik", participant, "3174050101900001"),
                sealedForLink("registeredPhone", participant, "BUDI SANTOSO"),
                sealedForLink("registeredPhone", participant, account)), participant, UUID.randomUUID(), null,
                java.time.Instant.now());
        // plain text where a sealed value belongs
        var plain = EventEnvelope.of(new DisbursementRequested(
                DisbursementRequested.instructionId(participant, IncentiveKind.POST_TRAINING, 2), IncentiveKind.POST_TRAINING,
                2, 600_000, PayoutPartner.LINKAJA, account), participant, UUID.randomUUID(), null, java.time.Instant.now());
        publish(moved);
        publish(swapped);
        publish(plain);
        publish(good);

        Payment paid = awaitStatus(r.instructionId(), PaymentStatus.SUCCEEDED);
        assertThat(accounts.open(paid)).isEqualTo(account);
        assertThat(paid.accountMasked()).isEqualTo(Payment.mask(account)).doesNotContain(account);
        assertThat(paid.requestEventId()).isEqualTo(good.eventId());
        for (var poison : java.util.List.of(moved, swapped, plain)) {
            await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from dead_letter where event_id = ?",
                    Long.class, poison.eventId()) == 1);
            assertThat(jdbc.queryForObject("select count(*) from inbox_message where event_id = ?", Long.class,
                    poison.eventId())).as("rolled back, not recorded as processed").isZero();
        }
        assertThat(jdbc.queryForObject("select count(*) from account_link where link_id = ?", Long.class, link)).isZero();
        assertThat(ledger.find(plain.payload().instructionId())).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from payment_conflict where instruction_id = ?", Integer.class,
                r.instructionId())).isZero();
    }

    @Test
    void an_incentive_event_the_gateway_does_not_act_on_is_read_and_skipped_not_dead_lettered() {
        UUID participant = UUID.randomUUID();
        String id = DisbursementRequested.instructionId(participant, IncentiveKind.SURVEY, 1);
        var entitled = EventEnvelope.of(new IncentiveEntitled(id, IncentiveKind.SURVEY, 1, 50_000, java.time.Instant.now(),
                java.time.Instant.now()), participant, UUID.randomUUID(), null, java.time.Instant.now());
        publish(entitled);
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from inbox_message where consumer = 'payment.incentive-events' and event_id = ?",
                Long.class, entitled.eventId()) == 1);
        assertThat(jdbc.queryForObject("select count(*) from dead_letter where event_id = ?", Long.class, entitled.eventId()))
                .isZero();
        assertThat(ledger.find(id)).as("an entitlement is no instruction to pay").isEmpty();
    }

    @Test
    void the_same_instruction_with_other_content_is_refused_recorded_and_never_paid() {
        String account = newAccount(PayoutPartner.OVO);
        var request = disbursement(PayoutPartner.OVO, account, 600_000);
        String id = request.payload().instructionId();
        publish(request);
        Payment paid = awaitStatus(id, PaymentStatus.SUCCEEDED);
        var other = EventEnvelope.of(new DisbursementRequested(id, request.payload().kind(), 1, 6_000_000,
                PayoutPartner.OVO, sealedAccount(request.participantId(), account)), request.participantId(), UUID.randomUUID(), null, java.time.Instant.now());
        publish(other);

        await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from payment_conflict where instruction_id = ?",
                Integer.class, id) == 1);
        assertThat(ledger.find(id).orElseThrow().amount()).isEqualTo(600_000);
        assertThat(sim(PayoutPartner.OVO).payments()).filteredOn(p -> p.partnerReferenceNo().equals(paid.partnerReferenceNo()))
                .singleElement().satisfies(p -> assertThat(p.amount()).isEqualTo(600_000));
        assertThat(operator().get("/admin/payments/" + id).json().get("conflicts")).hasSize(1);
    }

    @Test
    void a_refused_account_fails_with_a_reason_the_participant_can_act_on() {
        var request = disbursement(PayoutPartner.GOPAY, "081200000009", 600_000);
        String id = request.payload().instructionId();
        try (KafkaProbe probe = KafkaProbe.listen(Topics.PAYMENT)) {
            publish(request);
            Payment failed = awaitStatus(id, PaymentStatus.FAILED);
            assertThat(failed.reasonCode()).isEqualTo("ACCOUNT_NOT_FOUND");
            assertThat(failed.lastRawCode()).isEqualTo("4043811");
            await().atMost(WAIT).until(() -> events(probe, DisbursementFailed.class).stream()
                    .anyMatch(e -> e.instructionId().equals(id) && e.reasonCode().equals("ACCOUNT_NOT_FOUND")
                            && e.retryableAfterAccountChange()));
        }
    }

    @Test
    void a_transfer_that_times_out_after_paying_is_unknown_until_the_inquiry_says_paid() {
        String account = newAccount(PayoutPartner.LINKAJA);
        sim(PayoutPartner.LINKAJA).pendingPercent(0);
        sim(PayoutPartner.LINKAJA).fault(Fault.timeout(Duration.ofSeconds(4)).forCalls(1));
        var request = disbursement(PayoutPartner.LINKAJA, account, 600_000);
        String id = request.payload().instructionId();
        publish(request);

        Payment paid = awaitStatus(id, PaymentStatus.SUCCEEDED);
        assertThat(transitions(id)).containsSubsequence("SENDING>UNKNOWN", "UNKNOWN>SUCCEEDED");
        assertThat(credits(PayoutPartner.LINKAJA, paid.partnerReferenceNo())).isEqualTo(1);
        assertThat(sim(PayoutPartner.LINKAJA).payments()).filteredOn(p -> p.partnerReferenceNo().equals(paid.partnerReferenceNo()))
                .hasSize(1);
    }

    @Test
    void a_500_after_paying_is_unknown_announced_once_and_never_paid_twice() {
        String account = newAccount(PayoutPartner.OVO);
        // the transfer and the first two status inquiries answer 500: the payment stays UNKNOWN meanwhile
        sim(PayoutPartner.OVO).fault(new Fault(FaultMode.ERROR_AFTER_WORK, 0, 3));
        var request = disbursement(PayoutPartner.OVO, account, 600_000);
        String id = request.payload().instructionId();
        try (KafkaProbe probe = KafkaProbe.listen(Topics.PAYMENT)) {
            publish(request);
            publish(request);
            Payment paid = awaitStatus(id, PaymentStatus.SUCCEEDED);
            assertThat(transitions(id)).contains("SENDING>UNKNOWN", "UNKNOWN>SUCCEEDED");
            assertThat(credits(PayoutPartner.OVO, paid.partnerReferenceNo())).isEqualTo(1);
            assertThat(paid.inquiries()).as("the sweeper asked more than once").isGreaterThan(1);

            await().atMost(WAIT).until(() -> events(probe, DisbursementSucceeded.class).stream()
                    .anyMatch(e -> e.instructionId().equals(id)));
            var unknown = events(probe).stream().filter(e -> e.payload() instanceof DisbursementOutcomeUnknown u
                    && u.instructionId().equals(id)).toList();
            assertThat(unknown).as("once per entry into UNKNOWN, not per inquiry or delivery").hasSize(1);
            assertThat(unknown).hasSize((int) transitions(id).stream().filter(t -> t.endsWith(">UNKNOWN")).count());
            var event = unknown.getFirst();
            assertThat(event.participantId()).isEqualTo(request.participantId());
            assertThat(event.causationId()).isEqualTo(request.eventId());
            DisbursementOutcomeUnknown payload = (DisbursementOutcomeUnknown) event.payload();
            assertThat(payload.partner()).isEqualTo(PayoutPartner.OVO);
            assertThat(payload.detail()).startsWith("transfer: ");
            assertThat(payload.since()).isBefore(paid.finishedAt());
            assertThat(events(probe).stream().map(e -> e.payload().getClass().getSimpleName())
                    .filter(t -> t.startsWith("Disbursement")).toList())
                    .as("unknown, then paid").containsSubsequence("DisbursementOutcomeUnknown", "DisbursementSucceeded");
        }
    }

    @Test
    void a_transfer_lost_before_the_partner_saw_it_is_sent_again_under_the_same_reference() {
        String account = newAccount(PayoutPartner.BNI);
        sim(PayoutPartner.BNI).fault(new Fault(FaultMode.ERROR, 0, 1)); // 500 and nothing done
        var request = disbursement(PayoutPartner.BNI, account, 600_000);
        String id = request.payload().instructionId();
        publish(request);
        Payment paid = awaitStatus(id, PaymentStatus.SUCCEEDED);
        assertThat(transitions(id)).containsSubsequence("SENDING>UNKNOWN", "UNKNOWN>RECEIVED", "RECEIVED>SENDING",
                "SENDING>SUCCEEDED");
        assertThat(paid.partnerReferenceNo()).isEqualTo(PaymentReferences.of(id, 1));
        assertThat(credits(PayoutPartner.BNI, paid.partnerReferenceNo())).isEqualTo(1);
    }

    @Test
    void a_failed_payment_is_paid_again_only_on_incentives_new_request_never_by_the_gateway_itself() {
        String account = newAccount(PayoutPartner.LINKAJA);
        sim(PayoutPartner.LINKAJA).pendingPercent(100);
        sim(PayoutPartner.LINKAJA).failPercent(100);
        sim(PayoutPartner.LINKAJA).settleAfter(Duration.ofMillis(200));
        var request = disbursement(PayoutPartner.LINKAJA, account, 600_000);
        String id = request.payload().instructionId();
        publish(request);
        Payment failed = awaitStatus(id, PaymentStatus.FAILED);
        assertThat(failed.reasonCode()).isEqualTo("LIMIT_EXCEEDED");
        assertThat(transitions(id)).containsSubsequence("SENDING>PENDING_AT_PARTNER", "PENDING_AT_PARTNER>FAILED");

        // the gateway has no retry of its own: an operator's retry is an action on the tranche in incentive-service
        sim(PayoutPartner.LINKAJA).failPercent(0);
        sim(PayoutPartner.LINKAJA).pendingPercent(0);
        var retry = operator().post("/admin/payments/" + id + "/retry", null);
        assertThat(retry.status()).isEqualTo(404);
        assertThat(retry.contentType()).contains("application/problem+json");
        assertThat(ledger.find(id).orElseThrow().status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(sim(PayoutPartner.LINKAJA).payments()).filteredOn(p -> p.partnerReferenceNo().startsWith(failed.partnerReferenceNo()))
                .hasSize(1);

        // incentive-service orders it again under the same instruction: a new attempt, its own reference
        publish(EventEnvelope.of(new DisbursementRequested(id, IncentiveKind.POST_TRAINING, 1, 600_000, PayoutPartner.LINKAJA,
                sealedAccount(request.participantId(), account)), request.participantId(), UUID.randomUUID(), null, Instant.now()));
        Payment paid = awaitStatus(id, PaymentStatus.SUCCEEDED);
        assertThat(paid.partnerReferenceNo()).isEqualTo(PaymentReferences.of(id, 2)).isNotEqualTo(failed.partnerReferenceNo());
        assertThat(sim(PayoutPartner.LINKAJA).payment(failed.partnerReferenceNo()).orElseThrow().credited()).isFalse();
        assertThat(credits(PayoutPartner.LINKAJA, paid.partnerReferenceNo())).as("once, under every reference").isEqualTo(1);
        assertThat(ledger.attempts(id)).extracting(PaymentLedger.Attempt::partnerReferenceNo, PaymentLedger.Attempt::settledAs)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(failed.partnerReferenceNo(), "NOT_CREDITED"),
                        org.assertj.core.groups.Tuple.tuple(paid.partnerReferenceNo(), "CREDITED"));
        assertThat(operator().post("/admin/payments/" + id + "/inquiry", null).status()).isEqualTo(409);
    }

    @Test
    void a_pending_transfer_settles_by_inquiry_even_when_its_callback_never_comes() {
        String account = newAccount(PayoutPartner.GOPAY);
        sim(PayoutPartner.GOPAY).pendingPercent(100);
        sim(PayoutPartner.GOPAY).settleAfter(Duration.ofMillis(300));
        sim(PayoutPartner.GOPAY).callbackMode(id.go.prakerja.simulators.payment.PaymentPartnerSimulator.CallbackMode.LOST);
        var request = disbursement(PayoutPartner.GOPAY, account, 600_000);
        String id = request.payload().instructionId();
        publish(request);
        Payment paid = awaitStatus(id, PaymentStatus.SUCCEEDED);
        assertThat(transitions(id)).containsSubsequence("SENDING>PENDING_AT_PARTNER", "PENDING_AT_PARTNER>SUCCEEDED");
        assertThat(credits(PayoutPartner.GOPAY, paid.partnerReferenceNo())).isEqualTo(1);
    }
}
