package id.go.prakerja.incentive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.Topics;
import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.IncentiveEntitled;
import id.go.prakerja.events.incentive.IncentiveKind;
import id.go.prakerja.events.incentive.PayoutAccountLinkRequested;
import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.events.payment.AccountRejectionReason;
import id.go.prakerja.events.payment.DisbursementOutcomeUnknown;
import id.go.prakerja.support.crypto.SealContext;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.KafkaProbe;

/** A participant's way from a reconciled first training to seven incentives, each paid exactly once. */
class IncentiveJourneyTest extends IncentiveServiceTest {

    private KafkaProbe probe;

    @BeforeEach
    void listen() {
        probe = KafkaProbe.listen(Topics.INCENTIVE);
    }

    @AfterEach
    void close() {
        probe.close();
    }

    /** The context the payment gateway opens a disbursement request's account with. */
    private static SealContext accountToPay(Participant p) {
        return SealContext.ofEvent(DisbursementRequested.class, "accountNumber", p.id());
    }

    /** Delivers an event twice, then replays it once more from a dead letter: only the first may change anything. */
    private void deliverTwiceAndReplay(String topic, EventEnvelope<? extends DomainEvent> event) {
        publish(topic, event);
        publish(topic, event);
        await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from inbox_message where event_id = ?",
                Long.class, event.eventId()) == 1);
        UUID letter = UUID.randomUUID();
        jdbc.update("""
                insert into dead_letter (id, original_topic, original_partition, original_offset, message_key, event_id,
                                         event_type, payload, error_class, error_message, status, recorded_at)
                values (?, ?, 0, ?, ?, ?, ?, ?, 'java.lang.IllegalStateException', 'delivered during an outage', 'PENDING', now())""",
                letter, topic, Math.abs(letter.getMostSignificantBits()), event.participantId().toString(), event.eventId(),
                event.type(), EventJson.write(event));
        var replay = operator("ops-replay").post("/admin/messaging/incentive/dead-letters/" + letter + "/replay", null);
        assertThat(replay.status()).as(replay.toString()).isEqualTo(200);
    }

    @Test
    void an_e_wallet_link_is_pending_then_verified_and_the_gateway_receives_the_nik_sealed_for_it() {
        Participant p = newParticipant("31", 1);
        deliverTwiceAndReplay(Topics.REGISTRATION, registered(p));
        deliverTwiceAndReplay(Topics.COHORT, selected(p, 1));
        assertThat(jdbc.queryForObject("select count(*) from participant where participant_id = ? and wave_number = 1",
                Long.class, p.id())).isEqualTo(1);
        UUID link = link(p, "OVO", p.phone().replace("+62", "0"));

        var mine = p.api().get("/api/v1/payout-account").json();
        assertThat(mine.get("status").asString()).isEqualTo("PENDING");
        assertThat(mine.get("partner").asString()).isEqualTo("OVO");
        await().atMost(WAIT).until(() -> !linkRequests(probe).isEmpty());
        var request = linkRequests(probe).getFirst();
        assertThat(request.payload().linkId()).isEqualTo(link);
        assertThat(request.payload().partner()).isEqualTo(PayoutPartner.OVO);
        // what the gateway presents to the partner travels sealed, each field under its own context
        String phoneDigits = p.phone().substring(3);
        assertThat(request.payload().accountNumber()).doesNotContain(phoneDigits);
        assertThat(request.payload().registeredPhone()).doesNotContain(phoneDigits);
        assertThat(request.payload().fullName()).doesNotContain(p.fullName()).doesNotContain(p.fullName().split(" ")[0]);
        assertThat(request.payload().nik()).doesNotContain(p.nik());
        assertThat(crypto.decryptFromTransport(request.payload().nik(), SealContext.ofEvent(PayoutAccountLinkRequested.class,
                "nik", p.id()))).isEqualTo(p.nik());
        assertThat(crypto.decryptFromTransport(request.payload().accountNumber(), SealContext.ofEvent(
                PayoutAccountLinkRequested.class, "accountNumber", p.id()))).isEqualTo(p.phone());
        assertThat(crypto.decryptFromTransport(request.payload().fullName(), SealContext.ofEvent(
                PayoutAccountLinkRequested.class, "fullName", p.id()))).isEqualTo(p.fullName());
        assertThat(crypto.decryptFromTransport(request.payload().registeredPhone(), SealContext.ofEvent(
                PayoutAccountLinkRequested.class, "registeredPhone", p.id()))).isEqualTo(p.phone());
        assertThatThrownBy(() -> crypto.decryptFromTransport(request.payload().registeredPhone(), SealContext.ofEvent(
                PayoutAccountLinkRequested.class, "accountNumber", p.id())))
                .as("a value moved to another field does not open").isInstanceOf(IllegalArgumentException.class);
        assertThat(jdbc.queryForObject("select nik_sealed from participant where participant_id = ?", String.class, p.id()))
                .doesNotContain(p.nik());

        deliverTwiceAndReplay(Topics.PAYMENT, accountVerified(p, link));
        assertThat(p.api().get("/api/v1/payout-account").json().get("status").asString()).isEqualTo("VERIFIED");
        await().atMost(WAIT).until(() -> SIMULATORS.messagesTo(p.phone()).stream().anyMatch(m -> m.text().contains("terverifikasi")));
        assertThat(SIMULATORS.messagesTo(p.phone())).as("one SMS although the event came three times").hasSize(1);
        await().atMost(WAIT).until(() -> SIMULATORS.email().messagesTo(p.email()).size() == 1);
    }

    @Test
    void a_rejected_account_shows_what_to_do_in_both_languages_and_another_can_be_linked() {
        Participant p = participant();
        UUID link = link(p, "BNI", "0123456789");
        deliverTwiceAndReplay(Topics.PAYMENT, accountRejected(p, link, AccountRejectionReason.NAME_MISMATCH, "B**I S*****O"));

        var english = p.api().inLanguage("en").get("/api/v1/payout-account").json();
        assertThat(english.get("status").asString()).isEqualTo("REJECTED");
        assertThat(english.get("reasonCode").asString()).isEqualTo("NAME_MISMATCH");
        assertThat(english.get("accountHolderMasked").asString()).isEqualTo("B**I S*****O");
        assertThat(english.get("reasonMessage").asString()).contains("B**I S*****O").contains("name on your KTP");
        assertThat(english.get("accountNumberMasked").asString()).isEqualTo("******6789");
        var bahasa = p.api().inLanguage("id").get("/api/v1/payout-account").json();
        assertThat(bahasa.get("reasonMessage").asString()).contains("B**I S*****O").contains("nama di KTP");
        await().atMost(WAIT).until(() -> SIMULATORS.messagesTo(p.phone()).stream().anyMatch(m -> m.text().contains("ditolak")));

        UUID second = link(p, "GOPAY", p.phone());
        assertThat(second).isNotEqualTo(link);
        assertThat(p.api().post("/api/v1/payout-account", Map.of("partner", "BNI", "accountNumber", "0123456780")).json()
                .get("code").asString()).isEqualTo("ACCOUNT_ALREADY_LINKED");
        assertThat(p.api().send("DELETE", "/api/v1/payout-account", null, Map.of()).status()).isEqualTo(204);
        // a verdict for the unlinked link changes nothing
        deliverTwiceAndReplay(Topics.PAYMENT, accountVerified(p, second));
        assertThat(p.api().get("/api/v1/payout-account").json().get("status").asString()).isEqualTo("UNLINKED");
        link(p, "LINKAJA", p.phone());
        assertThat(p.api().get("/api/v1/payout-account").json().get("status").asString()).isEqualTo("PENDING");
    }

    @Test
    void only_one_of_thirty_simultaneous_link_requests_is_accepted() throws Exception {
        Participant p = participant();
        List<Integer> statuses;
        try (var clients = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Callable<Integer>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String account = "98765432" + String.format("%02d", i);
                calls.add(() -> p.api().post("/api/v1/payout-account", Map.of("partner", "BNI", "accountNumber", account)).status());
            }
            statuses = clients.invokeAll(calls).stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
        assertThat(statuses).filteredOn(s -> s == 202).hasSize(1);
        assertThat(statuses).filteredOn(s -> s != 202).allMatch(s -> s == 409);
        assertThat(jdbc.queryForObject("select count(*) from payout_account where participant_id = ?", Long.class, p.id()))
                .isEqualTo(1);
        await().atMost(WAIT).until(() -> linkRequests(probe).stream().filter(r -> r.participantId().equals(p.id())).count() == 1);
    }

    @Test
    void all_seven_incentives_are_requested_and_paid_exactly_once_though_every_event_arrives_three_times() {
        Participant p = participant();
        UUID link = linkVerified(p);
        String account = jdbc.queryForObject("select account_number from payout_account where link_id = ?", String.class, link);
        assertThat(p.status("POST_TRAINING", 1)).isEqualTo("WAITING_FOR_TRAINING");
        var first = reconciled(p, true);
        deliverTwiceAndReplay(Topics.TRAINING, first);
        deliverTwiceAndReplay(Topics.TRAINING, reconciled(p, false));
        publish(Topics.TRAINING, reconciled(p, true)); // the first training reconciled once more, as another event
        await().atMost(WAIT).until(() -> entitlements(probe, p.id()).size() == 4);
        for (int n = 1; n <= 4; n++) {
            var entitled = entitlements(probe, p.id()).get(n - 1);
            assertThat(entitled.causationId()).isEqualTo(first.eventId());
            IncentiveEntitled e = entitled.payload();
            assertThat(e.instructionId()).isEqualTo(p.instructionId("POST_TRAINING", n));
            assertThat(e.kind()).isEqualTo(IncentiveKind.POST_TRAINING);
            assertThat(e.sequence()).isEqualTo(n);
            assertThat(e.amount()).isEqualTo(600_000);
            assertThat(e.entitledAt()).isEqualTo(first.occurredAt());
            assertThat(e.dueAt()).isAfter(first.occurredAt());
        }
        var tranche1 = p.tranche("POST_TRAINING", 1);
        assertThat(tranche1.get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(tranche1.get("amount").asLong()).isEqualTo(600_000);
        assertThat(p.incentives().get("totals").get("toCome").asLong()).isEqualTo(2_550_000);

        for (int n = 1; n <= 4; n++) {
            String id = p.instructionId("POST_TRAINING", n);
            await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofMillis(600)).until(() -> true);
            assertThat(requestsOf(probe, id)).as("tranche " + n + " before its date").isEmpty();
            if (n == 1) {
                nextPayoutDate();
            } else {
                clock.advance(Duration.ofDays(31));
            }
            await().atMost(WAIT).until(() -> requestsOf(probe, id).size() == 1);
            DisbursementRequested request = requestsOf(probe, id).getFirst().payload();
            assertThat(request.amount()).isEqualTo(600_000);
            assertThat(request.sequence()).isEqualTo(n);
            assertThat(request.partner()).isEqualTo(PayoutPartner.BNI);
            assertThat(request.accountNumber()).doesNotContain(account);
            assertThat(crypto.decryptFromTransport(request.accountNumber(), accountToPay(p))).isEqualTo(account);
            assertThat(p.status("POST_TRAINING", n)).isEqualTo("REQUESTED");
            deliverTwiceAndReplay(Topics.PAYMENT, paid(p, id));
            assertThat(p.status("POST_TRAINING", n)).isEqualTo("PAID");
            assertThat(p.tranche("POST_TRAINING", n).get("partnerReference").asString()).startsWith("REF-");
        }
        for (int s = 1; s <= 3; s++) {
            String id = p.instructionId("SURVEY", s);
            assertThat(p.status("SURVEY", s)).isEqualTo("WAITING_FOR_SURVEY");
            var survey = surveyCompleted(p, s);
            deliverTwiceAndReplay(Topics.SURVEY, survey);
            publish(Topics.SURVEY, surveyCompleted(p, s)); // the same survey completed again, as another event
            await().atMost(WAIT).until(() -> entitlements(probe, p.id()).stream()
                    .anyMatch(e -> e.payload().instructionId().equals(id)));
            IncentiveEntitled entitled = entitlements(probe, p.id()).stream().map(EventEnvelope::payload)
                    .filter(e -> e.instructionId().equals(id)).findFirst().orElseThrow();
            assertThat(entitled.kind()).isEqualTo(IncentiveKind.SURVEY);
            assertThat(entitled.sequence()).isEqualTo(s);
            assertThat(entitled.amount()).isEqualTo(50_000);
            assertThat(entitled.entitledAt()).isEqualTo(survey.occurredAt());
            assertThat(p.tranche("SURVEY", s).get("scheduledDate").asString()).isNotNull();
            nextPayoutDate();
            await().atMost(WAIT).until(() -> requestsOf(probe, id).size() == 1);
            assertThat(requestsOf(probe, id).getFirst().payload().amount()).isEqualTo(50_000);
            deliverTwiceAndReplay(Topics.PAYMENT, paid(p, id));
        }
        nextPayoutDate();
        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofSeconds(1)).until(() -> true);
        var totals = p.incentives().get("totals");
        assertThat(totals.get("received").asLong()).isEqualTo(2_550_000);
        assertThat(totals.get("toCome").asLong()).isZero();
        assertThat(requests(probe).stream().filter(r -> r.participantId().equals(p.id())).count()).isEqualTo(7);
        assertThat(requests(probe).stream().filter(r -> r.participantId().equals(p.id()))
                .mapToLong(r -> r.payload().amount()).sum()).isEqualTo(2_550_000);
        assertThat(entitlements(probe, p.id())).as("each tranche entitled once, under its request's instruction id")
                .map(e -> e.payload().instructionId())
                .containsExactlyInAnyOrderElementsOf(requests(probe).stream().filter(r -> r.participantId().equals(p.id()))
                        .map(r -> r.payload().instructionId()).toList());
        await().atMost(WAIT).until(() -> SIMULATORS.messagesTo(p.phone()).stream().filter(m -> m.text().contains("dibayar")).count() == 7);
    }

    @Test
    void a_failed_tranche_waits_for_a_new_verified_account_and_is_paid_once_under_the_same_instruction_id() {
        Participant p = participant();
        UUID first = linkVerified(p);
        publish(Topics.TRAINING, reconciled(p, true));
        await().atMost(WAIT).until(() -> "SCHEDULED".equals(p.status("POST_TRAINING", 1)));
        nextPayoutDate();
        String id = p.instructionId("POST_TRAINING", 1);
        await().atMost(WAIT).until(() -> requestsOf(probe, id).size() == 1);

        deliverTwiceAndReplay(Topics.PAYMENT, failed(p, id, "ACCOUNT_CLOSED", true));
        var failedTranche = p.api().inLanguage("en").get("/api/v1/incentives/me").json().get("postTraining").get(0);
        assertThat(failedTranche.get("status").asString()).isEqualTo("FAILED");
        assertThat(failedTranche.get("failureReason").asString()).isEqualTo("ACCOUNT_CLOSED");
        assertThat(failedTranche.get("whatToDo").asString()).contains("link another account");
        await().atMost(WAIT).until(() -> SIMULATORS.messagesTo(p.phone()).stream().anyMatch(m -> m.text().contains("gagal")));

        nextPayoutDate();
        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(requestsOf(probe, id)).as("not again to the account that failed").hasSize(1);

        assertThat(p.api().send("DELETE", "/api/v1/payout-account", null, Map.of()).status()).isEqualTo(204);
        UUID rejected = link(p, "LINKAJA", p.phone());
        deliverTwiceAndReplay(Topics.PAYMENT, accountRejected(p, rejected, AccountRejectionReason.NOT_KYC, null));
        nextPayoutDate();
        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(requestsOf(probe, id)).as("not to a rejected account").hasSize(1);

        UUID good = link(p, "GOPAY", p.phone());
        assertThat(good).isNotEqualTo(first);
        deliverTwiceAndReplay(Topics.PAYMENT, accountVerified(p, good));
        await().atMost(WAIT).until(() -> requestsOf(probe, id).size() == 2);
        var again = requestsOf(probe, id).get(1).payload();
        assertThat(again.instructionId()).isEqualTo(id);
        assertThat(again.partner()).isEqualTo(PayoutPartner.GOPAY);
        assertThat(again.accountNumber()).doesNotContain(p.phone().substring(3));
        assertThat(crypto.decryptFromTransport(again.accountNumber(), accountToPay(p))).isEqualTo(p.phone());

        deliverTwiceAndReplay(Topics.PAYMENT, paid(p, id));
        assertThat(p.status("POST_TRAINING", 1)).isEqualTo("PAID");
        // a late failure report for the paid tranche changes nothing
        deliverTwiceAndReplay(Topics.PAYMENT, failed(p, id, "ACCOUNT_CLOSED", true));
        assertThat(p.status("POST_TRAINING", 1)).isEqualTo("PAID");
        nextPayoutDate();
        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(requestsOf(probe, id)).hasSize(2);
        assertThat(jdbc.queryForObject("select count(*) from tranche where instruction_id = ?", Long.class, id)).isEqualTo(1);
    }

    /** A participant with a verified account and a reconciled first training, whose first tranche was requested. */
    private String firstTrancheRequested(Participant p) {
        linkVerified(p);
        publish(Topics.TRAINING, reconciled(p, true));
        await().atMost(WAIT).until(() -> "SCHEDULED".equals(p.status("POST_TRAINING", 1)));
        nextPayoutDate();
        String id = p.instructionId("POST_TRAINING", 1);
        await().atMost(WAIT).until(() -> requestsOf(probe, id).size() == 1);
        return id;
    }

    @Test
    void a_payment_in_doubt_at_the_gateway_shows_why_to_the_participant_and_operators_and_is_never_requested_again_meanwhile() {
        Participant p = participant();
        String id = firstTrancheRequested(p);

        // a plain unknown outcome changes nothing the participant sees
        deliverTwiceAndReplay(Topics.PAYMENT, EventEnvelope.of(new DisbursementOutcomeUnknown(id, PayoutPartner.BNI,
                "transfer: outcome unknown (TIMEOUT)", clock.instant()), p.id(), UUID.randomUUID(), null, clock.instant()));
        assertThat(p.api().inLanguage("en").get("/api/v1/incentives/me").json().get("postTraining").get(0)
                .get("whatToDo").isNull()).isTrue();
        deliverTwiceAndReplay(Topics.PAYMENT, EventEnvelope.of(new DisbursementOutcomeUnknown(id, PayoutPartner.BNI,
                "transfer refused: LIMIT_EXCEEDED after an ambiguous attempt", clock.instant(), true), p.id(),
                UUID.randomUUID(), null, clock.instant()));
        var tranche = p.api().inLanguage("en").get("/api/v1/incentives/me").json().get("postTraining").get(0);
        assertThat(tranche.get("status").asString()).isEqualTo("REQUESTED");
        assertThat(tranche.get("whatToDo").asString()).contains("never paid twice").contains("do not need to do anything");
        assertThat(p.api().inLanguage("id").get("/api/v1/incentives/me").json().get("postTraining").get(0)
                .get("whatToDo").asString()).contains("tidak perlu");
        var backlog = operator("ops-doubt").get("/admin/incentives/backlog?reason=PAYMENT_IN_DOUBT&limit=1000").json();
        boolean listed = false;
        for (var row : backlog) {
            if (row.get("participantId").asString().equals(p.id().toString())) {
                listed = true;
                assertThat(row.get("detail").asString()).contains("after an ambiguous attempt");
            }
        }
        assertThat(listed).as("in the backlog as PAYMENT_IN_DOUBT").isTrue();
        nextPayoutDate();
        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(requestsOf(probe, id)).as("never requested again while in doubt").hasSize(1);

        // the check of every reference found the first transfer credited
        deliverTwiceAndReplay(Topics.PAYMENT, paid(p, id));
        assertThat(p.status("POST_TRAINING", 1)).isEqualTo("PAID");
        assertThat(jdbc.queryForObject("select in_doubt_since is null from tranche where instruction_id = ?", Boolean.class, id))
                .isTrue();
    }

    @Test
    void a_cancelled_tranche_the_gateway_later_finds_paid_is_recorded_paid_and_counted() {
        Participant p = participant();
        String id = firstTrancheRequested(p);
        deliverTwiceAndReplay(Topics.PAYMENT, failed(p, id, "PARTNER_REJECTED", false));
        assertThat(maker("maker-cancel").post("/admin/incentives/tranches/" + id + "/cancel",
                Map.of("reason", "refused by the partner for good")).status()).isEqualTo(202);
        await().atMost(WAIT).until(() -> "CANCELLED".equals(jdbc.queryForObject(
                "select status from tranche where instruction_id = ?", String.class, id)));
        long committed = jdbc.queryForObject("select committed from budget_commitment where id = 1", Long.class);

        // the settlement report shows the refused transfer credited after all: the money moved
        deliverTwiceAndReplay(Topics.PAYMENT, paid(p, id));
        assertThat(jdbc.queryForObject("select status from tranche where instruction_id = ?", String.class, id)).isEqualTo("PAID");
        assertThat(jdbc.queryForObject("select committed from budget_commitment where id = 1", Long.class))
                .isEqualTo(committed + 600_000);
        assertThat(p.api().get("/api/v1/incentives/me").json().get("totals").get("received").asLong()).isEqualTo(600_000);
    }

    @Test
    void a_due_tranche_waits_for_an_account_and_a_revoked_participant_gets_nothing_further() {
        Participant waiting = participant();
        Participant revokedLater = participant();
        linkVerified(revokedLater);
        publish(Topics.TRAINING, reconciled(waiting, true));
        publish(Topics.TRAINING, reconciled(revokedLater, true));
        await().atMost(WAIT).until(() -> "SCHEDULED".equals(waiting.status("POST_TRAINING", 1))
                && "SCHEDULED".equals(revokedLater.status("POST_TRAINING", 1)));
        nextPayoutDate();
        String revokedFirst = revokedLater.instructionId("POST_TRAINING", 1);
        await().atMost(WAIT).until(() -> requestsOf(probe, revokedFirst).size() == 1);
        HttpApi en = waiting.api().inLanguage("en");
        var due = en.get("/api/v1/incentives/me").json().get("postTraining").get(0);
        assertThat(due.get("status").asString()).isEqualTo("WAITING_FOR_ACCOUNT");
        assertThat(due.get("whatToDo").asString()).contains("Link a payout account");
        assertThat(requestsOf(probe, waiting.instructionId("POST_TRAINING", 1))).isEmpty();

        deliverTwiceAndReplay(Topics.REGISTRATION, revoked(revokedLater));
        // what was requested before the revocation may finish
        deliverTwiceAndReplay(Topics.PAYMENT, paid(revokedLater, revokedFirst));
        assertThat(revokedLater.status("POST_TRAINING", 1)).isEqualTo("PAID");
        assertThat(revokedLater.status("POST_TRAINING", 2)).isEqualTo("CANCELLED");
        assertThat(revokedLater.incentives().get("totals").get("toCome").asLong()).isZero();
        deliverTwiceAndReplay(Topics.SURVEY, surveyCompleted(revokedLater, 1));
        assertThat(revokedLater.status("SURVEY", 1)).isEqualTo("CANCELLED");

        linkVerified(waiting);
        String waited = waiting.instructionId("POST_TRAINING", 1);
        await().atMost(WAIT).until(() -> requestsOf(probe, waited).size() == 1);
        advanceMonths(4);
        await().atMost(WAIT).until(() -> requestsOf(probe, waiting.instructionId("POST_TRAINING", 4)).size() == 1);
        assertThat(requests(probe).stream().filter(r -> r.participantId().equals(revokedLater.id()))).hasSize(1);
        assertThat(revokedLater.api().post("/api/v1/payout-account", Map.of("partner", "OVO", "phone", revokedLater.phone()))
                .json().get("code").asString()).isIn("PARTICIPANT_REVOKED", "ACCOUNT_ALREADY_LINKED");
    }

    @Test
    void a_payment_the_partner_refused_is_sent_back_by_an_operator_and_requested_once_more_under_the_same_id() throws Exception {
        Participant p = participant();
        String id = firstTrancheRequested(p);
        var ops = maker("ops-retry");
        assertThat(ops.post("/admin/incentives/tranches/" + id + "/retry", null).status()).as("not while requested").isEqualTo(409);

        deliverTwiceAndReplay(Topics.PAYMENT, failed(p, id, "PARTNER_REJECTED", false));
        var failed = p.api().inLanguage("en").get("/api/v1/incentives/me").json().get("postTraining").get(0);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("whatToDo").asString()).contains("operators");
        nextPayoutDate();
        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(requestsOf(probe, id)).as("a refusal for a partner reason waits for an operator").hasSize(1);

        // a read-only operator or a checker cannot ask; the maker asks twenty times at once: one request is pending
        assertThat(operator("ops-read").post("/admin/incentives/tranches/" + id + "/retry", null).status()).isEqualTo(403);
        assertThat(checker("ops-check").post("/admin/incentives/tranches/" + id + "/retry", null).json().get("code").asString())
                .isEqualTo("ROLE_REQUIRED");
        List<HttpApi.Response> answers;
        try (var clients = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Callable<HttpApi.Response>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> ops.post("/admin/incentives/tranches/" + id + "/retry", Map.of("reason", "partner fixed it")));
            }
            answers = new java.util.ArrayList<>();
            for (var f : clients.invokeAll(calls)) {
                answers.add(f.get());
            }
        }
        assertThat(answers).filteredOn(a -> a.status() == 202).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() != 202).allMatch(a -> a.status() == 409);
        var request = answers.stream().filter(a -> a.status() == 202).findFirst().orElseThrow();

        // one operator alone sends nothing back: the maker cannot approve their own request
        long requestId = request.json().get("id").asLong();
        var own = api().withToken(tokens.issue("ops-retry", List.of("PAYOUT_MAKER",
                "PAYOUT_CHECKER")).accessToken())
                .post("/admin/incentives/change-requests/" + requestId + "/approve", null);
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.json().get("code").asString()).isEqualTo("FOUR_EYES_SAME_OPERATOR");
        nextPayoutDate();
        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(requestsOf(probe, id)).as("asked for, not approved").hasSize(1);
        assertThat(p.status("POST_TRAINING", 1)).isEqualTo("FAILED");

        approveChange(request, "ops-retry-checker");
        nextPayoutDate();
        await().atMost(WAIT).until(() -> requestsOf(probe, id).size() == 2);
        assertThat(requestsOf(probe, id).get(1).payload().instructionId()).isEqualTo(id);
        deliverTwiceAndReplay(Topics.PAYMENT, paid(p, id));
        assertThat(ops.post("/admin/incentives/tranches/" + id + "/retry", null).status()).as("not once paid").isEqualTo(409);
        assertThat(ops.post("/admin/incentives/tranches/nothing:POST_TRAINING:1/retry", null).status()).isEqualTo(404);
        nextPayoutDate();
        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(requestsOf(probe, id)).hasSize(2);
        assertThat(p.status("POST_TRAINING", 1)).isEqualTo("PAID");
    }

    @Test
    void a_payment_event_this_service_does_not_act_on_is_read_and_skipped_not_dead_lettered() {
        Participant p = participant();
        String id = p.instructionId("POST_TRAINING", 1);
        var unknown = EventEnvelope.of(new DisbursementOutcomeUnknown(id, PayoutPartner.BNI, "transfer: outcome unknown (timeout)",
                clock.instant()), p.id(), UUID.randomUUID(), null, clock.instant());
        publish(Topics.PAYMENT, unknown);
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from inbox_message where consumer = 'incentive.payment-events' and event_id = ?",
                Long.class, unknown.eventId()) == 1);
        assertThat(jdbc.queryForObject("select count(*) from dead_letter where event_id = ?", Long.class, unknown.eventId()))
                .isZero();
        assertThat(p.status("POST_TRAINING", 1)).isEqualTo("WAITING_FOR_TRAINING");
    }
}
