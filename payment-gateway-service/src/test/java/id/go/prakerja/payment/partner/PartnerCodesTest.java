package id.go.prakerja.payment.partner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import id.go.prakerja.payment.snap.ResponseCode;
import id.go.prakerja.payment.snap.SnapResponse;
import tools.jackson.databind.json.JsonMapper;

/** What each SNAP answer means for a payment: only a definite refusal fails one. */
class PartnerCodesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static SnapResponse response(int http, String code, String extra) {
        String body = code == null ? null : "{\"responseCode\":\"" + code + "\",\"referenceNo\":\"R1\"" + extra + "}";
        return new SnapResponse(http, code == null ? null : ResponseCode.parse(code), body == null ? null : JSON.readTree(body),
                "1", http == 429 ? 2 : 0);
    }

    @ParameterizedTest(name = "transfer {0} {1} -> {2} {3}")
    @CsvSource(nullValues = "null", value = {
            "200, 2001700, PAID, null",
            "200, 2003800, PAID, null",
            "202, 2021700, PENDING, null",
            "202, 2023800, PENDING, null",
            "404, 4041711, FAILED, ACCOUNT_NOT_FOUND",
            "403, 4033818, FAILED, ACCOUNT_BLOCKED",
            "403, 4033809, FAILED, ACCOUNT_CLOSED",
            "403, 4033802, FAILED, LIMIT_EXCEEDED",
            "400, 4003801, FAILED, PARTNER_REJECTED",
            "409, 4091701, UNKNOWN, null",
            "409, 4091700, UNKNOWN, null",
            "404, 4041718, UNKNOWN, null",
            "500, 5001700, UNKNOWN, null",
            "503, 5033800, UNKNOWN, null",
            "504, 5043800, UNKNOWN, null",
            "502, null, UNKNOWN, null",
            "200, null, UNKNOWN, null",
            "429, 4293800, NOT_SENT, null",
            "429, null, NOT_SENT, null",
            "401, 4013801, NOT_SENT, null"})
    void transfer_answers(int http, String code, PartnerAnswer.Kind kind, String reason) {
        PartnerAnswer answer = PartnerCodes.transfer(response(http, code, ""));
        assertThat(answer.kind()).isEqualTo(kind);
        assertThat(answer.reasonCode()).isEqualTo(reason);
    }

    @ParameterizedTest(name = "status {0} {1} latest {2} -> {3} {4}")
    @CsvSource(nullValues = "null", value = {
            "200, 2003600, 00, PAID, null",
            "200, 2003900, 03, PENDING, null",
            "200, 2003900, 01, PENDING, null",
            "200, 2003600, 06, FAILED, PARTNER_REJECTED",
            "200, 2003600, 05, FAILED, PARTNER_REJECTED",
            "200, 2003600, 07, NOT_FOUND, null",
            "404, 4043601, null, NOT_FOUND, null",
            "500, 5003900, null, UNKNOWN, null",
            "200, 2003900, 99, UNKNOWN, null",
            "429, 4293900, null, NOT_SENT, null"})
    void status_answers(int http, String code, String latest, PartnerAnswer.Kind kind, String reason) {
        PartnerAnswer answer = PartnerCodes.status(response(http, code,
                latest == null ? "" : ",\"latestTransactionStatus\":\"" + latest + "\""));
        assertThat(answer.kind()).isEqualTo(kind);
        assertThat(answer.reasonCode()).isEqualTo(reason);
    }

    @ParameterizedTest
    @CsvSource({"4033802, LIMIT_EXCEEDED", "4043811, ACCOUNT_NOT_FOUND", "4031718, ACCOUNT_BLOCKED"})
    void a_failure_after_pending_carries_its_reason(String failureCode, String reason) {
        PartnerAnswer answer = PartnerCodes.status(response(200, "2003900",
                ",\"latestTransactionStatus\":\"06\",\"additionalInfo\":{\"failureCode\":\"" + failureCode + "\"}"));
        assertThat(answer.kind()).isEqualTo(PartnerAnswer.Kind.FAILED);
        assertThat(answer.reasonCode()).isEqualTo(reason);
        assertThat(answer.rawCode()).isEqualTo("2003900/06/" + failureCode);
    }

    @Test
    void every_account_reason_is_announced_as_curable_by_an_account_change_and_nothing_else_is() {
        // the incentive service shows each of these with what to do and requests the tranche again
        // once a new account is verified; the gateway then pays it again (RepeatedRequests)
        for (String reason : new String[] {PartnerCodes.ACCOUNT_CLOSED, PartnerCodes.ACCOUNT_BLOCKED,
                PartnerCodes.ACCOUNT_NOT_FOUND, PartnerCodes.NAME_MISMATCH, PartnerCodes.LIMIT_EXCEEDED}) {
            assertThat(PartnerCodes.retryableAfterAccountChange(reason)).as(reason).isTrue();
        }
        assertThat(PartnerCodes.retryableAfterAccountChange(PartnerCodes.PARTNER_REJECTED)).isFalse();
        assertThat(PartnerCodes.retryableAfterAccountChange(null)).isFalse();
        // every definite refusal is either about the account or PARTNER_REJECTED, which an operator handles
        for (int http : new int[] {400, 403, 404, 409}) {
            for (int c = 0; c < 100; c++) {
                String reason = PartnerCodes.refusalReason(ResponseCode.parse(String.format("%d17%02d", http, c)));
                assertThat(PartnerCodes.retryableAfterAccountChange(reason) || reason.equals(PartnerCodes.PARTNER_REJECTED))
                        .as(reason).isTrue();
            }
        }
    }
}
