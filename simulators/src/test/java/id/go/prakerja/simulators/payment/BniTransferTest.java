package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.Fault;
import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.SharedSimulators;
import id.go.prakerja.simulators.Simulators;
import id.go.prakerja.simulators.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpTimeoutException;
import java.time.Duration;

import static id.go.prakerja.simulators.payment.PartnerProfile.BANK_INQUIRY_PATH;
import static id.go.prakerja.simulators.payment.PartnerProfile.BANK_TRANSFER_PATH;
import static id.go.prakerja.simulators.payment.PartnerProfile.BANK_STATUS_PATH;
import static id.go.prakerja.simulators.payment.SnapTestClient.bniTransfer;
import static id.go.prakerja.simulators.payment.SnapTestClient.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BniTransferTest {

    private static Simulators sims;
    private static SnapTestClient bni;
    private static PartnerAccount account;

    @BeforeAll
    static void start() {
        sims = SharedSimulators.get();
        bni = new SnapTestClient(sims.baseUrl(Party.BNI), "bni-local-client", "bni-local-secret");
        account = sims.bni().accounts().stream().filter(PartnerAccount::active).findFirst().orElseThrow();
        bni.token(); // fetched up front: fault tests must not fault the token call itself
    }

    @AfterEach
    void reset() {
        sims.bni().reset();
    }

    @Test
    void an_access_token_is_issued_for_a_correctly_signed_client() {
        TestHttp.Response response = bni.requestToken();
        assertThat(response.status()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.get("responseCode").asString()).isEqualTo("2007300");
        assertThat(json.get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(json.get("expiresIn").asString()).isEqualTo("900");
        assertThat(json.get("accessToken").asString()).isNotBlank();
    }

    @Test
    void an_access_token_is_refused_when_signed_with_another_clients_key() {
        TestHttp.Response response = new SnapTestClient(sims.baseUrl(Party.BNI), "bni-local-client", "bni-local-secret",
                SnapTestClient.localKey("ovo")).requestToken();
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("responseCode").asString()).isEqualTo("4017300");
    }

    @Test
    void account_inquiry_names_the_owner_and_confirms_kyc_and_the_nik() {
        String body = """
                {"partnerReferenceNo":"inq-1","beneficiaryBankCode":"009","beneficiaryAccountNo":"%s",
                 "additionalInfo":{"nikHash":"%s"}}""".formatted(account.accountNumber(), SnapSignature.sha256Hex(account.nik()));
        TestHttp.Response response = bni.call(BANK_INQUIRY_PATH, body);

        assertThat(response.status()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.get("responseCode").asString()).isEqualTo("2001500");
        assertThat(json.get("beneficiaryAccountName").asString()).isEqualTo(account.ownerName());
        assertThat(json.at("/additionalInfo/kycUpgraded").asBoolean()).isTrue();
        assertThat(json.at("/additionalInfo/nikMatch").asBoolean()).isTrue();
        assertThat(json.at("/additionalInfo/accountStatus").asString()).isEqualTo("ACTIVE");
        assertThat(json.at("/additionalInfo/maskedNik").asString()).matches("\\d{4}\\*{8}\\d{4}");
    }

    @Test
    void account_inquiry_with_someone_elses_nik_says_no_match() {
        String body = """
                {"beneficiaryAccountNo":"%s","additionalInfo":{"nik":"3174051505900001"}}""".formatted(account.accountNumber());
        assertThat(bni.call(BANK_INQUIRY_PATH, body).json().at("/additionalInfo/nikMatch").asBoolean()).isFalse();
    }

    @Test
    void account_inquiry_without_a_nik_shows_the_masked_nik_claims_no_match_and_is_kept_as_received() {
        // what the payment gateway sends: the account alone; it compares the masked NIK itself
        String body = """
                {"partnerReferenceNo":"inq-2","beneficiaryAccountNo":"%s"}""".formatted(account.accountNumber());
        TestHttp.Response response = bni.call(BANK_INQUIRY_PATH, body);

        assertThat(response.status()).isEqualTo(200);
        JsonNode info = response.json().get("additionalInfo");
        assertThat(info.get("maskedNik").asString())
                .isEqualTo(account.nik().substring(0, 4) + "********" + account.nik().substring(12));
        assertThat(info.has("nikMatch")).isFalse();
        assertThat(info.get("kycUpgraded").asBoolean()).isTrue();
        assertThat(sims.bni().inquiries()).contains(body);
        sims.bni().reset();
        assertThat(sims.bni().inquiries()).doesNotContain(body);
    }

    @Test
    void account_inquiry_for_an_unknown_account_is_4041511() {
        TestHttp.Response response = bni.call(BANK_INQUIRY_PATH, "{\"beneficiaryAccountNo\":\"0000000001\"}");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("responseCode").asString()).isEqualTo("4041511");
    }

    @Test
    void a_transfer_to_an_active_account_succeeds_with_2001700() {
        TestHttp.Response response = bni.call(BANK_TRANSFER_PATH, bniTransfer("pay-1", account.accountNumber(), "600000.00"));

        assertThat(response.status()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.get("responseCode").asString()).isEqualTo("2001700");
        assertThat(json.get("partnerReferenceNo").asString()).isEqualTo("pay-1");
        assertThat(json.at("/amount/value").asString()).isEqualTo("600000.00");
        assertThat(json.get("referenceNo").asString()).startsWith("BNI");
        assertThat(sims.payments(Party.BNI)).singleElement().satisfies(p -> {
            assertThat(p.amount()).isEqualTo(600_000L);
            assertThat(p.status()).isEqualTo(PaymentStatus.SUCCESS);
            assertThat(p.destination()).isEqualTo(account.accountNumber());
        });
    }

    @Test
    void the_same_reference_sent_twice_is_paid_once_and_the_repeat_is_a_duplicate_4091701() {
        bni.call(BANK_TRANSFER_PATH, bniTransfer("pay-2", account.accountNumber(), "600000.00"));
        TestHttp.Response again = bni.call(BANK_TRANSFER_PATH, bniTransfer("pay-2", account.accountNumber(), "600000.00"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("responseCode").asString()).isEqualTo("4091701");
        assertThat(again.header("X-TIMESTAMP")).isNotBlank();
        assertThat(sims.payments(Party.BNI)).hasSize(1);
    }

    @Test
    void the_same_reference_with_another_amount_is_an_inconsistent_request_4041718() {
        bni.call(BANK_TRANSFER_PATH, bniTransfer("pay-3", account.accountNumber(), "600000.00"));
        TestHttp.Response response = bni.call(BANK_TRANSFER_PATH, bniTransfer("pay-3", account.accountNumber(), "650000.00"));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("responseCode").asString()).isEqualTo("4041718");
        assertThat(sims.payments(Party.BNI)).hasSize(1);
    }

    @Test
    void status_inquiry_reports_a_paid_transfer_and_not_found_for_an_unknown_one() {
        bni.call(BANK_TRANSFER_PATH, bniTransfer("pay-4", account.accountNumber(), "50000.00"));

        JsonNode paid = bni.call(BANK_STATUS_PATH, status("pay-4", "17")).json();
        assertThat(paid.get("responseCode").asString()).isEqualTo("2003600");
        assertThat(paid.get("latestTransactionStatus").asString()).isEqualTo("00");
        assertThat(paid.at("/amount/value").asString()).isEqualTo("50000.00");

        TestHttp.Response unknown = bni.call(BANK_STATUS_PATH, status("never-sent", "17"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("responseCode").asString()).isEqualTo("4043601");
    }

    @Test
    void a_refused_transfer_does_not_use_up_its_reference() {
        TestHttp.Response refused = bni.call(BANK_TRANSFER_PATH, bniTransfer("pay-5", "9876543210", "600000.00"));
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.json().get("responseCode").asString()).isEqualTo("4041711");

        // the participant fixes their account; the same instruction is retried with the same reference
        TestHttp.post(sims.baseUrl(Party.BNI) + "/_control/accounts", """
                {"accountNumber":"9876543210","ownerName":"BUDI SANTOSO","nik":"3174051505900001"}""");
        TestHttp.Response retried = bni.call(BANK_TRANSFER_PATH, bniTransfer("pay-5", "9876543210", "600000.00"));
        assertThat(retried.json().get("responseCode").asString()).isEqualTo("2001700");
        assertThat(sims.payments(Party.BNI)).hasSize(1);
    }

    @Test
    void a_transfer_to_an_inactive_account_is_refused_with_4031718() {
        sims.bni().addAccount(new PartnerAccount("5550001111", null, "ANI", null, true, false));
        TestHttp.Response response = bni.call(BANK_TRANSFER_PATH, bniTransfer("pay-6", "5550001111", "600000.00"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("responseCode").asString()).isEqualTo("4031718");
    }

    @Test
    void amounts_with_cents_or_another_currency_are_invalid_format_4001701() {
        TestHttp.Response cents = bni.call(BANK_TRANSFER_PATH, bniTransfer("pay-7", account.accountNumber(), "600000.50"));
        assertThat(cents.json().get("responseCode").asString()).isEqualTo("4001701");
        String usd = bniTransfer("pay-7", account.accountNumber(), "600000.00").replace("IDR", "USD");
        assertThat(bni.call(BANK_TRANSFER_PATH, usd).json().get("responseCode").asString()).isEqualTo("4001701");
        String missing = "{\"amount\":{\"value\":\"1.00\",\"currency\":\"IDR\"},\"beneficiaryAccountNo\":\"1234567\"}";
        assertThat(bni.call(BANK_TRANSFER_PATH, missing).json().get("responseCode").asString()).isEqualTo("4001702");
        assertThat(sims.payments(Party.BNI)).isEmpty();
    }

    @Test
    void a_bad_signature_or_missing_token_is_refused_and_pays_nothing() {
        TestHttp.Response badSignature = bni.callSignedWith("not-the-secret", BANK_TRANSFER_PATH,
                bniTransfer("pay-8", account.accountNumber(), "600000.00"));
        assertThat(badSignature.status()).isEqualTo(401);
        assertThat(badSignature.json().get("responseCode").asString()).isEqualTo("4011700");

        TestHttp.Response noToken = TestHttp.post(sims.baseUrl(Party.BNI) + BANK_TRANSFER_PATH,
                bniTransfer("pay-8", account.accountNumber(), "600000.00"));
        assertThat(noToken.json().get("responseCode").asString()).isEqualTo("4011701");
        assertThat(sims.payments(Party.BNI)).isEmpty();
    }

    @Test
    void an_external_id_reused_the_same_day_for_another_request_is_a_conflict() {
        String externalId = bni.newExternalId();
        bni.call(BANK_TRANSFER_PATH, bniTransfer("pay-9", account.accountNumber(), "1000.00"), externalId);
        TestHttp.Response again = bni.call(BANK_TRANSFER_PATH, bniTransfer("pay-10", account.accountNumber(), "1000.00"), externalId);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("responseCode").asString()).isEqualTo("4091700");
    }

    @Test
    void a_timed_out_transfer_was_paid_all_the_same_and_only_status_inquiry_tells() throws Exception {
        sims.bni().fault(Fault.timeout(Duration.ofSeconds(5)));
        try {
            assertThatThrownBy(() -> bni.callOrThrow(BANK_TRANSFER_PATH,
                    bniTransfer("pay-11", account.accountNumber(), "600000.00"), Duration.ofMillis(400)))
                    .isInstanceOf(HttpTimeoutException.class);
        } finally {
            sims.bni().fault(Fault.none());
        }
        JsonNode status = bni.call(BANK_STATUS_PATH, status("pay-11", "17")).json();
        assertThat(status.get("latestTransactionStatus").asString()).isEqualTo("00");
        // retrying with the same reference after the inquiry is safe: still one payment
        bni.call(BANK_TRANSFER_PATH, bniTransfer("pay-11", account.accountNumber(), "600000.00"));
        assertThat(sims.payments(Party.BNI)).hasSize(1);
    }

    @Test
    void faults_answer_in_snap_format_with_the_endpoints_service_code() {
        sims.bni().fault(Fault.down());
        TestHttp.Response response = bni.call(BANK_TRANSFER_PATH, bniTransfer("pay-12", account.accountNumber(), "1.00"));
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.json().get("responseCode").asString()).isEqualTo("5031700");
        assertThat(sims.payments(Party.BNI)).isEmpty();
    }
}
