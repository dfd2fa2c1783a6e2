package id.go.prakerja.payment.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.PaymentGatewayServiceTest;
import id.go.prakerja.payment.disbursement.Payment;
import id.go.prakerja.payment.disbursement.PaymentStatus;
import id.go.prakerja.payment.disbursement.PaymentWorkers;
import id.go.prakerja.payment.snap.SnapSignatures;

/**
 * Receipts of notifications against a payment whose row another transaction holds, as the writer of
 * the partners' answers does while it applies one: the notification waits for it and then acts on
 * the payment as that answer left it; a backlog the writer cannot take is refused at once; a
 * notification its partner was already answered about is not written behind its back.
 */
class NotificationReceiptsTest extends PaymentGatewayServiceTest {

    private static final AtomicLong EXTERNAL_IDS = new AtomicLong(8_000_000_000_000_000L
            + ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L));

    @Autowired
    NotificationReceipts receipts;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    PaymentWorkers workers;

    @Test
    void a_notification_waits_for_the_answer_being_written_and_then_makes_the_payment_due() throws Exception {
        Payment pending = pendingAtLinkAja();
        workers.stop();
        try {
            Instant later = Instant.now().plus(Duration.ofHours(1));
            CompletableFuture<NotificationReceipts.Outcome> outcome;
            try (var writer = new RowHeld(pending.instructionId(), later)) {
                outcome = receipts.record(notice(PayoutPartner.LINKAJA, pending.partnerReferenceNo()));
                Thread.sleep(300);
                assertThat(outcome).as("waits for the writer's transaction").isNotDone();
            } // the "answer" commits: still pending, next inquiry in an hour
            assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo(NotificationReceipts.Outcome.INQUIRY);
            Payment after = ledger.find(pending.instructionId()).orElseThrow();
            assertThat(after.status()).isEqualTo(PaymentStatus.PENDING_AT_PARTNER);
            assertThat(after.dueAt()).as("due now, not in an hour").isBefore(later.minus(Duration.ofMinutes(59)));
        } finally {
            workers.start();
        }
    }

    @Test
    void a_captured_notification_replayed_under_a_new_external_id_or_after_midnight_is_a_duplicate() throws Exception {
        Payment pending = pendingAtLinkAja();
        NotificationReceipts.Notice captured = notice(PayoutPartner.LINKAJA, pending.partnerReferenceNo());
        assertThat(receipts.record(captured).get(10, TimeUnit.SECONDS)).isEqualTo(NotificationReceipts.Outcome.INQUIRY);
        long inquiriesBefore = jdbc.queryForObject("select count(*) from payment_callback_receipt where signed_digest = ?",
                Long.class, captured.signedDigest());

        NotificationReceipts.Notice sameDay = replayed(captured, 0);
        NotificationReceipts.Notice nextDay = replayed(captured, 1);
        assertThat(receipts.record(sameDay).get(10, TimeUnit.SECONDS)).isEqualTo(NotificationReceipts.Outcome.DUPLICATE);
        assertThat(receipts.record(nextDay).get(10, TimeUnit.SECONDS)).isEqualTo(NotificationReceipts.Outcome.DUPLICATE);
        // and in one batch with its original's copy
        var a = receipts.record(replayed(captured, 0));
        var b = receipts.record(replayed(captured, 1));
        assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo(NotificationReceipts.Outcome.DUPLICATE);
        assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo(NotificationReceipts.Outcome.DUPLICATE);
        assertThat(receipt(sameDay)).isFalse();
        assertThat(receipt(nextDay)).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from payment_callback_receipt where signed_digest = ?",
                Long.class, captured.signedDigest())).isEqualTo(inquiriesBefore).isEqualTo(1);
    }

    @Test
    void a_full_backlog_is_refused_at_once_and_a_notification_given_up_on_is_never_written() throws Exception {
        Payment pending = pendingAtLinkAja();
        var small = new NotificationReceipts(jdbc, transactions, ledger, 2);
        small.start();
        try {
            NotificationReceipts.Notice first = notice(PayoutPartner.LINKAJA, pending.partnerReferenceNo());
            NotificationReceipts.Notice givenUp = notice(PayoutPartner.LINKAJA, pending.partnerReferenceNo());
            NotificationReceipts.Notice queued = notice(PayoutPartner.LINKAJA, pending.partnerReferenceNo());
            NotificationReceipts.Notice refused = notice(PayoutPartner.LINKAJA, pending.partnerReferenceNo());
            CompletableFuture<NotificationReceipts.Outcome> firstOutcome;
            CompletableFuture<NotificationReceipts.Outcome> givenUpOutcome;
            CompletableFuture<NotificationReceipts.Outcome> queuedOutcome;
            try (var writer = new RowHeld(pending.instructionId(), null)) {
                firstOutcome = small.record(first);
                await().atMost(WAIT).until(() -> small.backlog() == 0); // taken by the writer, which now waits
                givenUpOutcome = small.record(givenUp);
                queuedOutcome = small.record(queued);
                long started = System.nanoTime();
                CompletableFuture<NotificationReceipts.Outcome> refusedOutcome = small.record(refused);
                assertThat(refusedOutcome).isCompletedExceptionally();
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
                assertThatThrownBy(refusedOutcome::get).isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(RejectedExecutionException.class);
                givenUpOutcome.cancel(false); // its partner was answered 503 and will send it again
            }
            assertThat(firstOutcome.get(10, TimeUnit.SECONDS)).isEqualTo(NotificationReceipts.Outcome.INQUIRY);
            assertThat(queuedOutcome.get(10, TimeUnit.SECONDS)).isIn(NotificationReceipts.Outcome.INQUIRY,
                    NotificationReceipts.Outcome.NOTED);
            assertThat(receipt(first)).isTrue();
            assertThat(receipt(queued)).isTrue();
            assertThat(receipt(givenUp)).as("given up on before its turn").isFalse();
            assertThat(receipt(refused)).isFalse();
        } finally {
            small.stop();
        }
    }

    @Test
    void another_partner_naming_the_same_reference_in_one_batch_does_not_hide_the_right_one() throws Exception {
        Payment pending = pendingAtLinkAja();
        var batching = new NotificationReceipts(jdbc, transactions, ledger, 10);
        batching.start();
        try {
            for (int i = 0; i < 4; i++) {
                CompletableFuture<NotificationReceipts.Outcome> blocker;
                CompletableFuture<NotificationReceipts.Outcome> wrong;
                CompletableFuture<NotificationReceipts.Outcome> right;
                try (var writer = new RowHeld(pending.instructionId(), null)) {
                    blocker = batching.record(notice(PayoutPartner.LINKAJA, pending.partnerReferenceNo()));
                    await().atMost(WAIT).until(() -> batching.backlog() == 0);
                    // the next batch holds both, in either order
                    if (i % 2 == 0) {
                        wrong = batching.record(notice(PayoutPartner.OVO, pending.partnerReferenceNo()));
                        right = batching.record(notice(PayoutPartner.LINKAJA, pending.partnerReferenceNo()));
                    } else {
                        right = batching.record(notice(PayoutPartner.LINKAJA, pending.partnerReferenceNo()));
                        wrong = batching.record(notice(PayoutPartner.OVO, pending.partnerReferenceNo()));
                    }
                    assertThat(batching.backlog()).isEqualTo(2);
                }
                assertThat(blocker.get(10, TimeUnit.SECONDS)).isEqualTo(NotificationReceipts.Outcome.INQUIRY);
                assertThat(right.get(10, TimeUnit.SECONDS)).isEqualTo(NotificationReceipts.Outcome.INQUIRY);
                assertThat(wrong.get(10, TimeUnit.SECONDS)).isEqualTo(NotificationReceipts.Outcome.UNKNOWN_PAYMENT);
            }
        } finally {
            batching.stop();
        }
    }

    private static NotificationReceipts.Notice notice(PayoutPartner partner, String reference) {
        String externalId = String.valueOf(EXTERNAL_IDS.incrementAndGet());
        return new NotificationReceipts.Notice(partner, LocalDate.now(SnapSignatures.WIB), externalId,
                SnapSignatures.sha256Hex(externalId), reference, Instant.now(), SnapSignatures.sha256Hex("signed " + externalId));
    }

    /** The same signed notification (body, timestamp, signature) under another external id and day, as a replay sends it. */
    private static NotificationReceipts.Notice replayed(NotificationReceipts.Notice captured, int daysLater) {
        return new NotificationReceipts.Notice(captured.partner(), captured.day().plusDays(daysLater),
                String.valueOf(EXTERNAL_IDS.incrementAndGet()), captured.bodyHash(), captured.partnerReferenceNo(),
                captured.receivedAt().plus(Duration.ofDays(daysLater)), captured.signedDigest());
    }

    private boolean receipt(NotificationReceipts.Notice notice) {
        return jdbc.queryForObject("select count(*) from payment_callback_receipt where partner = ? and external_id = ?",
                Integer.class, notice.partner().name(), notice.externalId()) == 1;
    }

    /**
     * A transaction holding a payment's row, as the writer of answers does while it applies one; on close it
     * optionally moves the payment's due time (the answer's backoff) and commits.
     */
    private final class RowHeld implements AutoCloseable {

        private final CountDownLatch locked = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final Thread thread;

        RowHeld(String instructionId, Instant dueAt) throws InterruptedException {
            thread = Thread.ofPlatform().name("test-answer-writer").start(() -> transactions.executeWithoutResult(tx -> {
                jdbc.queryForList("select instruction_id from payment where instruction_id = ? for update", instructionId);
                locked.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (dueAt != null) {
                    jdbc.update("update payment set due_at = ? where instruction_id = ?", java.sql.Timestamp.from(dueAt),
                            instructionId);
                }
            }));
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
        }

        @Override
        public void close() throws InterruptedException {
            release.countDown();
            thread.join(10_000);
        }
    }
}
