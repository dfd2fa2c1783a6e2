package id.go.prakerja.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import id.go.prakerja.events.registration.RevocationReason;
import id.go.prakerja.events.training.ForfeitReason;
import id.go.prakerja.events.training.VoucherLapseReason;
import id.go.prakerja.testsupport.HttpApi;
import tools.jackson.databind.JsonNode;

/**
 * The money report's training balances, one participant at a time: issued, spent, forfeited and
 * reserved as of an instant follow from the marketplace's events, and whatever happens to a
 * participant's Rp1,000,000, each rupiah is in exactly one of spent, forfeited and reserved.
 */
class TrainingBalancesTest extends ConsoleServiceTest {

    /** Issued, spent, forfeited and reserved (issued and neither spent nor forfeited), in rupiah. */
    record Balances(long issued, long spent, long forfeited, long reserved) {

        Balances minus(Balances other) {
            return new Balances(issued - other.issued, spent - other.spent, forfeited - other.forfeited,
                    reserved - other.reserved);
        }
    }

    private static final AtomicInteger YEARS = new AtomicInteger();

    /**
     * A past year of its own for each participant (before any other test's events, and apart
     * from each other), so that only their own events fall between the start and the end.
     */
    private static Instant start() {
        return Instant.parse("1991-01-01T00:00:00Z").plus(Duration.ofDays(366L * YEARS.getAndIncrement()));
    }

    private static int wave() {
        return ThreadLocalRandom.current().nextInt(10_000, 1_000_000);
    }

    private static Balances balances(HttpApi operator, Instant asOf) {
        JsonNode b = operator.get("/admin/reports/money?asOf=" + asOf).json().get("balances");
        return new Balances(b.get("issued").asLong(), b.get("spent").asLong(), b.get("forfeited").asLong(),
                b.get("reserved").asLong());
    }

    /** The participant's balances as of the instant: what the report holds then, less what it held before they started. */
    private static Balances of(HttpApi operator, Instant started, Instant asOf) {
        return balances(operator, asOf).minus(balances(operator, started.minusSeconds(1)));
    }

    private static Journey selected(Instant start) {
        return new Journey("34", wave(), start).registered().layersPassed().verified().joined().selected();
    }

    private static void read(HttpApi operator, Journey journey) {
        await().atMost(WAIT).until(() -> ReadModelTest.timelineSize(operator, journey) == journey.sent().size());
    }

    @Test
    void an_expired_voucher_then_the_balance_forfeited_at_the_deadline_is_forfeited_once_and_not_spent() {
        HttpApi operator = operator();
        Instant start = start();
        Journey journey = selected(start).after(Duration.ofDays(2)).purchased(300_000L);
        Instant bought = journey.now();
        // the voucher lapses unredeemed: the 300,000 is back in the balance; with no purchase
        // counted by the deadline, the whole 1,000,000 is forfeited
        journey.after(Duration.ofDays(7)).voucherLapsed(300_000L, VoucherLapseReason.EXPIRED);
        Instant lapsed = journey.now();
        journey.after(Duration.ofDays(20)).forfeited(1_000_000L, ForfeitReason.DEADLINE);
        Instant end = journey.now();
        read(operator, journey);

        assertThat(of(operator, start, bought)).isEqualTo(new Balances(1_000_000, 300_000, 0, 700_000));
        assertThat(of(operator, start, lapsed)).isEqualTo(new Balances(1_000_000, 0, 0, 1_000_000));
        assertThat(of(operator, start, end)).isEqualTo(new Balances(1_000_000, 0, 1_000_000, 0));
    }

    @Test
    void a_lapsed_vouchers_amount_spent_again_counts_once_and_a_redelivered_lapse_changes_nothing() {
        HttpApi operator = operator();
        Instant start = start();
        Journey journey = selected(start).after(Duration.ofDays(2)).purchased(300_000L)
                .after(Duration.ofDays(7)).voucherLapsed(300_000L, VoucherLapseReason.EXPIRED);
        int lapse = journey.sent().size() - 1;
        // the purchase and the lapse delivered again, then a second purchase behind the copies
        journey.again(lapse - 1).again(lapse);
        journey.purchase = UUID.randomUUID();
        journey.purchased(1_000_000L).completed();
        read(operator, journey);

        assertThat(of(operator, start, journey.now())).isEqualTo(new Balances(1_000_000, 1_000_000, 0, 0));
    }

    @Test
    void a_redeemed_training_is_spent_and_the_remainder_forfeited() {
        HttpApi operator = operator();
        Instant start = start();
        Journey journey = selected(start).after(Duration.ofDays(2)).purchased(300_000L).completed()
                .after(Duration.ofDays(200)).forfeited(700_000L, ForfeitReason.PROGRAMME_END);
        read(operator, journey);

        assertThat(of(operator, start, journey.now())).isEqualTo(new Balances(1_000_000, 300_000, 700_000, 0));
    }

    @Test
    void a_revoked_participants_voided_voucher_is_forfeited_once_and_not_spent() {
        HttpApi operator = operator();
        Instant start = start();
        Journey journey = selected(start).after(Duration.ofDays(2)).purchased(300_000L).after(Duration.ofDays(1))
                .revoked(RevocationReason.OPERATOR).voucherLapsed(300_000L, VoucherLapseReason.REVOKED)
                .forfeited(1_000_000L, ForfeitReason.REVOKED);
        read(operator, journey);

        assertThat(of(operator, start, journey.now())).isEqualTo(new Balances(1_000_000, 0, 1_000_000, 0));
    }

    @Test
    void a_revoked_participant_keeps_what_they_spent_and_forfeits_the_rest() {
        HttpApi operator = operator();
        Instant start = start();
        Journey journey = selected(start).after(Duration.ofDays(2)).purchased(300_000L).completed()
                .after(Duration.ofDays(1)).revoked(RevocationReason.FRAUD).forfeited(700_000L, ForfeitReason.REVOKED);
        read(operator, journey);

        assertThat(of(operator, start, journey.now())).isEqualTo(new Balances(1_000_000, 300_000, 700_000, 0));
    }
}
