package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.SimulatorConfig;
import id.go.prakerja.simulators.Simulators;
import id.go.prakerja.simulators.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;

import static id.go.prakerja.simulators.payment.PartnerProfile.BANK_INQUIRY_PATH;
import static id.go.prakerja.simulators.payment.PartnerProfile.BANK_STATUS_PATH;
import static id.go.prakerja.simulators.payment.PartnerProfile.BANK_TRANSFER_PATH;
import static id.go.prakerja.simulators.payment.PartnerProfile.EMONEY_STATUS_PATH;
import static id.go.prakerja.simulators.payment.PartnerProfile.EMONEY_TOPUP_PATH;
import static id.go.prakerja.simulators.payment.PartnerProfile.SETTLEMENT_PATH;
import static id.go.prakerja.simulators.payment.SnapTestClient.bniTransfer;
import static id.go.prakerja.simulators.payment.SnapTestClient.status;
import static id.go.prakerja.simulators.payment.SnapTestClient.topup;
import static org.assertj.core.api.Assertions.assertThat;

/** With a state dir, a simulated partner's accounts and ledger outlive a restart, as a real partner's do. */
class PartnerStateDirTest {

    private static final String ACCOUNT = "9876500001";
    private static final String WALLET = "081234567001";

    @Test
    void a_restarted_partner_still_knows_its_accounts_and_the_transfers_made_before(@TempDir Path state)
            throws Exception {
        SimulatorConfig config = SimulatorConfig.builder().populationSize(20).simulateLatency(false).stateDir(state).build();
        PaymentRecord paid;
        try (Simulators sims = Simulators.start(config)) {
            openAccounts(sims);
            SnapTestClient bni = bni(sims);
            assertThat(bni.call(BANK_TRANSFER_PATH, bniTransfer("bni-before-restart", ACCOUNT, "600000.00")).status())
                    .isEqualTo(200);
            paid = sims.bni().payment("bni-before-restart").orElseThrow();
            // LinkAja: one top-up left pending when the partner stops, one settled (and then failed) before
            sims.linkAja().pendingPercent(100);
            sims.linkAja().settleAfter(java.time.Duration.ofHours(1));
            SnapTestClient linkAja = linkAja(sims);
            assertThat(linkAja.call(EMONEY_TOPUP_PATH, topup("la-failed", WALLET, "600000.00")).status()).isEqualTo(202);
            sims.linkAja().failPercent(100);
            sims.linkAja().settlePending();
            assertThat(linkAja.call(EMONEY_TOPUP_PATH, topup("la-pending", WALLET, "600000.00")).status()).isEqualTo(202);
        }

        try (Simulators sims = Simulators.start(config)) {
            assertThat(sims.bni().account(ACCOUNT)).get().satisfies(a -> assertThat(a.ownerName()).isEqualTo("BUDI SANTOSO"));
            assertThat(sims.linkAja().account(WALLET)).isPresent();
            SnapTestClient bni = bni(sims); // tokens do not outlive a restart: a new one
            TestHttp.Response inquiry = bni.call(BANK_INQUIRY_PATH, "{\"beneficiaryAccountNo\":\"" + ACCOUNT + "\"}");
            assertThat(inquiry.status()).isEqualTo(200);
            assertThat(inquiry.json().get("beneficiaryAccountName").asString()).isEqualTo("BUDI SANTOSO");

            JsonNode status = bni.call(BANK_STATUS_PATH, status("bni-before-restart", "17")).json();
            assertThat(status.get("responseCode").asString()).isEqualTo("2003600");
            assertThat(status.get("latestTransactionStatus").asString()).isEqualTo("00");
            assertThat(status.get("originalReferenceNo").asString()).isEqualTo(paid.referenceNo());
            assertThat(status.at("/amount/value").asString()).isEqualTo("600000.00");

            LocalDate day = LocalDate.ofInstant(paid.createdAt(), SnapSignature.WIB);
            JsonNode report = bni.call(SETTLEMENT_PATH, "{\"settlementDate\":\"" + day + "\"}").json();
            assertThat(report.get("totalItems").asInt()).isEqualTo(1);
            assertThat(report.at("/items/0/partnerReferenceNo").asString()).isEqualTo("bni-before-restart");
            assertThat(report.at("/items/0/referenceNo").asString()).isEqualTo(paid.referenceNo());
            assertThat(report.at("/items/0/latestTransactionStatus").asString()).isEqualTo("00");

            // still paid once: the same transfer again is a duplicate, and a new one gets a new reference number
            TestHttp.Response again = bni.call(BANK_TRANSFER_PATH, bniTransfer("bni-before-restart", ACCOUNT, "600000.00"));
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().get("responseCode").asString()).isEqualTo("4091701");
            assertThat(bni.call(BANK_TRANSFER_PATH, bniTransfer("bni-after-restart", ACCOUNT, "600000.00")).status())
                    .isEqualTo(200);
            assertThat(sims.payments(Party.BNI)).extracting(PaymentRecord::partnerReferenceNo)
                    .containsExactly("bni-before-restart", "bni-after-restart");
            assertThat(sims.bni().payment("bni-after-restart").orElseThrow().referenceNo()).isNotEqualTo(paid.referenceNo());

            // LinkAja: the failed top-up stays failed; the pending one settles by itself (3 s after its creation)
            SnapTestClient linkAja = linkAja(sims);
            JsonNode failed = linkAja.call(EMONEY_STATUS_PATH, status("la-failed", "38")).json();
            assertThat(failed.get("latestTransactionStatus").asString()).isEqualTo("06");
            assertThat(failed.at("/additionalInfo/failureCode").asString()).isEqualTo("4033802");
            long deadline = System.currentTimeMillis() + 10_000;
            while (sims.linkAja().payment("la-pending").orElseThrow().status() == PaymentStatus.PENDING
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(linkAja.call(EMONEY_STATUS_PATH, status("la-pending", "38")).json()
                    .get("latestTransactionStatus").asString()).isEqualTo("00");
        }

        try (Simulators sims = Simulators.start(config)) {
            // the settlement made after the restart was kept too
            assertThat(sims.payments(Party.LINKAJA)).extracting(PaymentRecord::partnerReferenceNo, PaymentRecord::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("la-failed", PaymentStatus.FAILED),
                            org.assertj.core.groups.Tuple.tuple("la-pending", PaymentStatus.SUCCESS));
            assertThat(sims.payments(Party.BNI)).hasSize(2);
            assertThat(sims.payments(Party.OVO)).isEmpty();
            sims.bni().reset();
        }

        try (Simulators sims = Simulators.start(config)) {
            assertThat(sims.payments(Party.BNI)).isEmpty(); // a reset forgets the ledger, and its file
            assertThat(sims.bni().account(ACCOUNT)).isEmpty();
            assertThat(sims.payments(Party.LINKAJA)).hasSize(2);
        }
    }

    @Test
    void a_line_cut_short_by_a_crash_is_skipped_and_the_rest_is_loaded(@TempDir Path state) throws IOException {
        SimulatorConfig config = SimulatorConfig.builder().populationSize(20).simulateLatency(false).stateDir(state).build();
        try (Simulators sims = Simulators.start(config)) {
            openAccounts(sims);
            assertThat(bni(sims).call(BANK_TRANSFER_PATH, bniTransfer("bni-1", ACCOUNT, "600000.00")).status()).isEqualTo(200);
        }
        Path ledger = state.resolve("bni-ledger.jsonl");
        Path accounts = state.resolve("bni-accounts.jsonl");
        for (Path file : List.of(ledger, accounts)) {
            Files.writeString(file, "{\"partner\":\"BNI\",\"partnerReferenceNo\":\"bni-2\",\"amou", StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        }

        try (Simulators sims = Simulators.start(config)) {
            assertThat(sims.payments(Party.BNI)).extracting(PaymentRecord::partnerReferenceNo).containsExactly("bni-1");
            assertThat(sims.bni().account(ACCOUNT)).isPresent();
            assertThat(bni(sims).call(BANK_TRANSFER_PATH, bniTransfer("bni-2", ACCOUNT, "600000.00")).status()).isEqualTo(200);
        }
        // rewritten whole at the start: the torn line is gone, not glued to the next one
        assertThat(Files.readAllLines(ledger)).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));

        try (Simulators sims = Simulators.start(config)) {
            assertThat(sims.payments(Party.BNI)).extracting(PaymentRecord::partnerReferenceNo).containsExactly("bni-1", "bni-2");
        }
    }

    @Test
    void without_a_state_dir_a_partner_keeps_nothing_across_a_restart() {
        SimulatorConfig config = SimulatorConfig.builder().populationSize(20).simulateLatency(false).build();
        try (Simulators sims = Simulators.start(config)) {
            openAccounts(sims);
            assertThat(bni(sims).call(BANK_TRANSFER_PATH, bniTransfer("bni-1", ACCOUNT, "600000.00")).status()).isEqualTo(200);
        }
        try (Simulators sims = Simulators.start(config)) {
            assertThat(sims.payments(Party.BNI)).isEmpty();
            assertThat(sims.bni().account(ACCOUNT)).isEmpty();
        }
    }

    private static void openAccounts(Simulators sims) {
        assertThat(TestHttp.post(sims.baseUrl(Party.BNI) + "/_control/accounts", """
                {"accountNumber":"%s","ownerName":"BUDI SANTOSO","nik":"3174051505900001"}""".formatted(ACCOUNT)).status())
                .isEqualTo(201);
        assertThat(TestHttp.post(sims.baseUrl(Party.LINKAJA) + "/_control/accounts", """
                {"phone":"%s","ownerName":"Siti Aminah","nik":"3273014506950002"}""".formatted(WALLET)).status())
                .isEqualTo(201);
    }

    private static SnapTestClient bni(Simulators sims) {
        return new SnapTestClient(sims.baseUrl(Party.BNI), "bni-local-client", "bni-local-secret");
    }

    private static SnapTestClient linkAja(Simulators sims) {
        return new SnapTestClient(sims.baseUrl(Party.LINKAJA), "linkaja-local-client", "linkaja-local-secret");
    }
}
