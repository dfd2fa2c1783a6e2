package id.go.prakerja.incentive.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.Topics;
import id.go.prakerja.incentive.IncentiveProperties;
import id.go.prakerja.incentive.IncentiveServiceTest;
import id.go.prakerja.support.lease.Leases;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.KafkaProbe;
import io.micrometer.core.instrument.MeterRegistry;

/** Payout runs under concurrency and interruption: every due tranche is requested exactly once. */
class PayoutRunsTest extends IncentiveServiceTest {

    @Autowired
    PayoutRunner runner;
    @Autowired
    ApprovalSetting approvalSetting;
    @Autowired
    Leases leases;
    @Autowired
    IncentiveProperties settings;
    @Autowired
    MeterRegistry meters;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;

    /** An answer kept from a concurrent call. */
    private record HttpApiResponse(HttpApi.Response response) {
    }

    @AfterEach
    void schedulerRuns() {
        scheduler.start();
    }

    /** Participants with a reconciled first training and a verified account, their events published in bulk. */
    private List<Participant> entitledWithAccounts(int count) {
        List<Participant> ps = new ArrayList<>();
        List<Map.Entry<String, EventEnvelope<? extends DomainEvent>>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Participant p = newParticipant("32", 2);
            ps.add(p);
            events.add(Map.entry(Topics.REGISTRATION, registered(p)));
            events.add(Map.entry(Topics.TRAINING, reconciled(p, true)));
        }
        publishAll(events);
        await().atMost(WAIT).until(() -> ps.stream().allMatch(p -> known(p.id())));
        List<Map.Entry<String, EventEnvelope<? extends DomainEvent>>> verdicts = new ArrayList<>();
        for (Participant p : ps) {
            verdicts.add(Map.entry(Topics.PAYMENT, accountVerified(p, link(p, "LINKAJA", p.phone()))));
        }
        publishAll(verdicts);
        await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from payout_account where status = 'VERIFIED' "
                + "and participant_id = any(?)", Long.class, (Object) ids(ps)) == count
                && jdbc.queryForObject("select count(*) from tranche where participant_id = any(?)", Long.class,
                        (Object) ids(ps)) == 4L * count);
        return ps;
    }

    private static UUID[] ids(List<Participant> ps) {
        return ps.stream().map(Participant::id).toArray(UUID[]::new);
    }

    private Map<String, Long> requestedPerInstruction(KafkaProbe probe, List<Participant> ps) {
        var mine = ps.stream().map(Participant::id).collect(Collectors.toSet());
        return requests(probe).stream().filter(r -> mine.contains(r.participantId()))
                .collect(Collectors.groupingBy(r -> r.payload().instructionId(), Collectors.counting()));
    }

    @Test
    void two_schedulers_and_two_runners_at_once_request_each_due_tranche_exactly_once() throws Exception {
        List<Participant> ps = entitledWithAccounts(120);
        try (KafkaProbe probe = KafkaProbe.listen(Topics.INCENTIVE)) {
            scheduler.stop();
            nextPayoutDate();
            // a second instance: its own lease holder, same database
            PayoutScheduler other = new PayoutScheduler(jdbcTemplate, runner, new Leases(jdbcTemplate), settings, clock, approvalSetting);
            scheduler.start();
            var payoutDate = settings.incentiveSchedule().calendar().latestAtOrBefore(clock.instant());
            List<Callable<Object>> racers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                racers.add(() -> {
                    other.tick();
                    return null;
                });
                racers.add(() -> {
                    scheduler.tick();
                    return null;
                });
            }
            // and, as if the lease were not there at all, two runners claiming batches of the same run
            other.openCurrentRun();
            long runId = jdbc.queryForObject("select id from payout_run where payout_date = ?", Long.class,
                    java.sql.Timestamp.from(payoutDate));
            for (int i = 0; i < 2; i++) {
                racers.add(() -> {
                    while (runner.requestBatch(runId, payoutDate).more()) {
                        // until nothing is left
                    }
                    return null;
                });
            }
            try (var pool = Executors.newFixedThreadPool(racers.size())) {
                for (var f : pool.invokeAll(racers)) {
                    f.get();
                }
            }
            await().atMost(WAIT).until(() -> requestedPerInstruction(probe, ps).size() == 120);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
            Map<String, Long> perInstruction = requestedPerInstruction(probe, ps);
            assertThat(perInstruction).hasSize(120).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
            assertThat(perInstruction.keySet()).allMatch(id -> id.endsWith(":POST_TRAINING:1"));
        }
    }

    @Test
    void a_run_cut_short_by_a_dying_instance_is_finished_by_the_next_holder_with_each_tranche_requested_once() {
        List<Participant> ps = entitledWithAccounts(150);
        try (KafkaProbe probe = KafkaProbe.listen(Topics.INCENTIVE)) {
            scheduler.stop();
            nextPayoutDate();
            // the dying instance: opens the run, requests one batch, and is gone while holding the lease
            await().atMost(WAIT).until(() -> {
                leases.release(PayoutScheduler.LEASE);
                return leases.tryAcquire(PayoutScheduler.LEASE, "instance-that-dies", Duration.ofSeconds(2));
            });
            scheduler.openCurrentRun();
            var run = scheduler.workable().getFirst();
            assertThat(runner.requestBatch(run.id(), run.payoutDate()).claimed()).isEqualTo(settings.runs().batchSize());
            assertThat(jdbc.queryForObject("select status from payout_run where id = ?", String.class, run.id()))
                    .isIn("APPROVED", "RUNNING");

            // this instance restarts; it waits for the dead holder's lease to lapse, then continues the run
            scheduler.start();
            await().atMost(WAIT).until(() -> "DONE".equals(jdbc.queryForObject("select status from payout_run where id = ?",
                    String.class, run.id())));
            await().atMost(WAIT).until(() -> requestedPerInstruction(probe, ps).size() >= 150 - settings.runs().batchSize());
            assertThat(jdbc.queryForObject("select count(*) from tranche where participant_id = any(?) and sequence = 1 "
                    + "and status = 'REQUESTED' and request_count = 1", Long.class, (Object) ids(ps))).isEqualTo(150);
            assertThat(requestedPerInstruction(probe, ps).values()).allMatch(n -> n == 1L);
        }
    }

    @Test
    void the_guard_refuses_and_alerts_a_tranche_that_would_pass_the_maximum() {
        Participant p = entitledWithAccounts(1).getFirst();
        double before = meters.counter("prakerja.incentive.guard.refused", "kind", "POST_TRAINING").count();
        // a tranche the rules never create: the first tranche's amount doubled
        jdbc.update("update tranche set amount = 1200000 where instruction_id = ?", p.instructionId("POST_TRAINING", 1));
        try (KafkaProbe probe = KafkaProbe.listen(Topics.INCENTIVE)) {
            nextPayoutDate();
            await().atMost(WAIT).until(() -> "HELD".equals(p.status("POST_TRAINING", 1)));
            assertThat(meters.counter("prakerja.incentive.guard.refused", "kind", "POST_TRAINING").count()).isEqualTo(before + 1);
            assertThat(requestsOf(probe, p.instructionId("POST_TRAINING", 1))).isEmpty();
            var ops = operator("ops-guard");
            var backlog = ops.get("/admin/incentives/backlog?reason=HELD_BY_GUARD&limit=1000").body();
            assertThat(backlog).contains(p.id().toString());
            assertThat(ops.get("/admin/incentives/tranches?status=HELD&limit=1000").body())
                    .contains(p.instructionId("POST_TRAINING", 1), "is not the programme's 600000");

            // an operator decides: a cancellation needs a reason and a payout role; only a held tranche can be released
            String held = p.instructionId("POST_TRAINING", 1);
            var maker = maker("ops-guard");
            assertThat(maker.post("/admin/incentives/tranches/" + held + "/cancel", Map.of("reason", " ")).status()).isEqualTo(400);
            var readOnly = ops.post("/admin/incentives/tranches/" + held + "/cancel", Map.of("reason", "not mine to cancel"));
            assertThat(readOnly.status()).isEqualTo(403);
            assertThat(readOnly.json().get("code").asString()).isEqualTo("ROLE_REQUIRED");
            var notHeld = maker.post("/admin/incentives/tranches/" + p.instructionId("POST_TRAINING", 2) + "/release", Map.of());
            assertThat(notHeld.status()).isEqualTo(409);
            assertThat(notHeld.json().get("code").asString()).isEqualTo("TRANCHE_NOT_HELD");
            assertThat(maker.post("/admin/incentives/tranches/no-such-tranche/release", Map.of()).status()).isEqualTo(404);
            assertThat(ops.post("/admin/incentives/tranches/" + held + "/release", Map.of()).status())
                    .as("an OPERATOR-only token cannot ask").isEqualTo(403);
            assertThat(checker("ops-check-only").post("/admin/incentives/tranches/" + held + "/release", Map.of()).status())
                    .as("a PAYOUT_CHECKER-only token cannot ask").isEqualTo(403);

            // the cause is mended, and the maker asks twenty times at once: one request is pending
            jdbc.update("update tranche set amount = 600000 where instruction_id = ?", held);
            List<Callable<HttpApiResponse>> releases = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                releases.add(() -> new HttpApiResponse(maker.post("/admin/incentives/tranches/" + held + "/release",
                        Map.of("note", "amount corrected"))));
            }
            List<HttpApiResponse> answers = new ArrayList<>();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (var f : pool.invokeAll(releases)) {
                    answers.add(f.get());
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertThat(answers).filteredOn(a -> a.response().status() == 202).hasSize(1);
            assertThat(answers).filteredOn(a -> a.response().status() != 202)
                    .allMatch(a -> a.response().status() == 409 && a.response().body().contains("CHANGE_ALREADY_PENDING"));
            var request = answers.stream().filter(a -> a.response().status() == 202).findFirst().orElseThrow().response();
            // nothing moves on one operator's word
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
            assertThat(p.status("POST_TRAINING", 1)).isEqualTo("HELD");
            approveChange(request, "ops-guard-checker");
            assertThat(jdbc.queryForObject("select resolved_by from tranche where instruction_id = ?", String.class, held))
                    .contains("ops-guard", "ops-guard-checker");

            // requested by the next run, once, under the same instruction id; then it cannot be cancelled
            await().atMost(WAIT).until(() -> "REQUESTED".equals(p.status("POST_TRAINING", 1)));
            await().atMost(WAIT).until(() -> requestsOf(probe, held).size() == 1);
            var late = maker.post("/admin/incentives/tranches/" + held + "/cancel", Map.of("reason", "too late"));
            assertThat(late.status()).isEqualTo(409);
            assertThat(late.json().get("code").asString()).isEqualTo("TRANCHE_NOT_CANCELLABLE");

            // a scheduled tranche cancelled with a reason is no longer to come for the participant
            String second = p.instructionId("POST_TRAINING", 2);
            assertThat(maker.post("/admin/incentives/tranches/" + second + "/cancel",
                    Map.of("reason", "ruled ineligible by audit")).status()).isEqualTo(202);
            var mine = p.incentives();
            assertThat(mine.get("postTraining").get(1).get("status").asString()).isEqualTo("CANCELLED");
            assertThat(mine.get("totals").get("toCome").asLong()).isEqualTo(2_550_000L - 600_000L);
            assertThat(ops.get("/admin/incentives/tranches?status=CANCELLED&limit=1000").body())
                    .contains(second, "ruled ineligible by audit");
        }
    }

    @Test
    void the_budget_holds_at_request_time_against_two_schedulers_and_two_runners_and_a_raise_resumes_the_run()
            throws Exception {
        List<Participant> ps = entitledWithAccounts(30);
        var ops = operator("ops-budget");
        try (KafkaProbe probe = KafkaProbe.listen(Topics.INCENTIVE)) {
            scheduler.stop();
            nextPayoutDate();
            long committed = jdbc.queryForObject("select committed from budget_commitment", Long.class);
            long budget = committed + 7 * 600_000L + 100_000L;
            changeSettings(Map.of("budget", budget));
            PayoutScheduler other = new PayoutScheduler(jdbcTemplate, runner, new Leases(jdbcTemplate), settings, clock, approvalSetting);
            scheduler.start();
            var payoutDate = settings.incentiveSchedule().calendar().latestAtOrBefore(clock.instant());
            other.openCurrentRun();
            long runId = jdbc.queryForObject("select id from payout_run where payout_date = ?", Long.class,
                    java.sql.Timestamp.from(payoutDate));
            List<Callable<Object>> racers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                racers.add(() -> {
                    other.tick();
                    return null;
                });
                racers.add(() -> {
                    scheduler.tick();
                    return null;
                });
                racers.add(() -> {
                    while (runner.requestBatch(runId, payoutDate).more()) {
                        // until the budget stops it
                    }
                    return null;
                });
            }
            try (var pool = Executors.newFixedThreadPool(racers.size())) {
                for (var f : pool.invokeAll(racers)) {
                    f.get();
                }
            }
            long after = jdbc.queryForObject("select committed from budget_commitment", Long.class);
            assertThat(after).as("never past the budget").isLessThanOrEqualTo(budget).isGreaterThan(budget - 600_000L);
            await().atMost(WAIT).until(() -> "OVER_BUDGET".equals(
                    jdbc.queryForObject("select status from payout_run where id = ?", String.class, runId)));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
            long requestedAmount = requests(probe).stream().mapToLong(r -> r.payload().amount()).sum();
            assertThat(requestedAmount).as("what was asked for is what the budget row counts").isEqualTo(after - committed);
            assertThat(ops.get("/admin/incentives/backlog/summary").body()).contains("BUDGET_EXHAUSTED");
            assertThat(meters.counter("prakerja.incentive.budget.exhausted").count()).isPositive();

            // the budget is raised (a maker asks, a checker approves): the run resumes by itself and every tranche is requested once
            changeSettings(Map.of("budget", settings.runs().budget()));
            await().atMost(WAIT).until(() -> requestedPerInstruction(probe, ps).size() == 30);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
            assertThat(requestedPerInstruction(probe, ps).values()).allMatch(n -> n == 1L);
            await().atMost(WAIT).until(() -> "DONE".equals(
                    jdbc.queryForObject("select status from payout_run where id = ?", String.class, runId)));
            // the counter agrees with the tranches, after everything the other tests paid, failed and retried
            assertThat(jdbc.queryForObject("select committed from budget_commitment", Long.class))
                    .isEqualTo(jdbc.queryForObject("select coalesce(sum(amount), 0) from tranche where status in ('REQUESTED', 'PAID')",
                            Long.class));
        } finally {
            approvalSetting.setBudget(settings.runs().budget(), "test teardown");
        }
    }

    @Test
    void with_approval_required_a_maker_approves_the_preview_a_different_checker_approves_it_and_the_run_pays_no_more()
            throws Exception {
        List<Participant> ps = entitledWithAccounts(3);
        // due by the same payout date, but its account is verified only after the maker approved the preview
        Participant late = newParticipant("32", 2);
        publishAll(List.of(Map.entry(Topics.REGISTRATION, registered(late)), Map.entry(Topics.TRAINING, reconciled(late, true))));
        await().atMost(WAIT).until(() -> known(late.id()) && jdbc.queryForObject(
                "select count(*) from tranche where participant_id = ?", Long.class, late.id()) == 4);
        var ops = operator("ops-ani");
        var maker = maker("ops-ani");
        var checker = checker("ops-budi");
        changeSettings(Map.of("approvalRequired", true));
        assertThat(ops.get("/admin/incentives/payout-runs/settings").json().get("approvalRequired").asBoolean()).isTrue();
        try (KafkaProbe probe = KafkaProbe.listen(Topics.INCENTIVE)) {
            nextPayoutDate();
            var payoutDate = settings.incentiveSchedule().calendar().latestAtOrBefore(clock.instant());
            await().atMost(WAIT).until(() -> jdbc.queryForList("select id from payout_run where payout_date = ?", Long.class,
                    java.sql.Timestamp.from(payoutDate)).size() == 1);
            long runId = jdbc.queryForObject("select id from payout_run where payout_date = ?", Long.class,
                    java.sql.Timestamp.from(payoutDate));
            var preview = ops.get("/admin/incentives/payout-runs/" + runId + "/preview").json();
            assertThat(preview.get("run").get("status").asString()).isEqualTo("AWAITING_APPROVAL");
            assertThat(preview.get("count").asLong()).isGreaterThanOrEqualTo(3);
            long perPartnerTotal = 0;
            for (var partner : preview.get("perPartner")) {
                perPartnerTotal += partner.get("amount").asLong();
            }
            assertThat(preview.get("amount").asLong()).isEqualTo(perPartnerTotal).isGreaterThanOrEqualTo(1_800_000);
            assertThat(preview.get("remainingBudget").asLong())
                    .isEqualTo(preview.get("budget").asLong() - preview.get("committed").asLong());
            assertThat(preview.get("withinBudget").asBoolean()).isTrue();
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
            assertThat(requestedPerInstruction(probe, ps)).as("nothing before approval").isEmpty();

            // neither a read-only operator nor a checker can give the first (the preview's) approval
            var readOnly = ops.post("/admin/incentives/payout-runs/" + runId + "/approvals", null);
            assertThat(readOnly.status()).isEqualTo(403);
            assertThat(readOnly.json().get("code").asString()).isEqualTo("ROLE_REQUIRED");
            assertThat(checker.post("/admin/incentives/payout-runs/" + runId + "/approvals", null).json().get("code").asString())
                    .isEqualTo("ROLE_REQUIRED");

            // a budget that cannot cover the run: the preview says so and no approval is taken
            long committed = preview.get("committed").asLong();
            changeSettings(Map.of("budget", committed + 600_000));
            var tight = ops.get("/admin/incentives/payout-runs/" + runId + "/preview").json();
            assertThat(tight.get("withinBudget").asBoolean()).isFalse();
            assertThat(tight.get("remainingBudget").asLong()).isEqualTo(600_000);
            var refused = maker.post("/admin/incentives/payout-runs/" + runId + "/approvals", null);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("code").asString()).isEqualTo("PAYOUT_RUN_OVER_BUDGET");
            assertThat(maker.send("PUT", "/admin/incentives/payout-runs/settings", Map.of("budget", -1, "reason", "x"), Map.of())
                    .status()).isEqualTo(400);
            changeSettings(Map.of("budget", settings.runs().budget()));

            // the maker approves the preview, twenty times at once: one approval counts and pins what it showed
            List<Callable<Integer>> same = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                same.add(() -> maker.post("/admin/incentives/payout-runs/" + runId + "/approvals", null).status());
            }
            List<Integer> statuses = new ArrayList<>();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (var f : pool.invokeAll(same)) {
                    statuses.add(f.get());
                }
            }
            assertThat(statuses).filteredOn(st -> st == 200).hasSize(1);
            assertThat(statuses).filteredOn(st -> st != 200).allMatch(st -> st == 403);
            var pinned = ops.get("/admin/incentives/payout-runs/" + runId).json().get("run");
            assertThat(pinned.get("status").asString()).isEqualTo("AWAITING_APPROVAL");
            long pinnedCount = pinned.get("pinnedCount").asLong();
            long pinnedAmount = pinned.get("pinnedAmount").asLong();
            assertThat(pinnedCount).isGreaterThanOrEqualTo(3);
            // the same operator, even holding the checker's role too, cannot give the second approval
            var both = api().withToken(tokens.issue("ops-ani", List.of(id.go.prakerja.support.security.Roles.PAYOUT_MAKER,
                    id.go.prakerja.support.security.Roles.PAYOUT_CHECKER)).accessToken());
            var own = both.post("/admin/incentives/payout-runs/" + runId + "/approvals", null);
            assertThat(own.status()).isEqualTo(403);
            assertThat(own.json().get("code").asString()).isEqualTo("FOUR_EYES_SAME_OPERATOR");

            // after the preview, another tranche becomes payable by the same payout date
            linkVerified(late);
            assertThat(ops.get("/admin/incentives/payout-runs/" + runId + "/preview").json().get("count").asLong())
                    .isEqualTo(pinnedCount + 1);

            var second = checker.post("/admin/incentives/payout-runs/" + runId + "/approvals", null);
            assertThat(second.status()).as(second.body()).isEqualTo(200);
            assertThat(second.json().get("approvedBy").toString()).contains("ops-ani", "ops-budi");
            await().atMost(WAIT).until(() -> requestedPerInstruction(probe, ps).size() == 3);
            assertThat(checker("ops-citra").post("/admin/incentives/payout-runs/" + runId + "/approvals", null).status())
                    .isEqualTo(409);
            await().atMost(WAIT).until(() -> "DONE".equals(ops.get("/admin/incentives/payout-runs/" + runId).json()
                    .get("run").get("status").asString()));
            var progress = ops.get("/admin/incentives/payout-runs/" + runId).json();
            long requested = 0;
            long amount = 0;
            for (var partner : progress.get("perPartner")) {
                requested += partner.get("requested").asLong() + partner.get("held").asLong();
                amount += partner.get("amountRequested").asLong();
            }
            assertThat(requested).as("the run pays at most what the preview pinned").isLessThanOrEqualTo(pinnedCount)
                    .isGreaterThanOrEqualTo(3);
            assertThat(amount).isLessThanOrEqualTo(pinnedAmount);
            assertThat(requestsOf(probe, late.instructionId("POST_TRAINING", 1))).as("due after the preview: the next run").isEmpty();
            assertThat(late.status("POST_TRAINING", 1)).isNotEqualTo("REQUESTED");
            assertThat(ops.get("/admin/incentives/payout-runs").body()).contains("\"id\":" + runId);

            // both approvals are in the audit trail, with who and what was pinned
            var audit = ops.get("/admin/audit?target=payout-run:" + runId + "&size=100").json().get("items");
            List<String> actions = new ArrayList<>();
            audit.forEach(e -> {
                if (e.get("outcome").asInt() == 200) {
                    actions.add(e.get("action").asString() + "/" + e.get("operator").asString());
                }
            });
            assertThat(actions).containsExactly("PAYOUT_RUN_APPROVED/ops-budi", "PAYOUT_RUN_PREVIEW_APPROVED/ops-ani");
        } finally {
            approvalSetting.set(false, "test teardown");
            approvalSetting.setBudget(settings.runs().budget(), "test teardown");
        }
    }
}
