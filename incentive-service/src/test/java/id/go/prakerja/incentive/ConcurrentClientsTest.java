package id.go.prakerja.incentive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import id.go.prakerja.events.Topics;
import id.go.prakerja.events.payment.AccountRejectionReason;
import id.go.prakerja.support.security.Roles;
import id.go.prakerja.testsupport.HttpApi;
import id.go.prakerja.testsupport.MalformedRequests;

/** What a malformed or unexpected request must not break, and what operators read. */
class ConcurrentClientsTest extends IncentiveServiceTest {

    @Autowired
    ApplicationContext context;

    @Test
    void no_malformed_request_to_any_endpoint_is_answered_with_a_5xx_or_changes_anything() {
        Participant p = participant();
        // an integrity signal with an undecided participant: the sweep may not clear or confirm them
        Participant sharing = participant();
        Participant sharingToo = participant();
        link(sharing, "BNI", "9988776655");
        link(sharingToo, "BNI", "9988776655");
        long signal = jdbc.queryForObject("select signal_id from integrity_signal_participant where participant_id = ?", Long.class,
                sharing.id());
        // a pending change request another operator asked for: the sweep's operator may decide it, and must not
        var requested = maker("ops-maker").send("PUT", "/admin/incentives/payout-runs/settings",
                Map.of("budget", 999_000_000_000L, "reason", "sweep"), Map.of());
        assertThat(requested.status()).as(requested.toString()).isEqualTo(202);
        long changeRequest = requested.json().get("requests").get(0).get("id").asLong();
        HttpApi operator = api().withToken(tokens.issue("ops-sweep", List.of(Roles.OPERATOR, Roles.PAYOUT_MAKER,
                Roles.PAYOUT_CHECKER)).accessToken());
        try {
            var report = MalformedRequests.sweep(context, p.api(), operator)
                    .id("instructionId", p.instructionId("POST_TRAINING", 1))
                    .id("/admin/incentives/change-requests/{id}", changeRequest)
                    .id("signalId", signal)
                    .id("participantId", sharing.id())
                    .example("POST /api/v1/payout-account", Map.of("partner", "BNI", "accountNumber", "0123456789"))
                    .unchanged("tranches", () -> jdbc.queryForList(
                            "select instruction_id, status from tranche where participant_id = ? order by instruction_id", p.id()))
                    .unchanged("payout account", () -> jdbc.queryForList("select * from payout_account where participant_id = ?", p.id()))
                    .unchanged("change requests", () -> jdbc.queryForList("select id, status, decided_by from change_request order by id"))
                    .unchanged("settings", () -> jdbc.queryForList("select name, value from payout_setting order by name"))
                    .unchanged("integrity signals", () -> jdbc.queryForList(
                            "select signal_id, participant_id, decision from integrity_signal_participant order by 1, 2"))
                    .unchanged("payout runs", () -> jdbc.queryForList("select id, status from payout_run order by id"))
                    .unchanged("events", () -> jdbc.queryForObject("select count(*) from outbox_message where message_key = ?",
                            Long.class, p.id().toString()))
                    .run();
            assertThat(report.faults()).as(report.toString()).isEmpty();
            assertThat(report.size()).isGreaterThan(300);
        } finally {
            checker("ops-checker").post("/admin/incentives/change-requests/" + changeRequest + "/reject", Map.of("note", "sweep"));
        }
    }

    @Test
    void bad_account_input_is_a_400_problem_naming_the_field_and_an_operator_token_is_not_a_participant() {
        Participant p = participant();
        var shortAccount = p.api().inLanguage("en").post("/api/v1/payout-account", Map.of("partner", "BNI", "accountNumber", "123"));
        assertThat(shortAccount.status()).isEqualTo(400);
        assertThat(shortAccount.contentType()).contains("application/problem+json");
        assertThat(shortAccount.json().get("errors").get(0).get("field").asString()).isEqualTo("accountNumber");
        var landline = p.api().post("/api/v1/payout-account", Map.of("partner", "OVO", "phone", "021 5551234"));
        assertThat(landline.json().get("errors").get(0).get("field").asString()).isEqualTo("phone");
        assertThat(p.api().post("/api/v1/payout-account", Map.of("partner", "DANA", "phone", p.phone())).status()).isEqualTo(400);
        assertThat(p.api().get("/api/v1/payout-account").status()).isEqualTo(404);
        assertThat(p.api().send("DELETE", "/api/v1/payout-account", null, Map.of()).status()).isEqualTo(404);
        assertThat(operator("ops-x").get("/api/v1/incentives/me").status()).isEqualTo(403);
        assertThat(p.api().get("/admin/incentives/summary").status()).isEqualTo(403);
        var unknownGroup = operator("ops-x").get("/admin/incentives/summary?by=colour");
        assertThat(unknownGroup.status()).isEqualTo(400);
        assertThat(operator("ops-x").get("/admin/incentives/backlog?limit=0").status()).isEqualTo(400);
        assertThat(operator("ops-x").get("/admin/incentives/payout-runs?limit=100000").status()).isEqualTo(400);
        assertThat(operator("ops-x").get("/admin/incentives/payout-runs/987654321").status()).isEqualTo(404);
    }

    @Test
    void a_participant_unknown_to_the_service_is_told_to_wait_rather_than_failing() {
        var stranger = api().withToken(tokens.issue(java.util.UUID.randomUUID().toString(), id.go.prakerja.support.security.Roles.PARTICIPANT).accessToken());
        var response = stranger.post("/api/v1/payout-account", Map.of("partner", "BNI", "accountNumber", "0123456789"));
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("code").asString()).isEqualTo("PARTICIPANT_NOT_KNOWN_YET");
        assertThat(stranger.get("/api/v1/incentives/me").json().get("totals").get("toCome").asLong()).isEqualTo(2_550_000);
    }

    @Test
    void operators_see_totals_by_status_and_province_and_lists_filtered_by_reason() {
        Participant p = participant();
        publish(Topics.TRAINING, reconciled(p, true));
        var link = link(p, "BNI", "5556667778");
        publish(Topics.PAYMENT, accountRejected(p, link, AccountRejectionReason.NOT_KYC, null));
        await().atMost(WAIT).until(() -> "REJECTED".equals(p.api().get("/api/v1/payout-account").json().get("status").asString())
                && "SCHEDULED".equals(p.status("POST_TRAINING", 1)));
        nextPayoutDate();
        var ops = operator("ops-reports");
        await().atMost(WAIT).until(() -> ops.get("/admin/incentives/tranches?status=ACCOUNT_REJECTED&reason=NOT_KYC&province=31&wave=1&limit=1000")
                .body().contains(p.instructionId("POST_TRAINING", 1)));
        var summary = ops.get("/admin/incentives/summary?by=province").json();
        assertThat(summary.get("entitledParticipants").asLong()).isPositive();
        assertThat(summary.get("totals").toString()).contains("\"group\":\"31\"").contains("ACCOUNT_REJECTED");
        assertThat(ops.get("/admin/incentives/summary?by=wave").status()).isEqualTo(200);
        assertThat(ops.get("/admin/incentives/summary?by=partner").status()).isEqualTo(200);
        var backlog = ops.get("/admin/incentives/backlog?reason=ACCOUNT_REJECTED&limit=1000").body();
        assertThat(backlog).contains(p.id().toString()).contains("NOT_KYC");
        assertThat(ops.get("/admin/incentives/backlog/summary").body()).contains("ACCOUNT_REJECTED");
    }
}
