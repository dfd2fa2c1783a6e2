package id.go.prakerja.training.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import id.go.prakerja.events.Topics;
import id.go.prakerja.events.training.BalanceForfeited;
import id.go.prakerja.events.training.ForfeitReason;
import id.go.prakerja.events.training.VoucherLapseReason;
import id.go.prakerja.events.training.VoucherLapsed;
import id.go.prakerja.support.email.EmailSender;
import id.go.prakerja.support.sms.SmsGateway;
import id.go.prakerja.testsupport.KafkaProbe;
import id.go.prakerja.training.notification.NoticeWorker;
import id.go.prakerja.training.TrainingServiceTest;
import tools.jackson.databind.JsonNode;

/** The rules with time, run as two job instances at once with a clock set past each deadline. */
class BalanceDeadlinesTest extends TrainingServiceTest {

    @Autowired
    SmsGateway sms;
    @Autowired
    EmailSender email;

    /** Runs the same job in two instances at the same moment and returns how many cases each handled. */
    private List<Integer> twoInstances(Instant now, java.util.function.Function<BalanceDeadlines, Integer> job) throws Exception {
        BalanceDeadlines one = jobsAt(now);
        BalanceDeadlines two = jobsAt(now);
        List<Callable<Integer>> runs = List.of(() -> job.apply(one), () -> job.apply(two));
        List<Integer> handled = new ArrayList<>();
        try (ExecutorService instances = Executors.newFixedThreadPool(2)) {
            for (Future<Integer> f : instances.invokeAll(runs)) {
                handled.add(f.get());
            }
        }
        return handled;
    }

    @Test
    void an_unredeemed_voucher_expires_once_and_its_amount_returns_to_the_balance() throws Exception {
        Participant p = selected();
        JsonNode purchase = p.buy(trainingsPriced(450_000, 1).getFirst()).json();
        UUID purchaseId = UUID.fromString(purchase.get("purchaseId").asString());
        assertThat(p.available()).isEqualTo(550_000);

        try (KafkaProbe probe = KafkaProbe.listen(Topics.TRAINING)) {
            assertThat(jobsAt(Instant.now().plus(6, ChronoUnit.DAYS)).expireVouchers()).as("not yet due").isZero();
            twoInstances(Instant.now().plus(settings.voucherValidFor()).plusSeconds(60), BalanceDeadlines::expireVouchers);

            // announced once: whoever counted the purchase as spent learns the price is back in the balance
            await().atMost(WAIT).until(() -> events(probe, VoucherLapsed.class, p.id()).size() == 1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> events(probe, VoucherLapsed.class, p.id()).size() == 1);
            var lapse = events(probe, VoucherLapsed.class, p.id()).getFirst();
            assertThat(lapse.payload()).isEqualTo(new VoucherLapsed(purchaseId, purchase.get("trainingId").asString(),
                    purchase.get("platformCode").asString(), 450_000, VoucherLapseReason.EXPIRED,
                    ((VoucherLapsed) lapse.payload()).lapsedAt()));
            assertThat(lapse.correlationId()).as("correlated with its purchase").isEqualTo(purchaseId);
        }

        assertThat(status(purchaseId)).isEqualTo("EXPIRED");
        JsonNode balance = p.balance();
        assertThat(balance.get("available").asLong()).isEqualTo(1_000_000);
        assertThat(balance.get("reserved").asLong()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from ledger_entry e join purchase p on p.ledger_transaction = e.transaction_id"
                + " where p.id = ? and e.status = 'VOIDED'", Long.class, purchaseId)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from notification where dedupe_key = ?", Long.class,
                "voucher-expired:" + purchaseId + ":sms")).isEqualTo(1);
        // the voucher is gone; the participant may buy again, and that purchase is again the first
        JsonNode again = p.buy(trainingsPriced(100_000, 1).getFirst()).json();
        assertThat(again.get("firstTraining").asBoolean()).isTrue();
    }

    @Test
    void no_purchase_by_the_deadline_forfeits_each_balance_once_with_two_job_instances() throws Exception {
        Instant deadline = Instant.now().plus(30, ChronoUnit.DAYS);
        List<Participant> idle = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            idle.add(selected(deadline));
        }
        Participant buyer = selected(deadline);
        buyer.buy(trainingsPriced(200_000, 1).getFirst());

        try (KafkaProbe probe = KafkaProbe.listen(Topics.TRAINING)) {
            assertThat(jobsAt(deadline.minusSeconds(60)).forfeitMissedDeadlines()).as("before the deadline").isZero();
            twoInstances(deadline.plusSeconds(1), BalanceDeadlines::forfeitMissedDeadlines);

            for (Participant p : idle) {
                await().atMost(WAIT).until(() -> events(probe, BalanceForfeited.class, p.id()).size() == 1);
                var event = (BalanceForfeited) events(probe, BalanceForfeited.class, p.id()).getFirst().payload();
                assertThat(event.reason()).isEqualTo(ForfeitReason.DEADLINE);
                assertThat(event.amount()).isEqualTo(1_000_000);
                JsonNode balance = p.balance();
                assertThat(balance.get("status").asString()).isEqualTo("FORFEITED");
                assertThat(balance.get("available").asLong()).isZero();
                assertThat(balance.get("returnedToProgramme").asLong()).isEqualTo(1_000_000);
                assertThat(p.buy(trainingsPriced(100_000, 1).getFirst()).json().get("code").asString()).isEqualTo("BALANCE_CLOSED");
            }
            twoInstances(deadline.plusSeconds(120), BalanceDeadlines::forfeitMissedDeadlines);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> idle.stream()
                    .allMatch(p -> events(probe, BalanceForfeited.class, p.id()).size() == 1));
            assertThat(events(probe, BalanceForfeited.class, buyer.id())).isEmpty();
            assertThat(buyer.balance().get("status").asString()).isEqualTo("ACTIVE");
        }
        assertThat(operator().get("/admin/trainings/ledger/check").json().get("unbalancedTransactions").asLong()).isZero();
    }

    @Test
    void reminders_before_the_deadline_are_recorded_once_and_sent_by_sms_and_email() throws Exception {
        Instant deadline = Instant.now().plus(30, ChronoUnit.DAYS);
        Participant p = selected(deadline);
        twoInstances(deadline.minus(7, ChronoUnit.DAYS).plusSeconds(1), BalanceDeadlines::remind);
        twoInstances(deadline.minus(7, ChronoUnit.DAYS).plusSeconds(2), BalanceDeadlines::remind);
        assertThat(jdbc.queryForObject("select count(*) from notification where participant_id = ? and dedupe_key like 'deadline-reminder:%'",
                Long.class, p.id())).isEqualTo(2);
        twoInstances(deadline.minus(1, ChronoUnit.DAYS).plusSeconds(1), BalanceDeadlines::remind);
        assertThat(jdbc.queryForObject("select count(*) from notification where participant_id = ? and dedupe_key like 'deadline-reminder:%'",
                Long.class, p.id())).isEqualTo(4);
        // notices are due at the job's time: a worker whose clock is there sends them
        new NoticeWorker(jdbc, sms, email, Clock.fixed(deadline.minus(1, ChronoUnit.DAYS).plusSeconds(5), ZoneOffset.UTC),
                settings).sendDue();
        assertThat(SIMULATORS.messagesTo(p.phone()).stream().filter(m -> m.text().startsWith("Pengingat"))).hasSize(2);
    }

    @Test
    void the_programme_end_voids_reserved_vouchers_and_returns_every_open_balance_once() throws Exception {
        Participant idle = selected();
        Participant buyer = selected();
        JsonNode purchase = buyer.buy(trainingsPriced(300_000, 1).getFirst()).json();
        Instant end = settings.programmeEnd();
        try (KafkaProbe probe = KafkaProbe.listen(Topics.TRAINING)) {
            twoInstances(end.plusSeconds(1), BalanceDeadlines::closeAtProgrammeEnd);

            await().atMost(WAIT).until(() -> events(probe, BalanceForfeited.class, buyer.id()).size() == 1
                    && events(probe, BalanceForfeited.class, idle.id()).size() == 1);
            var buyerEvent = (BalanceForfeited) events(probe, BalanceForfeited.class, buyer.id()).getFirst().payload();
            assertThat(buyerEvent.reason()).isEqualTo(ForfeitReason.PROGRAMME_END);
            assertThat(buyerEvent.amount()).as("the voided reservation comes back first").isEqualTo(1_000_000);
            await().atMost(WAIT).until(() -> events(probe, VoucherLapsed.class, buyer.id()).size() == 1);
            var lapse = (VoucherLapsed) events(probe, VoucherLapsed.class, buyer.id()).getFirst().payload();
            assertThat(lapse.purchaseId()).isEqualTo(UUID.fromString(purchase.get("purchaseId").asString()));
            assertThat(lapse.amount()).isEqualTo(300_000);
            assertThat(lapse.reason()).isEqualTo(VoucherLapseReason.PROGRAMME_END);
            assertThat(status(UUID.fromString(purchase.get("purchaseId").asString()))).isEqualTo("EXPIRED");
            assertThat(idle.balance().get("status").asString()).isEqualTo("EXPIRED");
            twoInstances(end.plusSeconds(60), BalanceDeadlines::closeAtProgrammeEnd);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> events(probe, BalanceForfeited.class, idle.id()).size() == 1
                            && events(probe, VoucherLapsed.class, buyer.id()).size() == 1);
            assertThat(events(probe, VoucherLapsed.class, idle.id())).isEmpty();
        }
    }
}
