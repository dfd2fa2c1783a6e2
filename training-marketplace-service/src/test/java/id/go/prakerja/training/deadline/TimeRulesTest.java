package id.go.prakerja.training.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import id.go.prakerja.events.Topics;
import id.go.prakerja.events.training.BalanceForfeited;
import id.go.prakerja.events.training.ForfeitReason;
import id.go.prakerja.events.training.VoucherLapseReason;
import id.go.prakerja.events.training.VoucherLapsed;
import id.go.prakerja.support.web.ProblemException;
import id.go.prakerja.testsupport.KafkaProbe;
import id.go.prakerja.training.TrainingServiceTest;
import id.go.prakerja.training.purchase.Purchases;
import tools.jackson.databind.JsonNode;

/**
 * The time rules where they bite: a purchase checks the first-purchase deadline and the programme's
 * end itself, a lapsed first purchase does not count, and a revoked participant's balance returns
 * to the programme, announced.
 */
class TimeRulesTest extends TrainingServiceTest {

    /** A purchase as the service makes it, at the given moment; returns the refusal's code, or null if it was made. */
    private String buyAt(Instant at, Participant p, String trainingId) {
        Purchases purchases = new Purchases(jdbc, ledger, outbox, notices, settings, Clock.fixed(at, ZoneOffset.UTC));
        ProblemException refused = catchThrowableOfType(ProblemException.class,
                () -> transactions.executeWithoutResult(tx -> purchases.buy(p.id(), trainingId)));
        if (refused == null) {
            return null;
        }
        assertThat(refused.status().value()).isEqualTo(409);
        return refused.code();
    }

    private static BalanceForfeited forfeit(KafkaProbe probe, Participant p) {
        await().atMost(WAIT).until(() -> events(probe, BalanceForfeited.class, p.id()).size() == 1);
        return (BalanceForfeited) events(probe, BalanceForfeited.class, p.id()).getFirst().payload();
    }

    @Test
    void a_first_purchase_a_second_after_the_deadline_is_refused_before_any_job_runs() {
        List<String> trainings = trainingsPriced(100_000, 2);
        Instant deadline = Instant.now().plusSeconds(1);
        Participant late = selected(deadline);
        await().atMost(WAIT).until(() -> Instant.now().isAfter(deadline.plusSeconds(1)));

        var refused = late.buy(trainings.getFirst());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asString()).isEqualTo("FIRST_PURCHASE_DEADLINE_PASSED");
        JsonNode balance = late.balance();
        assertThat(balance.get("available").asLong()).as("nothing reserved").isEqualTo(1_000_000);
        assertThat(balance.get("status").asString()).as("the job has not run yet").isEqualTo("ACTIVE");

        // at the deadline itself it is already too late; a second before, the purchase is made
        Participant onTime = selected(Instant.now().plus(30, ChronoUnit.DAYS));
        Instant onTimeDeadline = jdbc.queryForObject("select first_purchase_deadline from participant where id = ?",
                java.sql.Timestamp.class, onTime.id()).toInstant();
        assertThat(buyAt(onTimeDeadline, onTime, trainings.get(1))).isEqualTo("FIRST_PURCHASE_DEADLINE_PASSED");
        assertThat(buyAt(onTimeDeadline.minusSeconds(1), onTime, trainings.get(1))).isNull();
    }

    @Test
    void after_the_programme_end_a_purchase_is_refused() {
        Participant p = selected();
        String training = trainingsPriced(100_000, 1).getFirst();
        Instant end = jdbc.queryForObject("select programme_ends_at from participant where id = ?", java.sql.Timestamp.class,
                p.id()).toInstant();
        assertThat(buyAt(end.plusSeconds(1), p, training)).isEqualTo("PROGRAMME_ENDED");
        assertThat(p.available()).isEqualTo(1_000_000);
    }

    @Test
    void a_first_voucher_that_lapses_unredeemed_after_the_deadline_forfeits_the_balance() throws Exception {
        List<String> trainings = trainingsPriced(200_000, 2);
        Instant deadline = Instant.now().plus(1, ChronoUnit.DAYS);
        Participant p = selected(deadline);
        // day 29: the purchase is made, its voucher valid for 7 days, past the deadline
        JsonNode bought = p.buy(trainings.getFirst()).json();
        assertThat(bought.get("firstTraining").asBoolean()).isTrue();
        Instant lapsed = Instant.parse(bought.get("voucherExpiresAt").asString()).plusSeconds(1);

        try (KafkaProbe probe = KafkaProbe.listen(Topics.TRAINING)) {
            // while the voucher can be redeemed, the purchase holds the balance
            jobsAt(deadline.plusSeconds(1)).forfeitMissedDeadlines();
            assertThat(p.balance().get("status").asString()).isEqualTo("ACTIVE");

            assertThat(jobsAt(lapsed).expireVouchers()).isPositive();
            assertThat(status(UUID.fromString(bought.get("purchaseId").asString()))).isEqualTo("EXPIRED");
            assertThat(p.balance().get("firstPurchaseMadeAt").isNull()).as("a lapsed first purchase does not count").isTrue();
            assertThat(buyAt(lapsed, p, trainings.get(1))).isEqualTo("FIRST_PURCHASE_DEADLINE_PASSED");

            jobsAt(lapsed).forfeitMissedDeadlines();
            BalanceForfeited event = forfeit(probe, p);
            assertThat(event.reason()).isEqualTo(ForfeitReason.DEADLINE);
            assertThat(event.amount()).isEqualTo(1_000_000);
            JsonNode balance = p.balance();
            assertThat(balance.get("status").asString()).isEqualTo("FORFEITED");
            assertThat(balance.get("returnedToProgramme").asLong()).isEqualTo(1_000_000);
        }
    }

    @Test
    void a_revoked_participant_balance_returns_to_the_programme_announced() throws Exception {
        List<String> trainings = trainingsPriced(300_000, 1);
        List<String> cheaper = trainingsPriced(200_000, 1);
        Participant idle = selected();
        Participant spender = selected();
        boughtAndCompleted(spender, trainings.getFirst()); // Rp300,000 spent
        JsonNode reserved = spender.buy(cheaper.getFirst()).json(); // Rp200,000 reserved
        Participant earlier = selected();

        try (KafkaProbe probe = KafkaProbe.listen(Topics.TRAINING)) {
            revoke(idle);
            revoke(spender);
            BalanceForfeited idleEvent = forfeit(probe, idle);
            assertThat(idleEvent.reason()).isEqualTo(ForfeitReason.REVOKED);
            assertThat(idleEvent.amount()).isEqualTo(1_000_000);
            BalanceForfeited spenderEvent = forfeit(probe, spender);
            assertThat(spenderEvent.reason()).isEqualTo(ForfeitReason.REVOKED);
            assertThat(spenderEvent.amount()).as("the voided reservation comes back first").isEqualTo(700_000);
            assertThat(status(UUID.fromString(reserved.get("purchaseId").asString()))).isEqualTo("VOIDED");
            // the voided voucher announced, so that its 200,000 counts once: forfeited, not also spent
            await().atMost(WAIT).until(() -> events(probe, VoucherLapsed.class, spender.id()).size() == 1);
            var lapse = (VoucherLapsed) events(probe, VoucherLapsed.class, spender.id()).getFirst().payload();
            assertThat(lapse.purchaseId()).isEqualTo(UUID.fromString(reserved.get("purchaseId").asString()));
            assertThat(lapse.amount()).isEqualTo(200_000);
            assertThat(lapse.reason()).isEqualTo(VoucherLapseReason.REVOKED);
            JsonNode balance = spender.balance();
            assertThat(balance.get("status").asString()).isEqualTo("REVOKED");
            assertThat(balance.get("available").asLong()).isZero();
            assertThat(balance.get("spent").asLong()).isEqualTo(300_000);
            assertThat(balance.get("returnedToProgramme").asLong()).isEqualTo(700_000);

            // revoked before revocation returned the balance: the job sweeps it, once, at any time
            jdbc.update("update participant set revoked_at = now(), revocation_reason = 'OPERATOR' where id = ?", earlier.id());
            Instant now = Instant.now();
            jobsAt(now).closeRevoked();
            jobsAt(now.plusSeconds(60)).closeRevoked();
            assertThat(forfeit(probe, earlier).reason()).isEqualTo(ForfeitReason.REVOKED);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> events(probe, BalanceForfeited.class, earlier.id()).size() == 1
                            && events(probe, BalanceForfeited.class, idle.id()).size() == 1
                            && events(probe, VoucherLapsed.class, spender.id()).size() == 1);
            assertThat(events(probe, VoucherLapsed.class, idle.id())).isEmpty();
            assertThat(earlier.balance().get("returnedToProgramme").asLong()).isEqualTo(1_000_000);
        }
        assertThat(operator().get("/admin/trainings/ledger/check").json().get("unbalancedTransactions").asLong()).isZero();
    }
}
