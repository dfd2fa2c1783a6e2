package id.go.prakerja.payment.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.Topics;
import id.go.prakerja.events.incentive.PayoutAccountLinkRequested;
import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.events.payment.AccountRejectionReason;
import id.go.prakerja.events.payment.PayoutAccountRejected;
import id.go.prakerja.events.payment.PayoutAccountVerified;
import id.go.prakerja.payment.PaymentGatewayServiceTest;
import id.go.prakerja.simulators.Fault;
import id.go.prakerja.simulators.payment.PartnerAccount;
import id.go.prakerja.testsupport.KafkaProbe;

/** Payout-account verification against the simulated partners' account inquiry. */
class AccountVerificationTest extends PaymentGatewayServiceTest {

    private static final String NIK = "3174050101900001";
    private static final String PHONE = "+6281234500001";

    private UUID requestLink(PayoutPartner partner, String account, String nik, String fullName, String phone) {
        UUID participant = UUID.randomUUID();
        UUID link = UUID.randomUUID();
        var event = EventEnvelope.of(new PayoutAccountLinkRequested(link, partner, sealedForLink("accountNumber", participant, account),
                sealedForLink("nik", participant, nik), sealedForLink("fullName", participant, fullName),
                sealedForLink("registeredPhone", participant, phone)), participant, UUID.randomUUID(), null, Instant.now());
        publish(event);
        publish(event); // delivered twice: one verification, one answer
        return link;
    }

    private DomainEvent answerFor(KafkaProbe probe, UUID link) {
        await().atMost(WAIT).until(() -> events(probe).stream().map(EventEnvelope::payload).anyMatch(e -> linkOf(e) == link
                || link.equals(linkOf(e))));
        List<DomainEvent> answers = events(probe).stream().map(EventEnvelope::payload).filter(e -> link.equals(linkOf(e))).toList();
        assertThat(answers).hasSize(1);
        return answers.get(0);
    }

    private static UUID linkOf(DomainEvent e) {
        return e instanceof PayoutAccountVerified v ? v.linkId() : e instanceof PayoutAccountRejected r ? r.linkId() : null;
    }

    @Test
    void an_account_of_the_participant_under_a_variant_of_their_name_is_verified() {
        String account = newAccount(PayoutPartner.BNI, "H. MOCH. BUDI SANTOSO, S.KOM", NIK);
        UUID link;
        try (KafkaProbe probe = KafkaProbe.listen(Topics.PAYMENT)) {
            link = requestLink(PayoutPartner.BNI, account, NIK, "Muhammad Budi Santoso", PHONE);
            assertThat(answerFor(probe, link)).isInstanceOf(PayoutAccountVerified.class);
        }
        // operators see the score and the comparison behind it with the names masked, never the NIK, and the account masked
        var view = operator().get("/admin/payments/account-links/" + link);
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.json().get("status").asString()).isEqualTo("VERIFIED");
        assertThat(view.json().get("nameComparison").asString()).contains("M******D=M******D(100)").doesNotContain("MUHAMMAD");
        assertThat(view.json().get("account").asString()).isEqualTo("******" + account.substring(6));
        assertThat(view.body()).doesNotContain(NIK);
        assertThat(operator().get("/admin/payments/account-links?status=VERIFIED&partner=BNI").json()).isNotEmpty();
        assertThat(operator().get("/admin/payments/account-links/" + UUID.randomUUID()).status()).isEqualTo(404);
        Map<String, Object> row = jdbc.queryForMap("select status, name_score, name_comparison, nik_sealed from account_link where link_id = ?", link);
        assertThat(row.get("status")).isEqualTo("VERIFIED");
        assertThat((Integer) row.get("name_score")).isGreaterThanOrEqualTo(80);
        assertThat((String) row.get("name_comparison")).contains("M******D=M******D(100)");
        assertThat((String) row.get("nik_sealed")).doesNotContain(NIK);
    }

    @Test
    void each_rejection_names_what_the_participant_must_fix() {
        String stranger = newAccount(PayoutPartner.OVO, "Siti Rahmawati", NIK);
        String otherNik = newAccount(PayoutPartner.BNI, "BUDI SANTOSO", "3174050101900099");
        String basic = sim(PayoutPartner.GOPAY).addAccount(new PartnerAccount(null, "081299990001", "Budi", null, false, true)).key();
        String blocked = sim(PayoutPartner.LINKAJA).addAccount(new PartnerAccount(null, "081299990002", "Budi Santoso", NIK, true, false)).key();
        String ownPhone = newAccount(PayoutPartner.GOPAY, "Budi Santoso", NIK);
        try (KafkaProbe probe = KafkaProbe.listen(Topics.PAYMENT)) {
            var name = (PayoutAccountRejected) answerFor(probe, requestLink(PayoutPartner.OVO, stranger, NIK, "Budi Santoso",
                    "0" + stranger.substring(1)));
            assertThat(name.reasonCode()).isEqualTo(AccountRejectionReason.NAME_MISMATCH);
            assertThat(name.accountHolderMasked()).isEqualTo("S**I R*******I");
            assertThat(((PayoutAccountRejected) answerFor(probe, requestLink(PayoutPartner.BNI, otherNik, NIK, "Budi Santoso", PHONE)))
                    .reasonCode()).isEqualTo(AccountRejectionReason.NIK_MISMATCH);
            assertThat(((PayoutAccountRejected) answerFor(probe, requestLink(PayoutPartner.GOPAY, basic, NIK, "Budi Santoso",
                    "081299990001"))).reasonCode()).isEqualTo(AccountRejectionReason.NOT_KYC);
            assertThat(((PayoutAccountRejected) answerFor(probe, requestLink(PayoutPartner.LINKAJA, blocked, NIK, "Budi Santoso",
                    "081299990002"))).reasonCode()).isEqualTo(AccountRejectionReason.INACTIVE);
            assertThat(((PayoutAccountRejected) answerFor(probe, requestLink(PayoutPartner.BNI, "5550000001", NIK, "Budi Santoso",
                    PHONE))).reasonCode()).isEqualTo(AccountRejectionReason.NOT_FOUND);
            var phone = (PayoutAccountRejected) answerFor(probe, requestLink(PayoutPartner.GOPAY, ownPhone, NIK, "Budi Santoso", PHONE));
            assertThat(phone.reasonCode()).isEqualTo(AccountRejectionReason.PHONE_MISMATCH);
            assertThat(phone.accountHolderMasked()).isEqualTo(ownPhone.substring(0, 4) + "****" + ownPhone.substring(8));
        }
    }

    @Test
    void a_partner_that_cannot_answer_makes_the_request_wait_and_nobody_is_rejected_for_it() {
        String account = newAccount(PayoutPartner.OVO, "Budi Santoso", NIK);
        sim(PayoutPartner.OVO).fault(Fault.down());
        try (KafkaProbe probe = KafkaProbe.listen(Topics.PAYMENT)) {
            UUID link = requestLink(PayoutPartner.OVO, account, NIK, "Budi Santoso", "0" + account.substring(1));
            await().atMost(WAIT).until(() -> jdbc.queryForObject(
                    "select coalesce(max(attempts), 0) from account_link where link_id = ?", Integer.class, link) >= 2);
            assertThat(events(probe).stream().map(EventEnvelope::payload).filter(e -> link.equals(linkOf(e)))).isEmpty();
            sim(PayoutPartner.OVO).fault(Fault.none());
            assertThat(answerFor(probe, link)).isInstanceOf(PayoutAccountVerified.class);
        }
    }
}
