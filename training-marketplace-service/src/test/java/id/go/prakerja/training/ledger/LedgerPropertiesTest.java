package id.go.prakerja.training.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.cohort.ParticipantSelected;
import id.go.prakerja.events.training.BalanceForfeited;
import id.go.prakerja.events.training.TrainingPurchased;
import id.go.prakerja.events.training.VoucherLapsed;
import id.go.prakerja.support.config.PlatformMigrations;
import id.go.prakerja.support.outbox.Outbox;
import id.go.prakerja.support.outbox.OutboxRelay;
import id.go.prakerja.support.web.ProblemException;
import id.go.prakerja.testsupport.SettableClock;
import id.go.prakerja.testsupport.TestInfrastructure;
import id.go.prakerja.training.completion.PlatformReports;
import id.go.prakerja.training.completion.Reconciliation;
import id.go.prakerja.training.config.TrainingProperties;
import id.go.prakerja.training.deadline.BalanceClosings;
import id.go.prakerja.training.deadline.BalanceDeadlines;
import id.go.prakerja.training.notification.Notices;
import id.go.prakerja.training.participant.ParticipantAccounts;
import id.go.prakerja.training.purchase.PurchaseRules;
import id.go.prakerja.training.purchase.PurchaseView;
import id.go.prakerja.training.purchase.Purchases;

/**
 * For any sequence of purchases, redemptions, completions, days passing and runs of the deadline
 * jobs across two participants, run by the marketplace's own code on its own schema (the shared
 * test PostgreSQL, a database of this test's own, through plain JDBC): every purchase is accepted
 * or refused as the programme's rules say for the situation the scenario has built (a training
 * held, the first one completed or not, what is available, the deadlines), and the ledger the SQL
 * keeps is the scenario's: each balance (summed by the database and from its entries) is what was
 * given less what was spent, reserved and returned, never below zero, every transaction balances,
 * and the books as a whole balance; and the events it announced (purchases, lapsed vouchers,
 * forfeitures) add up to the same money.
 */
class LedgerPropertiesTest {

    private static final String DATABASE = "training_ledger_properties";
    private static final long GIVEN = 1_000_000;
    private static final Duration VOUCHER_VALID_FOR = Duration.ofDays(7);
    private static final Duration FIRST_PURCHASE_WITHIN = Duration.ofDays(21);
    private static final Duration PROGRAMME_LASTS = Duration.ofDays(40);
    private static final List<String> PLATFORMS = List.of("TOKOPEDIA", "BUKALAPAK", "PINTARIA", "SEKOLAHMU");
    private static final int PARTICIPANTS = 2;

    private static HikariDataSource dataSource;
    private static JdbcTemplate jdbc;
    private static TransactionTemplate transactions;
    private static Ledger ledger;
    private static Outbox outbox;
    private static Notices notices;
    private static final SettableClock CLOCK = new SettableClock(Instant.EPOCH);
    private static final AtomicInteger TRIES = new AtomicInteger();

    @BeforeContainer
    static void marketplaceDatabase() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(infrastructure.jdbcUrl(DATABASE));
        config.setUsername(infrastructure.username());
        config.setPassword(infrastructure.password());
        config.setMaximumPoolSize(4);
        dataSource = new HikariDataSource(config);
        // the service's migrations, as it runs them: the platform's tables first, then its own
        new PlatformMigrations().migrate(Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .baselineOnMigrate(true).baselineVersion("0").load());
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        ledger = new Ledger(jdbc);
        // events are written to the outbox table; nothing relays them here
        outbox = new Outbox(jdbc, new OutboxRelay(jdbc, transactions, null, null,
                new OutboxRelay.Settings(Duration.ofSeconds(1), 100, Duration.ofSeconds(10), Duration.ofMinutes(1), 5)));
        notices = new Notices(jdbc);
    }

    @AfterContainer
    static void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    enum Kind { BUY, REDEEM, COMPLETE, WAIT, JOBS }

    /** One step: BUY training {@code training}; REDEEM or COMPLETE the participant's oldest voucher that can be; WAIT {@code days}. */
    record Step(Kind kind, int participant, int training, int days) {
    }

    record Scenario(List<Long> prices, List<Step> steps) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.frequency(Tuple.of(4, Kind.BUY), Tuple.of(3, Kind.REDEEM), Tuple.of(3, Kind.COMPLETE),
                        Tuple.of(2, Kind.WAIT), Tuple.of(1, Kind.JOBS)),
                Arbitraries.integers().between(0, PARTICIPANTS - 1),
                Arbitraries.integers().between(0, PLATFORMS.size() - 1),
                Arbitraries.integers().between(1, 10)).as(Step::new);
        Arbitrary<List<Long>> prices = Arbitraries.longs().between(1, 1_200).map(k -> k * 1_000).list()
                .ofSize(PLATFORMS.size());
        return Combinators.combine(prices, step.list().ofMinSize(10).ofMaxSize(35)).as(Scenario::new);
    }

    @Property(tries = 120, edgeCases = EdgeCasesMode.NONE)
    void purchases_follow_the_rules_and_the_ledger_is_what_the_scenario_says(@ForAll("scenarios") Scenario scenario) {
        Marketplace market = new Marketplace(scenario.prices());
        for (Step step : scenario.steps()) {
            market.apply(step);
            if (step.kind() == Kind.JOBS) {
                market.participants.forEach(market::verify);
            } else if (step.kind() != Kind.WAIT) {
                market.verify(market.participants.get(step.participant()));
            }
        }
        market.participants.forEach(market::verify);
        market.verifyEveryRupiah();

        Ledger.Check books = ledger.check();
        assertThat(books.balanced()).as("the books: %s", books).isTrue();

        // the scenarios reach the rules that need a history: a further training once the first is completed, and
        // the refusals of a training held, a first one not completed, a balance too small
        Statistics.label("purchases").coverage(coverage -> {
            for (String outcome : List.of("ACCEPTED_AFTER_A_COMPLETED_TRAINING", "FIRST_TRAINING_NOT_COMPLETED",
                    "TRAINING_ALREADY_HELD", "INSUFFICIENT_BALANCE")) {
                coverage.check(outcome).count(n -> n > 0);
            }
        });
    }

    @Property
    void an_unbalanced_transaction_cannot_be_made(@ForAll @Size(min = 1, max = 4) List<@net.jqwik.api.constraints.LongRange(min = 1, max = 1_000_000) Long> debits,
            @ForAll @net.jqwik.api.constraints.LongRange(min = 1, max = 1_000) long skew) {
        List<Entry> entries = new ArrayList<>();
        long total = 0;
        for (long d : debits) {
            entries.add(new Entry("A", Entry.Side.D, d, Entry.Status.POSTED));
            total += d;
        }
        entries.add(new Entry("B", Entry.Side.C, total + skew, Entry.Status.POSTED));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Transfer(UUID.randomUUID(), Transfer.Kind.OPEN,
                UUID.randomUUID(), Entry.Status.POSTED, entries)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- the marketplace's code, and what the scenario says it must have done ------------------

    /** A purchase as the scenario knows it. */
    static final class Bought {
        final UUID id;
        final String voucher;
        final int training;
        final long price;
        final Instant expiresAt;
        String status = "RESERVED";

        Bought(UUID id, String voucher, int training, long price, Instant expiresAt) {
            this.id = id;
            this.voucher = voucher;
            this.training = training;
            this.price = price;
            this.expiresAt = expiresAt;
        }

        boolean live() {
            return List.of("RESERVED", "REDEEMED", "IN_PROGRESS").contains(status);
        }

        boolean completed() {
            return List.of("COMPLETED", "RECONCILED").contains(status);
        }

        boolean held() {
            return !List.of("EXPIRED", "VOIDED").contains(status);
        }

        boolean spent() {
            return List.of("REDEEMED", "IN_PROGRESS", "COMPLETED", "RECONCILED").contains(status);
        }
    }

    /** A participant as the scenario knows them. */
    static final class Holder {
        final UUID id = UUID.randomUUID();
        final List<Bought> purchases = new ArrayList<>();
        boolean firstCounted;
        boolean closed;
        long returned;

        long spent() {
            return purchases.stream().filter(Bought::spent).mapToLong(p -> p.price).sum();
        }

        long reserved() {
            return purchases.stream().filter(p -> p.status.equals("RESERVED")).mapToLong(p -> p.price).sum();
        }

        AccountBalance balance() {
            return new AccountBalance(GIVEN, spent() + returned, reserved(), 0);
        }

        Optional<Bought> oldest(String status) {
            return purchases.stream().filter(p -> p.status.equals(status)).findFirst();
        }
    }

    static final class Marketplace {
        final List<Holder> participants = new ArrayList<>();
        final List<String> trainings = new ArrayList<>();
        final List<Long> prices;
        final Instant deadline;
        final Instant programmeEnd;
        final Purchases purchases;
        final PlatformReports reports;
        final BalanceDeadlines jobs;

        Marketplace(List<Long> prices) {
            this.prices = prices;
            // each try in its own stretch of time, after the last one's
            Instant start = Instant.parse("2030-01-01T00:00:00Z").plus(Duration.ofDays(1_000L * TRIES.getAndIncrement()));
            CLOCK.set(start);
            deadline = start.plus(FIRST_PURCHASE_WITHIN);
            programmeEnd = start.plus(PROGRAMME_LASTS);
            TrainingProperties settings = new TrainingProperties(VOUCHER_VALID_FOR, Duration.ofDays(1),
                    List.of(Duration.ofDays(7), Duration.ofDays(1)), programmeEnd, Duration.ofDays(7), 20, 2000,
                    new TrainingProperties.Jobs(true, Duration.ofSeconds(15), 200, Duration.ofMinutes(1), 2, 1000), null, null,
                    null, null);
            purchases = new Purchases(jdbc, ledger, outbox, notices, settings, CLOCK);
            reports = new PlatformReports(jdbc, outbox, ledger, new Reconciliation(jdbc, outbox), notices, CLOCK);
            jobs = new BalanceDeadlines(jdbc, transactions, ledger, outbox, notices, settings, CLOCK);
            ParticipantAccounts accounts = new ParticipantAccounts(jdbc, ledger, notices, settings, CLOCK,
                    new BalanceClosings(jdbc, ledger, outbox, notices));

            String batch = UUID.randomUUID().toString().substring(0, 8);
            for (int i = 0; i < PLATFORMS.size(); i++) {
                String id = "LEDGER-" + batch + "-" + i;
                jdbc.update("""
                        insert into training (id, platform_code, title, category, provider, mode, price, duration_hours, status,
                                              published_at, updated_at)
                        values (?, ?, 'Pelatihan uji buku besar', 'Uji', 'Penyedia Uji', 'ONLINE', ?, 10, 'ACTIVE', now(), now())""",
                        id, PLATFORMS.get(i), prices.get(i));
                trainings.add(id);
            }
            for (int i = 0; i < PARTICIPANTS; i++) {
                Holder holder = new Holder();
                transactions.executeWithoutResult(tx -> accounts.selected(EventEnvelope.of(
                        new ParticipantSelected(1, "5" + String.format("%015d", Math.abs(holder.id.getLeastSignificantBits() % 1_000_000_000_000_000L)),
                                GIVEN, deadline), holder.id, UUID.randomUUID(), null, CLOCK.instant())));
                participants.add(holder);
            }
        }

        void apply(Step step) {
            Holder holder = participants.get(step.participant());
            Instant now = CLOCK.instant();
            switch (step.kind()) {
                case BUY -> buy(holder, step.training(), now);
                case REDEEM -> holder.oldest("RESERVED").ifPresent(p -> {
                    Optional<String> refused = refusal(() -> reports.redeem(platform(p), p.voucher, UUID.randomUUID().toString()));
                    if (now.isBefore(p.expiresAt)) {
                        assertThat(refused).as("redeeming %s at %s", p.voucher, now).isEmpty();
                        p.status = "REDEEMED";
                    } else {
                        assertThat(refused).as("redeeming %s at %s, expired at %s", p.voucher, now, p.expiresAt)
                                .contains("VOUCHER_EXPIRED");
                    }
                });
                case COMPLETE -> holder.oldest("REDEEMED").ifPresent(p -> {
                    Optional<String> refused = refusal(() -> reports.complete(platform(p), p.voucher,
                            "CERT-" + UUID.randomUUID(), null, UUID.randomUUID().toString()));
                    assertThat(refused).as("completing %s", p.voucher).isEmpty();
                    p.status = "COMPLETED";
                });
                case WAIT -> CLOCK.set(now.plus(Duration.ofDays(step.days())));
                case JOBS -> {
                    jobs.runAll();
                    runJobs(now);
                }
            }
        }

        private void buy(Holder holder, int training, Instant now) {
            long price = prices.get(training);
            // the situation as the scenario has built it; the service works it out from its tables
            boolean completedAny = holder.purchases.stream().anyMatch(Bought::completed);
            boolean live = holder.purchases.stream().anyMatch(Bought::live);
            boolean holds = holder.purchases.stream().anyMatch(p -> p.training == training && p.held());
            var situation = new PurchaseRules.Situation(true, false, holder.closed, holds, completedAny, live,
                    holder.balance(), !holder.firstCounted && !now.isBefore(deadline), !now.isBefore(programmeEnd));
            Optional<PurchaseRules.Refusal> expected = PurchaseRules.check(situation, price);

            PurchaseView[] bought = new PurchaseView[1];
            Optional<String> refused = refusal(() -> bought[0] = purchases.buy(holder.id, trainings.get(training)));
            assertThat(refused).as("buying training %d for %d at %s in %s", training, price, now, situation)
                    .isEqualTo(expected.map(Enum::name));
            Statistics.label("purchases").collect(refused.orElse(completedAny ? "ACCEPTED_AFTER_A_COMPLETED_TRAINING"
                    : "ACCEPTED"));
            if (refused.isEmpty()) {
                assertThat(bought[0].firstTraining()).as("first training").isEqualTo(PurchaseRules.isFirst(completedAny, live));
                holder.purchases.add(new Bought(bought[0].purchaseId(), bought[0].voucherCode(), training, price,
                        now.plus(VOUCHER_VALID_FOR)));
                holder.firstCounted = true;
            }
        }

        /** The deadline jobs, in their order: vouchers lapse, missed deadlines forfeit, the programme's end closes. */
        private void runJobs(Instant now) {
            for (Holder holder : participants) {
                boolean lapsed = false;
                for (Bought p : holder.purchases) {
                    if (p.status.equals("RESERVED") && !now.isBefore(p.expiresAt)) {
                        p.status = "EXPIRED";
                        lapsed = true;
                    }
                }
                if (lapsed) {
                    uncountLapsedFirstPurchase(holder);
                }
            }
            for (Holder holder : participants) {
                if (!holder.closed && !holder.firstCounted && !now.isBefore(deadline)) {
                    close(holder);
                }
            }
            for (Holder holder : participants) {
                if (!holder.closed && !now.isBefore(programmeEnd)) {
                    holder.purchases.stream().filter(p -> p.status.equals("RESERVED")).forEach(p -> p.status = "EXPIRED");
                    uncountLapsedFirstPurchase(holder);
                    close(holder);
                }
            }
        }

        private void uncountLapsedFirstPurchase(Holder holder) {
            if (holder.purchases.stream().noneMatch(Bought::held)) {
                holder.firstCounted = false;
            }
        }

        private void close(Holder holder) {
            holder.returned += Math.max(0, holder.balance().available());
            holder.closed = true;
        }

        private String platform(Bought p) {
            return PLATFORMS.get(p.training);
        }

        /** The participant's account, purchases and row in the database against the scenario. */
        void verify(Holder holder) {
            String account = Accounts.participant(holder.id);
            AccountBalance expected = holder.balance();
            AccountBalance summed = ledger.summedBalance(account);
            assertThat(summed).as("balance summed by the database").isEqualTo(expected);
            assertThat(ledger.balance(account)).as("balance from the entries").isEqualTo(expected);
            assertThat(summed.available()).as("available").isBetween(0L, GIVEN);
            assertThat(summed.posted()).as("posted covers what is reserved").isGreaterThanOrEqualTo(summed.reserved());

            Map<UUID, String> statuses = new LinkedHashMap<>();
            jdbc.query("select id, status from purchase where participant_id = ? order by purchased_at, id",
                    rs -> {
                        statuses.put(rs.getObject(1, UUID.class), rs.getString(2));
                    }, holder.id);
            Map<UUID, String> expectedStatuses = new LinkedHashMap<>();
            holder.purchases.forEach(p -> expectedStatuses.put(p.id, p.status));
            assertThat(statuses).as("purchases").containsExactlyInAnyOrderEntriesOf(expectedStatuses);

            Map<String, Object> row = jdbc.queryForMap("select closed_at, first_purchased_at from participant where id = ?",
                    holder.id);
            assertThat(row.get("closed_at") != null).as("balance closed").isEqualTo(holder.closed);
            assertThat(row.get("first_purchased_at") != null).as("a first purchase counts").isEqualTo(holder.firstCounted);
        }

        /** Each participant's view of their entries: every rupiah given is spent, reserved, returned or available. */
        void verifyEveryRupiah() {
            for (Holder holder : participants) {
                String account = Accounts.participant(holder.id);
                long spent = 0;
                long reserved = 0;
                long returned = 0;
                long given = 0;
                for (Ledger.EntryView e : ledger.entries(account)) {
                    switch (e.kind() + " " + e.side() + " " + e.status()) {
                        case "OPEN C POSTED" -> given += e.amount();
                        case "PURCHASE D POSTED" -> spent += e.amount();
                        case "PURCHASE D PENDING" -> reserved += e.amount();
                        case "FORFEIT D POSTED" -> returned += e.amount();
                        default -> {
                            // voided reservations count for nothing
                        }
                    }
                }
                assertThat(given).as("given").isEqualTo(GIVEN);
                assertThat(spent).as("spent").isEqualTo(holder.spent());
                assertThat(reserved).as("reserved").isEqualTo(holder.reserved());
                assertThat(returned).as("returned to the programme").isEqualTo(holder.returned);
                assertThat(spent + reserved + returned + ledger.summedBalance(account).available()).as("every rupiah")
                        .isEqualTo(GIVEN);

                // the same from the events alone, as a consumer (the operator console) sums them: the
                // purchases less the lapsed vouchers are spent or reserved, the forfeitures are returned
                long purchased = 0;
                long lapsed = 0;
                long forfeited = 0;
                List<UUID> lapses = new ArrayList<>();
                for (byte[] message : jdbc.queryForList("select payload from outbox_message where message_key = ? order by id",
                        byte[].class, holder.id.toString())) {
                    switch (EventJson.read(message).orElseThrow().payload()) {
                        case TrainingPurchased e -> purchased += e.price();
                        case VoucherLapsed e -> {
                            lapsed += e.amount();
                            lapses.add(e.purchaseId());
                        }
                        case BalanceForfeited e -> forfeited += e.amount();
                        default -> {
                            // completions and reconciliations move no money
                        }
                    }
                }
                assertThat(lapses).as("each voucher that ended unredeemed, announced once").containsExactlyInAnyOrderElementsOf(
                        holder.purchases.stream().filter(p -> p.status.equals("EXPIRED")).map(p -> p.id).toList());
                assertThat(purchased - lapsed).as("purchased less lapsed, by the events").isEqualTo(spent + reserved);
                assertThat(forfeited).as("forfeited, by the events").isEqualTo(returned);
            }
        }
    }

    /** What the service refused with (a problem's code), or nothing when it did what was asked, in one transaction. */
    private static Optional<String> refusal(Runnable call) {
        try {
            transactions.executeWithoutResult(tx -> call.run());
            return Optional.empty();
        } catch (ProblemException e) {
            return Optional.of(e.code());
        }
    }
}
