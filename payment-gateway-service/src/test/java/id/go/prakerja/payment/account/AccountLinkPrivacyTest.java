package id.go.prakerja.payment.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.incentive.PayoutAccountLinkRequested;
import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.PaymentGatewayServiceTest;
import id.go.prakerja.payment.snap.SnapSignatures;
import id.go.prakerja.support.crypto.FieldKeyRotation;

/**
 * What the gateway keeps and shows of a link request's personal data, and what it tells the
 * partner: at rest only sealed values and a masked account, to operators only masked names and
 * the score, to the partner the account alone, to the logs nothing of it.
 */
class AccountLinkPrivacyTest extends PaymentGatewayServiceTest {

    private static final String NIK = "3174051505900123";
    private static final String FULL_NAME = "Rahmat Hidayatullah";
    private static final String PHONE = "+6281377700123";
    /** Every word a full name (ours, the partner's holder) could leave behind, upper case. */
    private static final String[] NAME_WORDS = {"RAHMAT", "HIDAYAT", "SITI", "RAHMAWATI"};

    @Autowired
    private FieldKeyRotation rotation;

    private UUID requestLink(PayoutPartner partner, String account, String phone) {
        UUID participant = UUID.randomUUID();
        UUID link = UUID.randomUUID();
        publish(EventEnvelope.of(new PayoutAccountLinkRequested(link, partner, sealedForLink("accountNumber", participant, account),
                sealedForLink("nik", participant, NIK), sealedForLink("fullName", participant, FULL_NAME),
                sealedForLink("registeredPhone", participant, phone)), participant, UUID.randomUUID(), null, Instant.now()));
        return link;
    }

    private String awaitDecided(UUID link) {
        await().atMost(WAIT).until(() -> jdbc.queryForList("select status from account_link where link_id = ?", String.class, link)
                .stream().anyMatch(status -> !"PENDING".equals(status)));
        return jdbc.queryForObject("select status from account_link where link_id = ?", String.class, link);
    }

    @Test
    void the_raw_row_holds_no_clear_account_phone_name_or_nik_and_the_logs_name_none_of_them() {
        String account = newAccount(PayoutPartner.BNI, "RAHMAT HIDAYATULLAH", NIK);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Queue<String> logged = new ConcurrentLinkedQueue<>();
        AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                logged.add(e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())));
            }
        };
        capture.start();
        root.addAppender(capture);
        UUID link;
        try {
            link = requestLink(PayoutPartner.BNI, account, PHONE);
            assertThat(awaitDecided(link)).isEqualTo("VERIFIED");
            // the decision is logged by link id after it commits
            await().atMost(WAIT).until(() -> logged.stream().anyMatch(line -> line.contains(link.toString())));
        } finally {
            root.detachAppender(capture);
        }

        Map<String, Object> row = jdbc.queryForMap("select * from account_link where link_id = ?", link);
        String raw = row.values().stream().map(String::valueOf).collect(Collectors.joining(" | "));
        assertThat(raw.toUpperCase(Locale.ROOT)).doesNotContain(account, NIK, "81377700123", SnapSignatures.sha256Hex(NIK).toUpperCase(Locale.ROOT))
                .doesNotContain(NAME_WORDS);
        assertThat(row.get("account_masked")).isEqualTo("******" + account.substring(6));
        // sealed, not lost: each opens where it belongs, and only there
        assertThat(crypto.decryptAtRest((String) row.get("account_number_sealed"),
                SealedAccountLinks.atRest(SealedAccountLinks.ACCOUNT_NUMBER, link))).isEqualTo(account);
        assertThat(crypto.decryptAtRest((String) row.get("full_name_sealed"),
                SealedAccountLinks.atRest(SealedAccountLinks.FULL_NAME, link))).isEqualTo(FULL_NAME);
        assertThat(crypto.decryptAtRest((String) row.get("registered_phone_sealed"),
                SealedAccountLinks.atRest(SealedAccountLinks.REGISTERED_PHONE, link))).isEqualTo(PHONE);
        assertThat(crypto.decryptAtRest((String) row.get("nik_sealed"), SealedAccountLinks.atRest(SealedAccountLinks.NIK, link)))
                .isEqualTo(NIK);
        // and walked by the re-encryption job when the field key changes
        assertThat(rotation.remaining()).containsEntry("account_link", 0L);

        assertThat(String.join("\n", logged).toUpperCase(Locale.ROOT)).doesNotContain(account, NIK, "81377700123").doesNotContain(NAME_WORDS);
    }

    @Test
    void operators_see_the_masked_holder_and_the_score_but_never_a_full_name() {
        String stranger = newAccount(PayoutPartner.OVO, "Siti Rahmawati", NIK);
        String own = newAccount(PayoutPartner.BNI, "H. RAHMAT HIDAYATULLAH, S.KOM", NIK);
        UUID rejected = requestLink(PayoutPartner.OVO, stranger, stranger);
        UUID verified = requestLink(PayoutPartner.BNI, own, PHONE);
        assertThat(awaitDecided(rejected)).isEqualTo("REJECTED");
        assertThat(awaitDecided(verified)).isEqualTo("VERIFIED");

        var mismatch = operator().get("/admin/payments/account-links/" + rejected);
        assertThat(mismatch.status()).isEqualTo(200);
        assertThat(mismatch.json().get("reasonCode").asString()).isEqualTo("NAME_MISMATCH");
        assertThat(mismatch.json().get("holderMasked").asString()).isEqualTo("S**I R*******I");
        assertThat(mismatch.json().get("nameScore").asInt()).isLessThan(80);
        var match = operator().get("/admin/payments/account-links/" + verified);
        assertThat(match.json().get("nameScore").asInt()).isGreaterThanOrEqualTo(80);
        assertThat(match.json().get("account").asString()).isEqualTo("******" + own.substring(6));

        for (String body : List.of(mismatch.body(), match.body(),
                operator().get("/admin/payments/account-links?partner=OVO&size=500").body(),
                operator().get("/admin/payments/account-links?partner=BNI&size=500").body())) {
            assertThat(body.toUpperCase(Locale.ROOT)).doesNotContain(NAME_WORDS).doesNotContain(NIK, stranger, own);
        }
    }

    @Test
    void the_partner_is_asked_about_the_account_alone_never_the_nik_or_its_hash() {
        String bni = newAccount(PayoutPartner.BNI, "RAHMAT HIDAYATULLAH", NIK);
        String ovo = newAccount(PayoutPartner.OVO, "Rahmat Hidayatullah", NIK);
        UUID atBni = requestLink(PayoutPartner.BNI, bni, PHONE);
        UUID atOvo = requestLink(PayoutPartner.OVO, ovo, ovo);
        // the NIK is still checked: against the digits of the partner's masked NIK
        assertThat(awaitDecided(atBni)).isEqualTo("VERIFIED");
        assertThat(awaitDecided(atOvo)).isEqualTo("VERIFIED");

        String nikHash = SnapSignatures.sha256Hex(NIK).toLowerCase(Locale.ROOT);
        for (var asked : List.of(Map.entry(PayoutPartner.BNI, bni), Map.entry(PayoutPartner.OVO, ovo))) {
            List<String> inquiries = sim(asked.getKey()).inquiries().stream().filter(b -> b.contains(asked.getValue())).toList();
            assertThat(inquiries).as("inquiries at %s", asked.getKey()).isNotEmpty().allSatisfy(body -> assertThat(
                    body.toLowerCase(Locale.ROOT)).doesNotContain(NIK, nikHash, "nik", "rahmat", "hidayat", "81377700123"));
        }
    }
}
