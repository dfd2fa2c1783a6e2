package id.go.prakerja.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import id.go.prakerja.support.security.Roles;
import id.go.prakerja.support.security.TokenIssuer;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.PlatformIntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Every state-changing admin call lands in the service's audit trail with its outcome, refused
 * ones included; the trail cannot be rewritten; operators read it page by page or as CSV.
 */
@PlatformIntegrationTest
class AuditTrailTest {

    @LocalServerPort
    int port;
    @Autowired
    TokenIssuer tokens;
    @Autowired
    JdbcTemplate jdbc;

    private HttpApi as(String subject, String... roles) {
        return HttpApi.at("http://localhost:" + port).withToken(tokens.issue(subject, List.of(roles)).accessToken());
    }

    private JsonNode entries(HttpApi api, String query) {
        var response = api.get("/admin/audit?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("items");
    }

    @Test
    void every_state_changing_admin_call_is_recorded_with_who_what_before_after_reason_and_outcome() {
        String target = "budget-" + UUID.randomUUID();
        UUID participant = UUID.randomUUID();
        var ops = as("ops-audit-" + UUID.randomUUID(), Roles.OPERATOR, Roles.PAYOUT_MAKER);
        assertThat(ops.send("PUT", "/admin/probe/limits/" + target, Map.of("value", 250, "reason", "raise for wave 3",
                "participant", participant.toString()), Map.of()).status()).isEqualTo(200);
        assertThat(ops.send("PUT", "/admin/probe/limits/" + target, Map.of("value", -1), Map.of()).status()).isEqualTo(409);
        // reads are not recorded
        assertThat(ops.get("/admin/probe").status()).isEqualTo(200);

        JsonNode items = entries(ops, "target=" + target);
        assertThat(items).hasSize(2);
        JsonNode refused = items.get(0);
        JsonNode done = items.get(1);
        assertThat(refused.get("outcome").asInt()).isEqualTo(409);
        assertThat(done.get("outcome").asInt()).isEqualTo(200);
        assertThat(done.get("method").asString()).isEqualTo("PUT");
        assertThat(done.get("path").asString()).isEqualTo("/admin/probe/limits/" + target);
        assertThat(done.get("operator").asString()).startsWith("ops-audit-");
        assertThat(done.get("roles").toString()).contains(Roles.OPERATOR, Roles.PAYOUT_MAKER);
        assertThat(done.get("action").asString()).isEqualTo("LIMIT_CHANGED");
        assertThat(done.get("before").get("limit").asLong()).isEqualTo(100);
        assertThat(done.get("after").get("limit").asLong()).isEqualTo(250);
        assertThat(done.get("reason").asString()).isEqualTo("raise for wave 3");
        assertThat(done.get("participantId").asString()).isEqualTo(participant.toString());
        assertThat(Instant.parse(done.get("recordedAt").asString())).isBefore(Instant.now().plusSeconds(1));

        // the action concerns a participant: announced once, in the entry's transaction, for the console's timeline
        List<Map<String, Object>> announced = jdbc.queryForList("""
                select topic, convert_from(payload, 'UTF8') as payload from outbox_message
                 where event_type = 'OperatorActionRecorded' and message_key = ?""", participant.toString());
        assertThat(announced).singleElement().satisfies(row -> {
            assertThat(row.get("topic")).isEqualTo(id.go.prakerja.events.Topics.OPERATIONS);
            var event = id.go.prakerja.events.EventJson.read(((String) row.get("payload")).getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)).orElseThrow();
            var action = (id.go.prakerja.events.operations.OperatorActionRecorded) event.payload();
            assertThat(action.action()).isEqualTo("LIMIT_CHANGED");
            assertThat(action.operator()).startsWith("ops-audit-");
            assertThat(action.outcome()).isEqualTo(200);
            assertThat(action.reason()).isEqualTo("raise for wave 3");
            assertThat(action.path()).isEqualTo("/admin/probe/limits/" + target);
        });
    }

    @Test
    void calls_refused_for_a_missing_role_are_recorded_and_a_caller_without_a_token_is_not() {
        String run = "run-" + UUID.randomUUID();
        String operator = "ops-only-" + UUID.randomUUID();
        var plain = as(operator, Roles.OPERATOR);
        var refused = plain.post("/admin/probe/payouts/" + run + "/approve", null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asString()).isEqualTo("ROLE_REQUIRED");
        String participant = UUID.randomUUID().toString();
        assertThat(as(participant, Roles.PARTICIPANT).post("/admin/probe/payouts/" + run + "/approve", null).status())
                .isEqualTo(403);
        assertThat(HttpApi.at("http://localhost:" + port).post("/admin/probe/payouts/" + run + "/approve", null).status())
                .isEqualTo(401);
        assertThat(as("checker-" + UUID.randomUUID(), Roles.PAYOUT_CHECKER).post("/admin/probe/payouts/" + run + "/approve", null)
                .status()).isEqualTo(200);

        JsonNode items = entries(plain, "target=" + run);
        List<Integer> outcomes = new java.util.ArrayList<>();
        items.forEach(i -> outcomes.add(i.get("outcome").asInt()));
        // newest first: the checker's approval, the operator refused by the role check
        assertThat(outcomes).containsExactly(200, 403);
        // refused at the door (no handler ran, so the path alone names the target)
        assertThat(entries(plain, "operator=" + participant)).singleElement().satisfies(e -> {
            assertThat(e.get("outcome").asInt()).isEqualTo(403);
            assertThat(e.get("path").asString()).isEqualTo("/admin/probe/payouts/" + run + "/approve");
            assertThat(e.get("roles").toString()).contains(Roles.PARTICIPANT);
        });
        assertThat(entries(plain, "operator=" + operator)).singleElement()
                .satisfies(e -> assertThat(e.get("target").asString()).isEqualTo(run));
        // a participant never reads the trail
        assertThat(as("someone", Roles.PARTICIPANT).get("/admin/audit").status()).isEqualTo(403);
    }

    @Test
    void the_trail_is_append_only() {
        var ops = as("ops-append-" + UUID.randomUUID(), Roles.OPERATOR);
        String target = "limit-" + UUID.randomUUID();
        assertThat(ops.send("PUT", "/admin/probe/limits/" + target, Map.of("value", 7), Map.of()).status()).isEqualTo(200);
        long id = jdbc.queryForObject("select id from audit_entry where target = ?", Long.class, target);
        assertThatThrownBy(() -> jdbc.update("update audit_entry set outcome = 500 where id = ?", id))
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from audit_entry where id = ?", id)).rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("truncate audit_entry")).rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.queryForObject("select outcome from audit_entry where id = ?", Integer.class, id)).isEqualTo(200);
    }

    @Test
    void operators_page_filter_and_export_the_trail_and_bad_parameters_get_400() {
        String operator = "ops-page-" + UUID.randomUUID();
        var ops = as(operator, Roles.OPERATOR);
        Instant before = Instant.now().minusSeconds(1);
        for (int i = 0; i < 3; i++) {
            assertThat(ops.send("PUT", "/admin/probe/limits/page-" + i, Map.of("value", i, "reason", "=cmd|' /C calc'!A0, \"quoted\""),
                    Map.of()).status()).isEqualTo(200);
        }
        var first = ops.get("/admin/audit?operator=" + operator + "&size=2").json();
        assertThat(first.get("items")).hasSize(2);
        assertThat(first.get("hasMore").asBoolean()).isTrue();
        var second = ops.get("/admin/audit?operator=" + operator + "&size=2&page=1").json();
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("hasMore").asBoolean()).isFalse();
        assertThat(entries(ops, "operator=" + operator + "&from=" + before + "&to=" + Instant.now().plusSeconds(5))).hasSize(3);
        assertThat(entries(ops, "operator=" + operator + "&to=" + before)).isEmpty();
        // the path the entry point routes to this service answers the same
        assertThat(ops.get("/admin/audit/support?operator=" + operator).json().get("items")).hasSize(3);

        var csv = ops.get("/admin/audit.csv?operator=" + operator);
        assertThat(csv.status()).isEqualTo(200);
        String[] lines = csv.body().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("id,recorded_at,operator,roles,method,path,target");
        assertThat(lines[1]).contains(operator, "PUT", "/admin/probe/limits/page-0", "\"'=cmd|' /C calc'!A0, \"\"quoted\"\"\"");

        for (String bad : List.of("size=0", "size=501", "page=-1", "from=yesterday",
                "from=" + Instant.now() + "&to=" + Instant.now().minusSeconds(60))) {
            var response = ops.get("/admin/audit?" + bad);
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.contentType()).as(bad).contains("application/problem+json");
        }
        assertThat(ops.get("/admin/audit.csv?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z").status()).isEqualTo(400);
    }
}
