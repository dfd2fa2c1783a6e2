package id.go.prakerja.incentive.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.Topics;
import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.incentive.IntegritySignalCleared;
import id.go.prakerja.events.incentive.IntegritySignalConfirmed;
import id.go.prakerja.events.incentive.IntegritySignalRaised;
import id.go.prakerja.events.registration.ParticipantRevoked;
import id.go.prakerja.events.registration.RevocationReason;
import id.go.prakerja.incentive.IncentiveServiceTest;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.KafkaProbe;
import tools.jackson.databind.JsonNode;

/**
 * One payout account linked by several participants (SHARED_PAYOUT_ACCOUNT): recorded once, holds
 * everyone involved before anything is requested, and is decided per participant by two operators.
 */
class SharedPayoutAccountSignalTest extends IncentiveServiceTest {

    private KafkaProbe probe;

    @BeforeEach
    void listen() {
        probe = KafkaProbe.listen(Topics.INCENTIVE);
    }

    @AfterEach
    void close() {
        probe.close();
    }

    /** A participant whose first training was reconciled: four tranches scheduled, the first due on the next payout date. */
    private Participant entitled() {
        Participant p = participant();
        publish(Topics.TRAINING, reconciled(p, true));
        await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from tranche where participant_id = ?", Long.class,
                p.id()) == 4);
        return p;
    }

    private void verify(Participant p, UUID link) {
        publish(Topics.PAYMENT, accountVerified(p, link));
        await().atMost(WAIT).until(() -> "VERIFIED".equals(jdbc.queryForObject(
                "select status from payout_account where link_id = ?", String.class, link)));
    }

    /**
     * Moves to the next payout date and waits until its run is done with every due tranche: a witness
     * with a verified account and a tranche due then is requested, and no run is left working.
     */
    private void payoutRunDone() {
        Participant witness = entitled();
        linkVerified(witness);
        nextPayoutDate();
        String due = witness.instructionId("POST_TRAINING", 1);
        await().atMost(WAIT).until(() -> requestsOf(probe, due).size() == 1);
        await().atMost(WAIT).until(() -> Boolean.FALSE.equals(jdbc.queryForObject(
                "select exists (select 1 from payout_run where status in ('APPROVED', 'RUNNING'))", Boolean.class)));
    }

    private JsonNode signalsOf(Participant p) {
        return operator("ops-reader").get("/admin/integrity/signals?participantId=" + p.id()).json();
    }

    private static Set<String> participantsOf(JsonNode signal) {
        Set<String> ids = new java.util.TreeSet<>();
        signal.get("participants").forEach(m -> ids.add(m.get("participantId").asString()));
        return ids;
    }

    private List<EventEnvelope<IntegritySignalConfirmed>> confirmations(Participant p) {
        return eventsOf(p, IntegritySignalConfirmed.class);
    }

    /** The events of one type about this participant that reached the incentive topic since the test began. */
    private <E extends DomainEvent> List<EventEnvelope<E>> eventsOf(Participant p, Class<E> type) {
        return probe.records().stream().map(r -> EventJson.read(r.value())).flatMap(java.util.Optional::stream)
                .filter(e -> type.isInstance(e.payload()) && p.id().equals(e.participantId()))
                .map(e -> e.as(type)).toList();
    }

    /** The signal's raise as announced to this participant: exactly once, naming everyone it involves. */
    private IntegritySignalRaised raisedOnce(Participant p, long signalId, Participant... involved) {
        await().atMost(WAIT).until(() -> !eventsOf(p, IntegritySignalRaised.class).isEmpty());
        List<EventEnvelope<IntegritySignalRaised>> raised = eventsOf(p, IntegritySignalRaised.class);
        assertThat(raised).as("raised for %s", p.id()).hasSize(1);
        IntegritySignalRaised event = raised.getFirst().payload();
        assertThat(event.signalId()).isEqualTo(signalId);
        assertThat(event.kind()).isEqualTo("SHARED_PAYOUT_ACCOUNT");
        assertThat(event.participantIds()).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(involved).map(Participant::id).toList());
        return event;
    }

    @Test
    void two_participants_on_one_ovo_phone_are_both_held_then_one_is_cleared_and_paid_and_the_other_confirmed_and_never_paid() {
        Participant owner = entitled();
        Participant other = participant(); // entitled only after the signal: the payout run itself must hold them
        UUID ownerLink = link(owner, "OVO", owner.phone());
        UUID otherLink = link(other, "OVO", owner.phone().replace("+62", "0")); // the same phone, written another way
        verify(owner, ownerLink);
        verify(other, otherLink);
        publish(Topics.TRAINING, reconciled(other, true));
        await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from tranche where participant_id = ?", Long.class,
                other.id()) == 4);
        assertThat(other.status("POST_TRAINING", 1)).as("shown held before any run").isEqualTo("HELD");

        // recorded once, with both; no phone and no NIK in what operators read
        JsonNode signals = signalsOf(owner);
        assertThat(signals).hasSize(1);
        JsonNode signal = signals.get(0);
        long signalId = signal.get("id").asLong();
        assertThat(signal.get("kind").asString()).isEqualTo("SHARED_PAYOUT_ACCOUNT");
        assertThat(signal.get("partner").asString()).isEqualTo("OVO");
        assertThat(signal.get("status").asString()).isEqualTo("OPEN");
        assertThat(participantsOf(signal)).containsExactlyInAnyOrder(owner.id().toString(), other.id().toString());
        // each of the two announced once, with both (the console shows them held)
        raisedOnce(owner, signalId, owner, other);
        raisedOnce(other, signalId, owner, other);
        String listed = operator("ops-reader").get("/admin/integrity/signals?status=OPEN&limit=500").body();
        assertThat(listed).contains("\"id\":" + signalId);
        assertThat(listed).doesNotContain(owner.phone()).doesNotContain(owner.phone().substring(3)).doesNotContain(owner.nik());

        // a run pays others, and neither of the two: the one entitled after the signal is held by the run
        payoutRunDone();
        assertThat(jdbc.queryForObject("select status || ':' || held_reason from tranche where instruction_id = ?", String.class,
                other.instructionId("POST_TRAINING", 1))).isEqualTo("HELD:SHARED_PAYOUT_ACCOUNT");
        for (Participant p : List.of(owner, other)) {
            assertThat(requestsOf(probe, p.instructionId("POST_TRAINING", 1))).isEmpty();
            var en = p.api().inLanguage("en").get("/api/v1/incentives/me").json();
            assertThat(en.get("onHold").asString()).isEqualTo("SHARED_PAYOUT_ACCOUNT");
            assertThat(en.get("postTraining").get(0).get("status").asString()).isEqualTo("HELD");
            assertThat(en.get("postTraining").get(0).get("whatToDo").asString()).contains("also linked by another participant");
            assertThat(p.api().inLanguage("id").get("/api/v1/incentives/me").json().get("onHoldMessage").asString())
                    .contains("juga ditautkan oleh peserta lain");
            assertThat(p.api().inLanguage("en").get("/api/v1/payout-account").json().get("onHoldMessage").asString())
                    .contains("on hold");
        }
        String backlog = operator("ops-reader").get("/admin/incentives/backlog?reason=HELD_BY_INTEGRITY&limit=1000").body();
        assertThat(backlog).contains(owner.id().toString()).contains(other.id().toString()).contains("SHARED_PAYOUT_ACCOUNT");
        assertThat(operator("ops-reader").get("/admin/incentives/tranches?status=HELD&reason=SHARED_PAYOUT_ACCOUNT&limit=1000")
                .body()).contains(owner.instructionId("POST_TRAINING", 1));
        // the guard's release does not lift an integrity hold
        var release = maker("ops-maker").post("/admin/incentives/tranches/" + owner.instructionId("POST_TRAINING", 1) + "/release", null);
        assertThat(release.status()).isEqualTo(409);
        assertThat(release.json().get("code").asString()).isEqualTo("TRANCHE_HELD_BY_INTEGRITY_SIGNAL");

        // clearing the owner takes two operators
        String clearPath = "/admin/integrity/signals/" + signalId + "/participants/" + owner.id() + "/clear";
        assertThat(operator("ops-reader").post(clearPath, null).status()).isEqualTo(403);
        assertThat(checker("ops-checker").post(clearPath, null).json().get("code").asString()).isEqualTo("ROLE_REQUIRED");
        var asked = maker("ops-maker").post(clearPath, Map.of("note", "the account is the owner's own e-wallet"));
        assertThat(asked.status()).isEqualTo(202);
        assertThat(asked.json().get("kind").asString()).isEqualTo("INTEGRITY_CLEAR");
        assertThat(maker("ops-maker2").post("/admin/integrity/signals/" + signalId + "/participants/" + owner.id() + "/confirm",
                Map.of("reason", "meanwhile")).json().get("code").asString()).as("one decision pending at a time")
                .isEqualTo("CHANGE_ALREADY_PENDING");
        long requestId = asked.json().get("id").asLong();
        var own = api().withToken(tokens.issue("ops-maker", List.of("PAYOUT_MAKER", "PAYOUT_CHECKER")).accessToken())
                .post("/admin/incentives/change-requests/" + requestId + "/approve", null);
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.contentType()).contains("application/problem+json");
        assertThat(own.json().get("code").asString()).isEqualTo("FOUR_EYES_SAME_OPERATOR");
        payoutRunDone();
        assertThat(requestsOf(probe, owner.instructionId("POST_TRAINING", 1))).as("asked for, not approved").isEmpty();
        approveChange(asked, "ops-checker");
        var again = maker("ops-maker").post(clearPath, null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("INTEGRITY_ALREADY_DECIDED");
        payoutRunDone();
        String ownerFirst = owner.instructionId("POST_TRAINING", 1);
        await().atMost(WAIT).until(() -> requestsOf(probe, ownerFirst).size() == 1);
        assertThat(owner.incentives().get("onHold").isNull()).isTrue();
        assertThat(eventsOf(owner, IntegritySignalCleared.class)).singleElement().satisfies(cleared -> {
            assertThat(cleared.payload().signalId()).isEqualTo(signalId);
            assertThat(cleared.payload().kind()).isEqualTo("SHARED_PAYOUT_ACCOUNT");
        });
        assertThat(eventsOf(other, IntegritySignalCleared.class)).isEmpty();
        assertThat(requestsOf(probe, other.instructionId("POST_TRAINING", 1))).isEmpty();

        // confirming the other: a reason, two operators; registration is asked to revoke them
        String confirmPath = "/admin/integrity/signals/" + signalId + "/participants/" + other.id() + "/confirm";
        assertThat(maker("ops-maker").post(confirmPath, Map.of()).status()).isEqualTo(400);
        approveChange(maker("ops-maker").post(confirmPath, Map.of("reason", "not the holder of the e-wallet")), "ops-checker");
        await().atMost(WAIT).until(() -> confirmations(other).size() == 1);
        assertThat(confirmations(other).getFirst().payload().signalId()).isEqualTo(signalId);
        assertThat(confirmations(owner)).isEmpty();
        assertThat(eventsOf(other, IntegritySignalCleared.class)).as("confirmed, not cleared").isEmpty();
        assertThat(eventsOf(owner, IntegritySignalRaised.class)).as("a decision raises nothing again").hasSize(1);
        assertThat(operator("ops-reader").get("/admin/integrity/signals/" + signalId).json().get("status").asString())
                .isEqualTo("DECIDED");
        payoutRunDone();
        assertThat(requestsOf(probe, other.instructionId("POST_TRAINING", 1))).as("confirmed: held for good").isEmpty();

        // registration revokes them (ParticipantRevoked, FRAUD): nothing is ever paid
        publish(Topics.REGISTRATION, EventEnvelope.of(new ParticipantRevoked(RevocationReason.FRAUD, clock.instant()), other.id(),
                UUID.randomUUID(), confirmations(other).getFirst().eventId(), clock.instant()));
        await().atMost(WAIT).until(() -> "CANCELLED".equals(other.status("POST_TRAINING", 1)));
        advanceMonths(4);
        await().atMost(WAIT).until(() -> requestsOf(probe, owner.instructionId("POST_TRAINING", 4)).size() == 1);
        assertThat(requests(probe).stream().filter(r -> r.participantId().equals(other.id()))).isEmpty();
        assertThat(other.incentives().get("revoked").asBoolean()).isTrue();

        // every step is in the audit trail
        var audit = operator("ops-reader").get("/admin/audit?target=" + IntegritySignals.target(signalId, other.id())
                + "&size=500").json().get("items");
        List<String> actions = new ArrayList<>();
        audit.forEach(e -> actions.add(e.path("action").asString("")));
        assertThat(actions).contains("INTEGRITY_CONFIRM_REQUESTED", "INTEGRITY_CONFIRM_APPLIED");

        // refusals are problems
        var unknown = operator("ops-reader").get("/admin/integrity/signals/987654321");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).contains("application/problem+json");
        assertThat(maker("ops-maker").post("/admin/integrity/signals/987654321/participants/" + owner.id() + "/clear", null)
                .json().get("code").asString()).isEqualTo("INTEGRITY_SIGNAL_NOT_FOUND");
        var notInvolved = maker("ops-maker").post("/admin/integrity/signals/" + signalId + "/participants/" + UUID.randomUUID()
                + "/clear", null);
        assertThat(notInvolved.status()).isEqualTo(404);
        assertThat(notInvolved.json().get("code").asString()).isEqualTo("INTEGRITY_PARTICIPANT_NOT_INVOLVED");
    }

    @Test
    void two_links_of_one_account_at_the_same_instant_make_one_signal_with_both_held_and_a_third_joins_it() throws Exception {
        List<Runnable> announcedOnce = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            Participant first = entitled();
            Participant second = entitled();
            String account = uniqueAccount();
            CountDownLatch ready = new CountDownLatch(2);
            List<Callable<HttpApi.Response>> links = new ArrayList<>();
            for (Participant p : List.of(first, second)) {
                HttpApi api = p.api();
                links.add(() -> {
                    ready.countDown();
                    ready.await();
                    return api.post("/api/v1/payout-account", Map.of("partner", "BNI", "accountNumber", account));
                });
            }
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (var answer : pool.invokeAll(links)) {
                    assertThat(answer.get().status()).as(answer.get().toString()).isEqualTo(202);
                }
            }
            JsonNode signals = signalsOf(first);
            assertThat(signals).as("round " + round).hasSize(1);
            assertThat(participantsOf(signals.get(0))).containsExactlyInAnyOrder(first.id().toString(), second.id().toString());
            assertThat(jdbc.queryForObject("""
                    select count(*) from integrity_signal s
                     where exists (select 1 from integrity_signal_participant m where m.signal_id = s.id and m.participant_id = ?)""",
                    Long.class, second.id())).isEqualTo(1);
            for (Participant p : List.of(first, second)) {
                assertThat(jdbc.queryForList("select distinct status from tranche where participant_id = ?", String.class, p.id()))
                        .as("every tranche held").containsExactly("HELD");
            }
            long signalId = signals.get(0).get("id").asLong();
            raisedOnce(first, signalId, first, second);
            raisedOnce(second, signalId, first, second);
            Participant firstOfRound = first;
            Participant secondOfRound = second;
            if (round == 0) {
                Participant third = entitled();
                link(third, "BNI", account);
                JsonNode joined = signalsOf(third);
                assertThat(joined).hasSize(1);
                assertThat(joined.get(0).get("id").asLong()).isEqualTo(signals.get(0).get("id").asLong());
                assertThat(participantsOf(joined.get(0))).hasSize(3).contains(third.id().toString());
                assertThat(third.status("POST_TRAINING", 1)).isEqualTo("HELD");
                raisedOnce(third, signalId, first, second, third);
                announcedOnce.add(() -> raisedOnce(third, signalId, firstOfRound, secondOfRound, third));
                // the two already involved are not announced again
                announcedOnce.add(() -> raisedOnce(firstOfRound, signalId, firstOfRound, secondOfRound));
                announcedOnce.add(() -> raisedOnce(secondOfRound, signalId, firstOfRound, secondOfRound));
            } else {
                announcedOnce.add(() -> raisedOnce(firstOfRound, signalId, firstOfRound, secondOfRound));
                announcedOnce.add(() -> raisedOnce(secondOfRound, signalId, firstOfRound, secondOfRound));
            }
        }
        // later copies would have arrived by now: still exactly one each
        announcedOnce.forEach(Runnable::run);
        // a participant who links an account nobody else links raises nothing
        Participant alone = entitled();
        link(alone, "GOPAY", alone.phone());
        assertThat(signalsOf(alone)).isEmpty();
        assertThat(eventsOf(alone, IntegritySignalRaised.class)).isEmpty();
        assertThat(alone.status("POST_TRAINING", 1)).isEqualTo("SCHEDULED");
    }
}
