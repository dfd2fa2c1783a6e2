package id.go.prakerja.incentive.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import id.go.prakerja.incentive.IncentiveProperties;
import id.go.prakerja.incentive.IncentiveServiceTest;
import id.go.prakerja.incentive.payout.ApprovalSetting;
import id.go.prakerja.testsupport.HttpApi;
import tools.jackson.databind.JsonNode;

/**
 * Four eyes on the money settings: one operator (PAYOUT_MAKER) asks, a different one
 * (PAYOUT_CHECKER) approves; nothing changes on one operator's word, and a change approved by
 * several checkers at once is applied once. Every step is in the audit trail.
 */
class FourEyesTest extends IncentiveServiceTest {

    private static final String SETTINGS = "/admin/incentives/payout-runs/settings";

    @Autowired
    ApprovalSetting approvalSetting;
    @Autowired
    IncentiveProperties settings;

    @AfterEach
    void configuredAgain() {
        approvalSetting.setBudget(settings.runs().budget(), "test teardown");
        approvalSetting.setMaxPerParticipant(settings.maxPerParticipant(), "test teardown");
        approvalSetting.set(false, "test teardown");
        jdbc.update("update change_request set status = 'REJECTED', decided_by = 'test teardown', decided_at = now() "
                + "where status = 'PENDING' and kind in ('BUDGET', 'MAX_PER_PARTICIPANT', 'APPROVAL_REQUIRED')");
    }

    private long budget() {
        return operator("ops-read").get(SETTINGS).json().get("budget").asLong();
    }

    @Test
    void only_a_payout_maker_may_ask_and_one_operator_alone_cannot_change_the_budget() {
        long before = budget();
        for (HttpApi caller : List.of(operator("ops-read"), checker("ops-checker-only"))) {
            var refused = caller.send("PUT", SETTINGS, Map.of("budget", before + 1, "reason", "more"), Map.of());
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.contentType()).contains("application/problem+json");
            assertThat(refused.json().get("code").asString()).isEqualTo("ROLE_REQUIRED");
        }
        assertThat(maker("ops-dewi").send("PUT", SETTINGS, Map.of("budget", before + 1), Map.of()).status())
                .as("a reason is required").isEqualTo(400);

        var asked = maker("ops-dewi").send("PUT", SETTINGS, Map.of("budget", before + 1_000_000, "reason", "wave 12 added"), Map.of());
        assertThat(asked.status()).isEqualTo(202);
        JsonNode request = asked.json().get("requests").get(0);
        assertThat(request.get("status").asString()).isEqualTo("PENDING");
        assertThat(request.get("kind").asString()).isEqualTo("BUDGET");
        assertThat(request.get("currentValue").asString()).isEqualTo(Long.toString(before));
        assertThat(request.get("requestedBy").asString()).isEqualTo("ops-dewi");
        assertThat(request.get("reason").asString()).isEqualTo("wave 12 added");
        assertThat(budget()).as("asked for, not applied").isEqualTo(before);
        long id = request.get("id").asLong();
        assertThat(operator("ops-read").get("/admin/incentives/change-requests?status=PENDING").body()).contains("\"id\":" + id);
        assertThat(maker("ops-eko").send("PUT", SETTINGS, Map.of("budget", 1, "reason", "another"), Map.of()).json()
                .get("code").asString()).as("one pending request per setting").isEqualTo("CHANGE_ALREADY_PENDING");

        // the maker approving their own request, even with the checker's role in the token: refused with its own code
        var both = api().withToken(tokens.issue("ops-dewi", List.of("PAYOUT_MAKER", "PAYOUT_CHECKER")).accessToken());
        var own = both.post("/admin/incentives/change-requests/" + id + "/approve", null);
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.json().get("code").asString()).isEqualTo("FOUR_EYES_SAME_OPERATOR");
        // a different operator without the checker's role cannot approve either
        assertThat(maker("ops-eko").post("/admin/incentives/change-requests/" + id + "/approve", null).json().get("code")
                .asString()).isEqualTo("ROLE_REQUIRED");
        assertThat(operator("ops-read").post("/admin/incentives/change-requests/" + id + "/approve", null).status())
                .isEqualTo(403);
        assertThat(budget()).isEqualTo(before);

        var approved = checker("ops-fajar").post("/admin/incentives/change-requests/" + id + "/approve", Map.of("note", "ok"));
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("APPLIED");
        assertThat(approved.json().get("decidedBy").asString()).isEqualTo("ops-fajar");
        assertThat(budget()).isEqualTo(before + 1_000_000);

        // the audit trail has the request, the refusals and the approval, with the budget before and after
        var audit = operator("ops-read").get("/admin/audit?target=budget&from=" + request.get("requestedAt").asString()
                + "&size=500").json().get("items");
        List<String> trail = new ArrayList<>();
        JsonNode applied = null;
        for (JsonNode e : audit) {
            trail.add(e.get("operator").asString() + ":" + e.get("outcome").asInt());
            if ("BUDGET_APPLIED".equals(e.path("action").asString(""))) {
                applied = e;
            }
        }
        assertThat(trail).contains("ops-dewi:202", "ops-dewi:403", "ops-eko:403", "ops-fajar:200");
        assertThat(applied).isNotNull();
        assertThat(applied.get("before").get("budget").asLong()).isEqualTo(before);
        assertThat(applied.get("after").get("budget").asLong()).isEqualTo(before + 1_000_000);
        assertThat(applied.get("roles").toString()).contains("PAYOUT_CHECKER");
    }

    @Test
    void ten_checkers_approving_at_once_apply_the_change_once() throws Exception {
        long before = budget();
        var asked = maker("ops-gita").send("PUT", SETTINGS, Map.of("budget", before + 5, "reason", "rounding"), Map.of());
        long id = asked.json().get("requests").get(0).get("id").asLong();
        List<Callable<HttpApi.Response>> approvals = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            var checker = checker("ops-checker-" + i);
            approvals.add(() -> checker.post("/admin/incentives/change-requests/" + id + "/approve", null));
        }
        List<HttpApi.Response> answers = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var f : pool.invokeAll(approvals)) {
                answers.add(f.get());
            }
        }
        assertThat(answers).filteredOn(a -> a.status() == 200).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() != 200)
                .allSatisfy(a -> assertThat(a.json().get("code").asString()).isEqualTo("CHANGE_REQUEST_NOT_PENDING"));
        assertThat(budget()).isEqualTo(before + 5);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'BUDGET_APPLIED' and after_state ->> 'changeRequest' = ?",
                Long.class, Long.toString(id))).isEqualTo(1);
    }

    @Test
    void a_rejected_request_changes_nothing_and_the_guard_maximum_and_approval_switch_need_two_operators_too() {
        long max = settings.maxPerParticipant();
        var asked = maker("ops-hana").send("PUT", SETTINGS, Map.of("maxPerParticipant", max * 2, "approvalRequired", true,
                "reason", "programme extended"), Map.of());
        assertThat(asked.status()).isEqualTo(202);
        JsonNode requests = asked.json().get("requests");
        assertThat(requests).hasSize(2);
        long approvalRequest = requests.get(0).get("id").asLong();
        long maxRequest = requests.get(1).get("id").asLong();
        assertThat(maker("ops-hana").send("PUT", SETTINGS, Map.of("maxPerParticipant", 0, "reason", "x"), Map.of()).status())
                .isEqualTo(400);

        // an operator without a payout role cannot reject; a checker can
        assertThat(operator("ops-read").post("/admin/incentives/change-requests/" + approvalRequest + "/reject", null).status())
                .isEqualTo(403);
        var rejected = checker("ops-irfan").post("/admin/incentives/change-requests/" + approvalRequest + "/reject",
                Map.of("note", "not now"));
        assertThat(rejected.json().get("status").asString()).isEqualTo("REJECTED");
        assertThat(checker("ops-joko").post("/admin/incentives/change-requests/" + approvalRequest + "/approve", null).status())
                .isEqualTo(409);
        var current = operator("ops-read").get(SETTINGS).json();
        assertThat(current.get("approvalRequired").asBoolean()).isFalse();
        assertThat(current.get("maxPerParticipant").asLong()).isEqualTo(max);

        checker("ops-joko").post("/admin/incentives/change-requests/" + maxRequest + "/approve", null);
        assertThat(operator("ops-read").get(SETTINGS).json().get("maxPerParticipant").asLong()).isEqualTo(max * 2);
        assertThat(approvalSetting.maxPerParticipant()).isEqualTo(max * 2);
        assertThat(operator("ops-read").get("/admin/incentives/change-requests/987654321").status()).isEqualTo(404);
        assertThat(operator("ops-read").get("/admin/incentives/change-requests?limit=501").status()).isEqualTo(400);
    }
}
