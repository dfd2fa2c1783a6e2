package id.go.prakerja.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.testsupport.HttpApi;
import tools.jackson.databind.JsonNode;

/**
 * Integrity signals as incentive-service announces them: the money report counts them per kind as of
 * an instant, and the backlog shows a participant an open signal holds at PAYMENT with the signal as
 * the reason, until two operators clear them (they wait for what they waited for before) or confirm
 * them (they wait nowhere, as a revoked participant).
 */
class IntegritySignalsTest extends ConsoleServiceTest {

    private static final String HOLD = "INTEGRITY_HOLD_SHARED_PAYOUT_ACCOUNT";

    /** Open signals, participants held, cleared, confirmed of SHARED_PAYOUT_ACCOUNT as of the instant. */
    private static List<Long> counts(HttpApi operator, Instant asOf) {
        for (JsonNode s : operator.get("/admin/reports/money?asOf=" + asOf).json().get("integritySignals")) {
            if (s.get("kind").asString().equals("SHARED_PAYOUT_ACCOUNT")) {
                return List.of(s.get("openSignals").asLong(), s.get("participantsHeld").asLong(), s.get("cleared").asLong(),
                        s.get("confirmed").asLong());
            }
        }
        return List.of(0L, 0L, 0L, 0L);
    }

    /** What the counts moved by between the two instants. */
    private static List<Long> moved(HttpApi operator, Instant from, Instant to) {
        List<Long> before = counts(operator, from);
        List<Long> after = counts(operator, to);
        return List.of(after.get(0) - before.get(0), after.get(1) - before.get(1), after.get(2) - before.get(2),
                after.get(3) - before.get(3));
    }

    private static List<String> held(HttpApi operator) {
        return ReadModelTest.list(operator.get("/admin/reports/backlog/PAYMENT/participants?reason=" + HOLD + "&limit=1000").json())
                .stream().map(w -> w.get("participantId").asString()).toList();
    }

    private static Journey paidOut(Instant start, PayoutPartner partner) {
        return new Journey("35", ThreadLocalRandom.current().nextInt(10_000, 1_000_000), start).registered().layersPassed()
                .verified().joined().selected().purchased(500_000L).completed().reconciled().accountLinked(partner)
                .accountVerified();
    }

    @Test
    void a_shared_account_holds_both_in_the_backlog_and_counts_in_money_until_one_is_cleared_and_the_other_confirmed() {
        HttpApi operator = operator();
        // a past day of its own, before any other test's events
        Instant start = Instant.parse("1960-01-01T00:00:00Z").minus(Duration.ofDays(ThreadLocalRandom.current().nextInt(1, 20_000)));
        long signalId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        Journey owner = paidOut(start, PayoutPartner.BNI).disbursementRequested(1, PayoutPartner.BNI);
        Journey other = paidOut(start, PayoutPartner.BNI);
        // a third participant still in training: held too, but waits at their step, where nothing is paid anyway
        Journey training = new Journey("35", 1, start).registered().layersPassed().verified().joined().selected().purchased(100_000L);
        List<UUID> involved = List.of(owner.participantId, other.participantId, training.participantId);
        for (Journey j : List.of(owner, other, training)) {
            j.after(Duration.ofDays(1)).integritySignalRaised(signalId, involved);
        }
        owner.again(owner.sent().size() - 1); // a redelivery changes nothing
        Instant raised = latest(owner, other, training);
        for (Journey j : List.of(owner, other, training)) {
            await().atMost(WAIT).until(() -> ReadModelTest.timelineSize(operator, j) == j.sent().size());
        }

        // money: one open signal holding three, as of then
        assertThat(moved(operator, start.minusSeconds(1), raised)).containsExactly(1L, 3L, 0L, 0L);
        // backlog: the two entitled to incentives wait at PAYMENT for the signal, whatever else they waited for
        assertThat(held(operator)).contains(owner.participantId.toString(), other.participantId.toString())
                .doesNotContain(training.participantId.toString());
        JsonNode payment = ReadModelTest.stage(operator.get("/admin/reports/backlog").json(), "PAYMENT");
        assertThat(ReadModelTest.reasonCount(payment, HOLD)).isGreaterThanOrEqualTo(2);
        JsonNode timeline = operator.get("/admin/reports/participants/" + other.participantId + "/timeline").json();
        assertThat(timeline.get("waitingAt").asString()).isEqualTo("PAYMENT");
        assertThat(timeline.get("reason").asString()).isEqualTo(HOLD);
        JsonNode raisedEntry = ReadModelTest.list(timeline.get("events")).getLast();
        assertThat(raisedEntry.get("type").asString()).isEqualTo("IntegritySignalRaised");
        assertThat(raisedEntry.get("detail").get("signalId").asLong()).isEqualTo(signalId);
        assertThat(raisedEntry.get("detail").get("participantIds")).hasSize(3);
        assertThat(operator.get("/admin/reports/participants/" + training.participantId + "/timeline").json()
                .get("waitingAt").asString()).isEqualTo("COMPLETION");

        // two operators clear the owner and confirm the other (registration's revocation has not arrived)
        owner.after(Duration.ofDays(2)).integritySignalCleared(signalId);
        other.after(Duration.ofDays(2)).integritySignalConfirmed(signalId);
        Instant decided = latest(owner, other, training);
        for (Journey j : List.of(owner, other)) {
            await().atMost(WAIT).until(() -> ReadModelTest.timelineSize(operator, j) == j.sent().size());
        }

        assertThat(moved(operator, start.minusSeconds(1), decided)).as("still open: the third is undecided")
                .containsExactly(1L, 1L, 1L, 1L);
        assertThat(moved(operator, start.minusSeconds(1), raised)).as("as of before the decisions").containsExactly(1L, 3L, 0L, 0L);
        assertThat(held(operator)).doesNotContain(owner.participantId.toString(), other.participantId.toString());
        JsonNode cleared = operator.get("/admin/reports/participants/" + owner.participantId + "/timeline").json();
        assertThat(cleared.get("waitingAt").asString()).as("waits for the partner again").isEqualTo("PAYMENT");
        assertThat(cleared.get("reason").asString()).isEqualTo("PARTNER_NOT_ANSWERED");
        JsonNode confirmed = operator.get("/admin/reports/participants/" + other.participantId + "/timeline").json();
        assertThat(confirmed.path("waitingAt").isNull() || confirmed.path("waitingAt").isMissingNode()).as("confirmed: waits nowhere, as a revoked participant").isTrue();

        // the last one cleared: the signal is closed
        training.after(Duration.ofDays(3)).integritySignalCleared(signalId);
        await().atMost(WAIT).until(() -> ReadModelTest.timelineSize(operator, training) == training.sent().size());
        assertThat(moved(operator, start.minusSeconds(1), training.now())).containsExactly(0L, 0L, 2L, 1L);

        var csv = operator.get("/admin/reports/money.csv?asOf=" + raised);
        assertThat(csv.body()).contains("integrity-signal:SHARED_PAYOUT_ACCOUNT,'-,open-signals,");
    }

    private static Instant latest(Journey... journeys) {
        Instant latest = Instant.MIN;
        for (Journey j : journeys) {
            Instant last = j.sent().getLast().occurredAt();
            latest = last.isAfter(latest) ? last : latest;
        }
        return latest;
    }
}
