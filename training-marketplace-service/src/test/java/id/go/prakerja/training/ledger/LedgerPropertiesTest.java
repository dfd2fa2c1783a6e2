package id.go.prakerja.training.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import id.go.prakerja.training.purchase.PurchaseRules;

/**
 * For any sequence of purchases, redemptions, expiries and forfeits across participants, applied
 * under the marketplace's own rules ({@link PurchaseRules}, {@link Transfer}, {@link AccountBalance}):
 * every account's balance is the sum of its entries, no participant goes below zero, every
 * transaction balances, and the books as a whole balance.
 */
class LedgerPropertiesTest {

    enum Kind { BUY, REDEEM, EXPIRE, FORFEIT }

    record Step(Kind kind, int participant, long price, int platform) {
    }

    /** The books: transactions by id, and the rules applied the way the service applies them. */
    static final class Books {
        final Map<UUID, Transfer> transactions = new LinkedHashMap<>();
        final Map<Integer, List<UUID>> pending = new HashMap<>();
        final Set<Integer> closed = new HashSet<>();

        List<Entry> entries() {
            return transactions.values().stream().flatMap(t -> t.entries().stream()).toList();
        }

        AccountBalance balance(String account) {
            return AccountBalance.of(account, entries());
        }

        void apply(Step step, List<UUID> participants) {
            UUID who = participants.get(step.participant());
            String account = Accounts.participant(who);
            List<UUID> reserved = pending.computeIfAbsent(step.participant(), k -> new ArrayList<>());
            switch (step.kind()) {
                case BUY -> {
                    var situation = new PurchaseRules.Situation(true, false, closed.contains(step.participant()), false,
                            true, false, balance(account));
                    if (PurchaseRules.check(situation, step.price()).isEmpty()) {
                        Transfer t = Transfer.purchase(UUID.randomUUID(), who, "P" + step.platform(), step.price());
                        transactions.put(t.id(), t);
                        reserved.add(t.id());
                    }
                }
                case REDEEM, EXPIRE -> {
                    if (!reserved.isEmpty()) {
                        UUID id = reserved.removeFirst();
                        transactions.put(id, transactions.get(id).resolve(step.kind() == Kind.REDEEM
                                ? Entry.Status.POSTED : Entry.Status.VOIDED));
                    }
                }
                case FORFEIT -> {
                    if (!closed.contains(step.participant())) {
                        // the programme end voids what is still reserved, then returns what is left
                        reserved.forEach(id -> transactions.put(id, transactions.get(id).resolve(Entry.Status.VOIDED)));
                        reserved.clear();
                        long left = balance(account).available();
                        if (left > 0) {
                            Transfer t = Transfer.forfeit(UUID.randomUUID(), who, left);
                            transactions.put(t.id(), t);
                        }
                        closed.add(step.participant());
                    }
                }
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.of(Kind.class).edgeCases(e -> e.includeOnly(Kind.BUY)),
                Arbitraries.integers().between(0, 2),
                Arbitraries.longs().between(1, 1_200).map(k -> k * 1_000),
                Arbitraries.integers().between(0, 3)).as(Step::new);
        return step.list().ofMaxSize(60);
    }

    @Property(tries = 300)
    void balances_are_sums_of_entries_never_negative_and_the_books_balance(@ForAll("steps") List<Step> steps) {
        List<UUID> participants = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        Books books = new Books();
        participants.forEach(p -> {
            Transfer open = Transfer.open(UUID.randomUUID(), p, 1_000_000);
            books.transactions.put(open.id(), open);
        });

        for (Step step : steps) {
            books.apply(step, participants);

            for (UUID p : participants) {
                AccountBalance balance = books.balance(Accounts.participant(p));
                assertThat(balance.available()).isBetween(0L, 1_000_000L);
                assertThat(balance.posted()).isGreaterThanOrEqualTo(balance.reserved());
            }
            long postedSum = 0;
            Set<String> accounts = new HashSet<>();
            books.entries().forEach(e -> accounts.add(e.account()));
            for (String account : accounts) {
                postedSum += books.balance(account).posted();
            }
            assertThat(postedSum).as("what the programme gave out is held by participants or owed to platforms").isZero();
        }
        for (Transfer t : books.transactions.values()) {
            long debits = t.entries().stream().filter(e -> e.side() == Entry.Side.D).mapToLong(Entry::amount).sum();
            long credits = t.entries().stream().filter(e -> e.side() == Entry.Side.C).mapToLong(Entry::amount).sum();
            assertThat(debits).isEqualTo(credits);
        }
        long spentAndReturned = participants.stream().mapToLong(p -> {
            AccountBalance b = books.balance(Accounts.participant(p));
            return b.postedDebits() + b.reserved() + b.available();
        }).sum();
        assertThat(spentAndReturned).as("every rupiah of every balance is spent, reserved, returned or available")
                .isEqualTo(3_000_000);
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
}
