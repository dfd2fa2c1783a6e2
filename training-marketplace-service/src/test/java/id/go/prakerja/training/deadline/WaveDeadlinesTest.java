package id.go.prakerja.training.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import id.go.prakerja.training.TrainingServiceTest;

/**
 * A wave at its size: 200,000 participants sharing one first-purchase deadline, inserted with SQL
 * as selection would leave them (a participant row and a posted Rp1,000,000 opening each). The
 * jobs run with clocks set at the wave's moments.
 */
class WaveDeadlinesTest extends TrainingServiceTest {

    private static final long BALANCE = 1_000_000;

    /** Inserts a selected wave with this deadline; returns how many rows. */
    private int wave(int size, Instant deadline) {
        Timestamp selectedAt = Timestamp.from(deadline.minus(30, ChronoUnit.DAYS));
        jdbc.update("""
                insert into participant (id, card_number, selected_at, first_purchase_deadline, programme_ends_at, phone, email,
                                         full_name)
                select gen_random_uuid(), lpad(i::text, 16, '9'), ?, ?, ?, '+62899' || lpad(i::text, 8, '0'),
                       'w' || i || '@example.id', 'Peserta ' || i
                  from generate_series(1, ?) i""", selectedAt, Timestamp.from(deadline),
                Timestamp.from(settings.programmeEnd()), size);
        jdbc.update("""
                with tx as (insert into ledger_transaction (id, kind, participant_id, status, created_at, resolved_at)
                            select gen_random_uuid(), 'OPEN', id, 'POSTED', ?, ? from participant where first_purchase_deadline = ?
                            returning id, participant_id)
                insert into ledger_entry (transaction_id, account, side, amount, status, posted_at)
                select tx.id, e.account, e.side, ?, 'POSTED', ?
                  from tx cross join lateral (values ('PROGRAMME', 'D'), ('PARTICIPANT:' || tx.participant_id, 'C')) e(account, side)""",
                selectedAt, selectedAt, Timestamp.from(deadline), BALANCE, selectedAt);
        jdbc.execute("analyze participant");
        jdbc.execute("analyze ledger_entry");
        return size;
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    /** The same job in two instances (two replicas) at the same moment; what each handled. */
    private List<Integer> twoReplicas(Instant now, java.util.function.Function<BalanceDeadlines, Integer> job) throws Exception {
        BalanceDeadlines one = jobsAt(now);
        BalanceDeadlines two = jobsAt(now);
        List<Callable<Integer>> runs = List.of(() -> job.apply(one), () -> job.apply(two));
        List<Integer> handled = new ArrayList<>();
        try (ExecutorService replicas = Executors.newFixedThreadPool(2)) {
            for (Future<Integer> f : replicas.invokeAll(runs)) {
                handled.add(f.get());
            }
        }
        return handled;
    }

    @Test
    void a_200000_person_wave_is_forfeited_within_a_minute_of_its_deadline() {
        int size = 200_000;
        Instant deadline = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        long inserting = System.nanoTime();
        wave(size, deadline);
        System.out.printf("wave of %,d inserted in %d ms%n", size, (System.nanoTime() - inserting) / 1_000_000);
        Timestamp due = Timestamp.from(deadline);
        try {
            long started = System.nanoTime();
            BalanceDeadlines.Pass pass = jobsAt(deadline.plusSeconds(1)).runAll();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("%,d balances forfeited in one pass in %d ms (%,.0f a second)%n", pass.deadlinesForfeited(),
                    took.toMillis(), pass.deadlinesForfeited() * 1000.0 / Math.max(1, took.toMillis()));

            assertThat(took).as("a wave closes within a minute of its deadline").isLessThan(Duration.ofMinutes(1));
            assertThat(pass.backlogLeft()).isFalse();
            assertThat(count("select count(*) from participant where first_purchase_deadline = ? and closed_reason = 'DEADLINE'",
                    due)).as("every balance of the wave forfeited").isEqualTo(size);
            assertThat(count("""
                    select count(*) from ledger_entry e join participant p on e.account = 'PARTICIPANT:' || p.id
                     join ledger_transaction t on t.id = e.transaction_id
                     where p.first_purchase_deadline = ? and t.kind = 'FORFEIT' and e.side = 'D' and e.amount = ?""", due, BALANCE))
                    .as("every balance returned to the programme").isEqualTo(size);
            assertThat(count("""
                    select count(*) from outbox_message o join participant p on o.message_key = p.id::text
                     where p.first_purchase_deadline = ? and o.event_type = 'BalanceForfeited'""", due))
                    .as("a BalanceForfeited for each").isEqualTo(size);
            assertThat(count("""
                    select count(*) from notification n join participant p on n.participant_id = p.id
                     where p.first_purchase_deadline = ? and n.dedupe_key like 'balance-closed:%'""", due))
                    .as("each told by SMS and e-mail").isEqualTo(2L * size);
            assertThat(ledger.check().balanced()).isTrue();
            assertThat(jobsAt(deadline.plusSeconds(60)).forfeitMissedDeadlines()).as("nothing twice").isZero();
        } finally {
            // the wave's events and notices are not for the shared broker and the simulators of later tests
            jdbc.update("""
                    delete from outbox_message where published_at is null
                       and message_key in (select id::text from participant where first_purchase_deadline = ?)""", due);
            jdbc.update("delete from notification where participant_id in (select id from participant where first_purchase_deadline = ?)",
                    due);
        }
    }

    @Test
    void every_reminder_of_a_wave_is_recorded_once_with_replicas_sharing_the_rows() throws Exception {
        int size = 3_000; // fifteen batches: more than one batch per reminder, replica and pass
        Instant deadline = Instant.now().plus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        wave(size, deadline);
        Timestamp due = Timestamp.from(deadline);
        try {
            for (Duration before : List.of(Duration.ofDays(7), Duration.ofDays(1))) {
                Instant at = deadline.minus(before).plusSeconds(1);
                long started = System.nanoTime();
                List<Integer> handled = twoReplicas(at, BalanceDeadlines::remind);
                long took = (System.nanoTime() - started) / 1_000_000;
                System.out.printf("%s reminders: replicas recorded %s in %d ms%n", before, handled, took);
                String key = "deadline-reminder:" + before + ":%";
                assertThat(count("""
                        select count(distinct n.participant_id) from notification n join participant p on n.participant_id = p.id
                         where p.first_purchase_deadline = ? and n.dedupe_key like ? and n.channel = 'SMS'""", due, key))
                        .as("everyone in the wave reminded " + before + " before").isEqualTo(size);
                assertThat((long) handled.get(0) + handled.get(1))
                        .as("replicas claimed disjoint rows: what they recorded is what was recorded")
                        .isEqualTo(count("select count(*) from notification where due_at = ? and dedupe_key like ? and channel = 'SMS'",
                                Timestamp.from(at), key));
                assertThat(twoReplicas(at.plusSeconds(60), BalanceDeadlines::remind)).as("nothing twice").containsOnly(0);
            }
        } finally {
            // the wave is not left open for the other tests' jobs
            jdbc.update("delete from notification where participant_id in (select id from participant where first_purchase_deadline = ?)",
                    due);
            jdbc.update("""
                    with tx as (delete from ledger_transaction where participant_id in
                                (select id from participant where first_purchase_deadline = ?) returning id)
                    delete from ledger_entry where transaction_id in (select id from tx)""", due);
            jdbc.update("delete from participant where first_purchase_deadline = ?", due);
        }
    }
}
