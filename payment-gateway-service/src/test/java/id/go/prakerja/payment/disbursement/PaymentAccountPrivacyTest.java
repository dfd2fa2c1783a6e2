package id.go.prakerja.payment.disbursement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
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
import id.go.prakerja.payment.snap.SnapSignatures;
import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.PaymentGatewayServiceTest;
import id.go.prakerja.simulators.payment.PartnerAccount;
import id.go.prakerja.support.crypto.FieldKeyRotation;

/**
 * What the gateway keeps of the account a payment pays: a payment refused at a blocked BNI account
 * and paid again to an OVO phone leaves, in the raw rows of its payment, its attempts and its
 * re-request (and its history), only sealed values that open where they belong and masked
 * accounts; operators see the masked ones; the logs name neither account.
 */
class PaymentAccountPrivacyTest extends PaymentGatewayServiceTest {

    private static final String OWNER = "BUDI SANTOSO";
    private static final String NIK = "3174050101900001";

    @Autowired
    private FieldKeyRotation rotation;

    @Test
    void no_raw_row_of_a_payment_paid_again_to_a_second_account_holds_either_account_in_clear() {
        String first = newAccount(PayoutPartner.BNI, OWNER, NIK);
        PartnerAccount held = sim(PayoutPartner.BNI).account(first).orElseThrow();
        sim(PayoutPartner.BNI).addAccount(new PartnerAccount(held.accountNumber(), held.phone(), OWNER, NIK, true, false));
        String second = newAccount(PayoutPartner.OVO, OWNER, NIK);
        sim(PayoutPartner.OVO).pendingPercent(0);

        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Queue<String> logged = new ConcurrentLinkedQueue<>();
        AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                // the gateway's own logs (the simulated partners log what they were sent, as a partner would)
                if (!e.getLoggerName().startsWith("id.go.prakerja.simulators")) {
                    logged.add(e.getLoggerName() + " " + e.getFormattedMessage()
                            + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())));
                }
            }
        };
        capture.start();
        root.addAppender(capture);
        EventEnvelope<DisbursementRequested> request = disbursement(PayoutPartner.BNI, first, 600_000);
        EventEnvelope<DisbursementRequested> again;
        String id = request.payload().instructionId();
        try {
            publish(request);
            assertThat(awaitStatus(id, PaymentStatus.FAILED).reasonCode()).isEqualTo("ACCOUNT_BLOCKED");
            DisbursementRequested r = request.payload();
            again = EventEnvelope.of(new DisbursementRequested(r.instructionId(), r.kind(), r.sequence(), r.amount(),
                    PayoutPartner.OVO, sealedAccount(request.participantId(), second)), request.participantId(),
                    UUID.randomUUID(), null, Instant.now());
            publish(again);
            Payment paid = awaitStatus(id, PaymentStatus.SUCCEEDED);
            assertThat(paid.attempt()).isEqualTo(2);
            // paid to the second account, opened for the call alone
            assertThat(sim(PayoutPartner.OVO).payment(paid.partnerReferenceNo()).orElseThrow().destination()).isEqualTo(second);
            await().atMost(WAIT).until(() -> logged.stream().anyMatch(line -> line.contains(id)));
        } finally {
            root.detachAppender(capture);
        }

        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        rows.addAll(jdbc.queryForList("select * from payment where instruction_id = ?", id));
        rows.addAll(jdbc.queryForList("select * from payment_attempt where instruction_id = ? order by attempt", id));
        rows.addAll(jdbc.queryForList("select * from payment_rerequest where instruction_id = ?", id));
        rows.addAll(jdbc.queryForList("select * from payment_transition where instruction_id = ?", id));
        rows.addAll(jdbc.queryForList("select * from payment_conflict where instruction_id = ?", id));
        assertThat(rows).hasSizeGreaterThanOrEqualTo(4);
        String raw = rows.stream().flatMap(row -> row.values().stream()).map(String::valueOf)
                .collect(Collectors.joining(" | "));
        // a phone loses its leading zero in some forms (+62...), so the digits after it are looked for
        assertThat(raw).contains(id).doesNotContain(first.substring(1), second.substring(1));
        // nor a plain hash of the request, which trying every account number of its length would turn back into it
        DisbursementRequested r = again.payload();
        assertThat(raw).doesNotContain(SnapSignatures.sha256Hex(again.participantId() + "|"
                + r.kind() + "|" + r.sequence() + "|" + r.amount() + "|" + r.partner() + "|" + second));

        // sealed, not lost: each value opens where it was written, to the account of its attempt
        Map<String, Object> payment = jdbc.queryForMap("select * from payment where instruction_id = ?", id);
        assertThat(payment).doesNotContainKey("account_number");
        assertThat(accounts.openPayment((String) payment.get("account_number_sealed"), id)).isEqualTo(second);
        assertThat(payment.get("account_masked")).isEqualTo(Payment.mask(second));
        List<PaymentLedger.Attempt> attempts = ledger.attempts(id);
        assertThat(attempts).extracting(a -> accounts.open(a)).containsExactly(first, second);
        assertThat(attempts).extracting(PaymentLedger.Attempt::accountMasked).containsExactly(Payment.mask(first),
                Payment.mask(second));
        Map<String, Object> rerequest = jdbc.queryForMap("select * from payment_rerequest where instruction_id = ?", id);
        assertThat(rerequest).doesNotContainKey("previous_account_number");
        assertThat(accounts.openPrevious((String) rerequest.get("previous_account_number_sealed"), again.eventId()))
                .isEqualTo(first);
        assertThat(rerequest.get("previous_account_masked")).isEqualTo(Payment.mask(first));
        // kept once: the attempt rows hold the masked account only
        assertThat(jdbc.queryForList("select * from payment_attempt where instruction_id = ?", id))
                .allSatisfy(row -> assertThat(row).doesNotContainKey("account_number_sealed"));
        // bound to its row: the payment's value does not open as the re-request's record of attempt 1, nor as another payment's
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> accounts.openPrevious(
                (String) payment.get("account_number_sealed"), again.eventId())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> accounts.openPayment((String) payment.get("account_number_sealed"), id + "X")))
                .isInstanceOf(IllegalArgumentException.class);
        // and walked by the re-encryption job when the field key changes
        assertThat(rotation.remaining()).containsEntry("payment", 0L).containsEntry("payment_rerequest", 0L);

        // operators read the masked accounts
        var history = operator().get("/admin/payments/" + id).json();
        assertThat(history.get("payment").get("account").asString()).isEqualTo(Payment.mask(second));
        assertThat(history.get("attempts").get(0).get("accountMasked").asString()).isEqualTo(Payment.mask(first));
        assertThat(history.get("attempts").get(1).get("accountMasked").asString()).isEqualTo(Payment.mask(second));
        assertThat(history.get("earlierAttempts").get(0).get("accountMasked").asString()).isEqualTo(Payment.mask(first));
        assertThat(history.toString()).doesNotContain(first.substring(1), second.substring(1));

        assertThat(String.join("\n", logged)).doesNotContain(first.substring(1), second.substring(1));
    }
}
