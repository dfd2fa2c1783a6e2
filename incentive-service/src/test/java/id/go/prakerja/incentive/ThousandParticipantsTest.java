package id.go.prakerja.incentive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.Topics;
import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.payment.AccountRejectionReason;
import id.go.prakerja.testsupport.KafkaProbe;

/**
 * A thousand participants in the situations of 2020: some never complete a training, some complete
 * without an account, some link an account the partner rejects, some are revoked after their first
 * tranche, some skip the surveys, some do everything. The money requested for each is what the rules
 * give, to the rupiah, and the backlog names everyone else with the reason they wait.
 */
class ThousandParticipantsTest extends IncentiveServiceTest {

    enum Situation {
        NO_COMPLETION(0, null),
        NO_ACCOUNT(0, "NO_ACCOUNT"),
        REJECTED_ACCOUNT(0, "ACCOUNT_REJECTED"),
        REVOKED_AFTER_FIRST_TRANCHE(600_000, "REVOKED"),
        SURVEYS_SKIPPED(2_400_000, null),
        ALL_DONE(2_550_000, null),
        LAST_TRANCHE_UNKNOWN(1_800_000 + 600_000, "AWAITING_PARTNER");

        final long requested;
        final String backlogReason;

        Situation(long requested, String backlogReason) {
            this.requested = requested;
            this.backlogReason = backlogReason;
        }
    }

    private final Map<UUID, Situation> situations = new HashMap<>();
    private final Map<UUID, Participant> participants = new HashMap<>();

    private List<Participant> in(Situation... wanted) {
        Set<Situation> set = Set.of(wanted);
        return participants.values().stream().filter(p -> set.contains(situations.get(p.id()))).toList();
    }

    private static Map.Entry<String, EventEnvelope<? extends DomainEvent>> on(String topic, EventEnvelope<? extends DomainEvent> e) {
        return Map.entry(topic, e);
    }

    private long requestedCount(KafkaProbe probe, Predicate<DisbursementRequested> which) {
        return requests(probe).stream().filter(r -> participants.containsKey(r.participantId()))
                .filter(r -> which.test(r.payload())).count();
    }

    private void payAll(KafkaProbe probe, String suffix, List<Participant> whom) {
        List<Map.Entry<String, EventEnvelope<? extends DomainEvent>>> results = new ArrayList<>();
        for (Participant p : whom) {
            results.add(on(Topics.PAYMENT, paid(p, p.id() + suffix)));
        }
        publishAll(results);
        var ids = whom.stream().map(p -> p.id() + suffix).toArray(String[]::new);
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from tranche where instruction_id = any(?) and status = 'PAID'", Long.class, (Object) ids)
                == whom.size());
    }

    @Test
    void a_thousand_participants_are_requested_exactly_what_the_rules_give_and_the_backlog_names_everyone_else() throws Exception {
        Situation[] all = Situation.values();
        List<Map.Entry<String, EventEnvelope<? extends DomainEvent>>> start = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Participant p = newParticipant(i % 2 == 0 ? "31" : "35", 1 + i % 3);
            situations.put(p.id(), all[i % all.length]);
            participants.put(p.id(), p);
            start.add(on(Topics.REGISTRATION, registered(p)));
            start.add(on(Topics.COHORT, selected(p, 1 + i % 3)));
            if (situations.get(p.id()) != Situation.NO_COMPLETION) {
                start.add(on(Topics.TRAINING, reconciled(p, true)));
            }
        }
        try (KafkaProbe probe = KafkaProbe.listen(Topics.INCENTIVE)) {
            publishAll(start);
            UUID[] ids = participants.keySet().toArray(UUID[]::new);
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                    "select count(*) from participant where participant_id = any(?) and nik_sealed is not null and wave_number is not null",
                    Long.class, (Object) ids) == 1000);
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                    "select count(*) from tranche where participant_id = any(?)", Long.class, (Object) ids)
                    == 4L * (1000 - in(Situation.NO_COMPLETION).size()));

            // accounts: linked through the API, 32 at once; the gateway's verdicts come back in bulk
            List<Participant> linking = in(Situation.REJECTED_ACCOUNT, Situation.REVOKED_AFTER_FIRST_TRANCHE,
                    Situation.SURVEYS_SKIPPED, Situation.ALL_DONE, Situation.LAST_TRANCHE_UNKNOWN);
            Map<UUID, UUID> links = new java.util.concurrent.ConcurrentHashMap<>();
            try (var pool = Executors.newFixedThreadPool(32)) {
                List<Callable<Object>> calls = new ArrayList<>();
                for (Participant p : linking) {
                    calls.add(() -> links.put(p.id(), link(p, p.id().hashCode() % 2 == 0 ? "OVO" : "BNI",
                            p.id().hashCode() % 2 == 0 ? p.phone() : uniqueAccount())));
                }
                for (var f : pool.invokeAll(calls)) {
                    f.get();
                }
            }
            List<Map.Entry<String, EventEnvelope<? extends DomainEvent>>> verdicts = new ArrayList<>();
            for (Participant p : linking) {
                verdicts.add(situations.get(p.id()) == Situation.REJECTED_ACCOUNT
                        ? on(Topics.PAYMENT, accountRejected(p, links.get(p.id()), AccountRejectionReason.NIK_MISMATCH, null))
                        : on(Topics.PAYMENT, accountVerified(p, links.get(p.id()))));
            }
            publishAll(verdicts);
            await().atMost(WAIT).until(() -> jdbc.queryForObject(
                    "select count(*) from payout_account where participant_id = any(?) and status <> 'PENDING'", Long.class,
                    (Object) ids) == linking.size());

            List<Participant> paying = in(Situation.REVOKED_AFTER_FIRST_TRANCHE, Situation.SURVEYS_SKIPPED, Situation.ALL_DONE,
                    Situation.LAST_TRANCHE_UNKNOWN);
            for (int n = 1; n <= 4; n++) {
                int tranche = n;
                if (n == 1) {
                    nextPayoutDate();
                } else {
                    clock.advance(Duration.ofDays(31));
                }
                List<Participant> due = n == 1 ? paying
                        : in(Situation.SURVEYS_SKIPPED, Situation.ALL_DONE, Situation.LAST_TRANCHE_UNKNOWN);
                await().atMost(Duration.ofSeconds(60)).until(() -> requestedCount(probe,
                        r -> r.sequence() == tranche && r.kind().name().equals("POST_TRAINING")) == due.size());
                List<Participant> settled = n == 4 ? in(Situation.SURVEYS_SKIPPED, Situation.ALL_DONE) : due;
                payAll(probe, ":POST_TRAINING:" + n, settled);
                if (n == 1) {
                    List<Map.Entry<String, EventEnvelope<? extends DomainEvent>>> revocations = new ArrayList<>();
                    in(Situation.REVOKED_AFTER_FIRST_TRANCHE).forEach(p -> revocations.add(on(Topics.REGISTRATION, revoked(p))));
                    publishAll(revocations);
                    await().atMost(WAIT).until(() -> jdbc.queryForObject(
                            "select count(*) from participant where participant_id = any(?) and revoked_at is not null",
                            Long.class, (Object) ids) == in(Situation.REVOKED_AFTER_FIRST_TRANCHE).size());
                }
            }
            for (int s = 1; s <= 3; s++) {
                int survey = s;
                List<Map.Entry<String, EventEnvelope<? extends DomainEvent>>> completed = new ArrayList<>();
                in(Situation.ALL_DONE, Situation.REVOKED_AFTER_FIRST_TRANCHE)
                        .forEach(p -> completed.add(on(Topics.SURVEY, surveyCompleted(p, survey))));
                publishAll(completed);
                await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from inbox_message where consumer = "
                        + "'incentive.survey-events' and event_id = any(?)", Long.class,
                        (Object) completed.stream().map(e -> e.getValue().eventId()).toArray(UUID[]::new)) == completed.size());
                nextPayoutDate();
                await().atMost(Duration.ofSeconds(60)).until(() -> requestedCount(probe,
                        r -> r.sequence() == survey && r.kind().name().equals("SURVEY")) == in(Situation.ALL_DONE).size());
                payAll(probe, ":SURVEY:" + s, in(Situation.ALL_DONE));
            }
            nextPayoutDate();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);

            // the money requested for each participant, to the rupiah
            Map<UUID, Long> requested = requests(probe).stream().filter(r -> participants.containsKey(r.participantId()))
                    .collect(Collectors.groupingBy(EventEnvelope::participantId,
                            Collectors.summingLong(r -> r.payload().amount())));
            for (Participant p : participants.values()) {
                assertThat(requested.getOrDefault(p.id(), 0L)).as(situations.get(p.id()) + " " + p.id())
                        .isEqualTo(situations.get(p.id()).requested);
            }
            assertThat(requests(probe).stream().filter(r -> participants.containsKey(r.participantId()))
                    .map(r -> r.payload().instructionId()).distinct().count())
                    .as("no instruction twice").isEqualTo(requests(probe).stream()
                            .filter(r -> participants.containsKey(r.participantId())).count());

            // the backlog: everyone with a reconciled first training not fully paid, with the right reason
            String csv = operator("ops-backlog").get("/admin/incentives/backlog.csv").body();
            Map<UUID, String> reasons = new HashMap<>();
            for (String line : csv.split("\n")) {
                String[] cells = line.split(",", -1);
                if (!cells[0].equals("participant_id") && participants.containsKey(UUID.fromString(cells[0]))) {
                    reasons.put(UUID.fromString(cells[0]), cells[4] + (cells[5].isEmpty() ? "" : ":" + cells[5]));
                }
            }
            for (Participant p : participants.values()) {
                Situation situation = situations.get(p.id());
                if (situation.backlogReason == null) {
                    assertThat(reasons).as(situation + " is not in the backlog").doesNotContainKey(p.id());
                } else {
                    assertThat(reasons.get(p.id())).as(situation.name()).startsWith(situation.backlogReason);
                }
            }
            assertThat(reasons.values()).filteredOn(r -> r.startsWith("ACCOUNT_REJECTED")).allMatch(r -> r.endsWith(":NIK_MISMATCH"));
            assertThat(reasons.values()).filteredOn(r -> r.startsWith("REVOKED")).allMatch(r -> r.endsWith(":OPERATOR"));
            var lines = List.of(csv.split("\n"));
            var sinces = lines.stream().skip(1).map(l -> l.split(",", -1)[6]).map(java.time.Instant::parse).toList();
            assertThat(sinces).as("oldest first").isSorted();
        }
    }
}
