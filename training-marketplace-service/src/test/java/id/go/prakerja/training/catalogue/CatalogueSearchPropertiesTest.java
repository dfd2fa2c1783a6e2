package id.go.prakerja.training.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import id.go.prakerja.training.catalogue.TrainingCatalogue.Page;
import id.go.prakerja.training.catalogue.TrainingCatalogue.Query;
import id.go.prakerja.training.catalogue.TrainingCatalogue.Row;
import id.go.prakerja.training.catalogue.TrainingCatalogue.Sort;
import id.go.prakerja.training.catalogue.TrainingCatalogue.TrainingView;

/**
 * The in-memory search over a catalogue version, without Spring: for any catalogue, text matches
 * and query, its pages together hold exactly the trainings that pass every filter, each once, in
 * the sort's order with ties by training id.
 */
class CatalogueSearchPropertiesTest {

    private static final List<String> PLATFORMS = List.of("PINTARIA", "SEKOLAHMU", "TOKOPEDIA");
    private static final List<String> CATEGORIES = List.of("Bahasa Asing", "Kuliner", "Teknologi Informasi");
    private static final Instant EPOCH = Instant.parse("2020-04-11T00:00:00Z");

    record Case(List<Row> rows, Map<String, Float> rank, Query query) {
    }

    @Property(tries = 300)
    void pages_hold_every_match_once_in_the_sorts_order(@ForAll("cases") Case c) {
        Query q = c.query();
        Page<TrainingView> first = TrainingCatalogue.page(c.rows(), c.rank(), q);
        List<TrainingView> all = new ArrayList<>();
        for (int page = 0; page * q.size() < first.total() + q.size(); page++) {
            Page<TrainingView> p = TrainingCatalogue.page(c.rows(), c.rank(),
                    new Query(q.text(), q.category(), q.platform(), q.minPrice(), q.maxPrice(), q.minRating(), q.mode(),
                            q.sort(), page, q.size()));
            assertThat(p.total()).isEqualTo(first.total());
            assertThat(p.items().size()).isLessThanOrEqualTo(q.size());
            all.addAll(p.items());
        }
        Set<String> shown = new HashSet<>();
        all.forEach(t -> assertThat(shown.add(t.trainingId())).as("shown once: %s", t.trainingId()).isTrue());
        assertThat(all).hasSize((int) first.total());
        for (Row r : c.rows()) {
            assertThat(shown.contains(r.view().trainingId())).as("%s shown exactly when it passes", r.view().trainingId())
                    .isEqualTo(passes(r, c.rank(), q));
        }
        Map<String, Long> sums = new HashMap<>();
        c.rows().forEach(r -> sums.put(r.view().trainingId(), r.ratingSum()));
        for (int i = 1; i < all.size(); i++) {
            int order = compare(all.get(i - 1), all.get(i), q.sort(), c.rank(), sums);
            assertThat(order).as("%s before %s under %s", all.get(i - 1).trainingId(), all.get(i).trainingId(), q.sort())
                    .isNegative();
        }
    }

    /** Every filter, written out one by one. */
    private static boolean passes(Row r, Map<String, Float> rank, Query q) {
        TrainingView t = r.view();
        if (rank != null && !rank.containsKey(t.trainingId())) {
            return false;
        }
        if (q.category() != null && !t.category().toLowerCase(Locale.ROOT).equals(q.category())) {
            return false;
        }
        if (q.platform() != null && !t.platformCode().equals(q.platform())) {
            return false;
        }
        if (q.minPrice() != null && t.price() < q.minPrice() || q.maxPrice() != null && t.price() > q.maxPrice()) {
            return false;
        }
        if (q.minRating() != null && (t.ratingCount() == 0 || (double) r.ratingSum() / t.ratingCount() < q.minRating())) {
            return false;
        }
        return q.mode() == null || t.mode().equals(q.mode());
    }

    /** Negative when {@code a} must come before {@code b}: the sort's key, then the id. */
    private static int compare(TrainingView a, TrainingView b, Sort sort, Map<String, Float> rank, Map<String, Long> sums) {
        int byKey = switch (sort) {
            case RELEVANCE -> Float.compare(rank.get(b.trainingId()), rank.get(a.trainingId()));
            case PRICE_ASC -> Long.compare(a.price(), b.price());
            case PRICE_DESC -> Long.compare(b.price(), a.price());
            case RATING -> {
                if (a.ratingCount() == 0 || b.ratingCount() == 0) {
                    yield Integer.compare(a.ratingCount() == 0 ? 1 : 0, b.ratingCount() == 0 ? 1 : 0);
                }
                // averages compared exactly (sum over count), then more ratings first
                int byAverage = Long.compare(sums.get(b.trainingId()) * a.ratingCount(), sums.get(a.trainingId()) * b.ratingCount());
                yield byAverage != 0 ? byAverage : Integer.compare(b.ratingCount(), a.ratingCount());
            }
            case REVIEWS -> Integer.compare(b.reviewCount(), a.reviewCount());
            case NEWEST -> b.publishedAt().compareTo(a.publishedAt());
        };
        return byKey != 0 ? byKey : a.trainingId().compareTo(b.trainingId());
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Row> row = Combinators.combine(
                Arbitraries.of(PLATFORMS), Arbitraries.of(CATEGORIES), Arbitraries.of("ONLINE", "OFFLINE"),
                Arbitraries.of(200_000L, 300_000L, 500_000L, 1_000_000L), Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 16), Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 5))
                .as((platform, category, mode, price, count, extra, reviews, day) -> {
                    // ratings are 1 to 5: the sum lies between count and 5 x count
                    long sum = count == 0 ? 0 : count + Math.min(extra, 4L * count);
                    Double average = count == 0 ? null : Math.round(sum * 100.0 / count) / 100.0;
                    TrainingView view = new TrainingView("", platform, platform, "t", "d", category, "p", mode, price, 8,
                            average, count, reviews, "ACTIVE", EPOCH.plusSeconds(86_400L * day));
                    return new Row(view, category.toLowerCase(Locale.ROOT), sum);
                });
        Arbitrary<List<Row>> rows = row.list().ofMaxSize(30).map(list -> {
            List<Row> named = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                TrainingView v = list.get(i).view();
                // ids in another order than the rows, so that ties are not already in id order
                String id = v.platformCode() + "-" + String.format("%04d", (i * 7919) % 10_000);
                named.add(new Row(new TrainingView(id, v.platformCode(), v.platformName(), v.title(), v.description(),
                        v.category(), v.provider(), v.mode(), v.price(), v.durationHours(), v.averageRating(),
                        v.ratingCount(), v.reviewCount(), v.status(), v.publishedAt()), list.get(i).categoryKey(),
                        list.get(i).ratingSum()));
            }
            return named;
        });
        Arbitrary<Boolean> withText = Arbitraries.of(true, false);
        Arbitrary<Query> query = Combinators.combine(
                Arbitraries.of(CATEGORIES).map(c -> c.toLowerCase(Locale.ROOT)).injectNull(0.6),
                Arbitraries.of(PLATFORMS).injectNull(0.6),
                Arbitraries.of(200_000L, 300_000L).injectNull(0.6),
                Arbitraries.of(500_000L, 1_000_000L).injectNull(0.6),
                Arbitraries.of(1.0, 3.5, 4.0, 5.0).injectNull(0.6),
                Arbitraries.of("ONLINE", "OFFLINE").injectNull(0.6),
                Arbitraries.of(Sort.PRICE_ASC, Sort.PRICE_DESC, Sort.RATING, Sort.REVIEWS, Sort.NEWEST),
                Arbitraries.integers().between(1, 7))
                .as((category, platform, min, max, rating, mode, sort, size) ->
                        new Query(null, category, platform, min, max, rating, mode, sort, 0, size));
        return Combinators.combine(rows, withText, query, Arbitraries.floats().between(0.01f, 1f).list().ofSize(30),
                Arbitraries.integers().between(0, 3)).as((list, text, q, ranks, rankedEvery) -> {
                    if (!text) {
                        return new Case(list, null, q);
                    }
                    // the text matched some of the trainings, with ranks that may tie
                    Map<String, Float> rank = new HashMap<>();
                    for (int i = 0; i < list.size(); i++) {
                        if (i % (rankedEvery + 1) == 0) {
                            rank.put(list.get(i).view().trainingId(), Math.round(ranks.get(i) * 4) / 4f);
                        }
                    }
                    Sort sort = q.sort() == Sort.NEWEST ? Sort.RELEVANCE : q.sort();
                    return new Case(list, rank, new Query("kue", q.category(), q.platform(), q.minPrice(), q.maxPrice(),
                            q.minRating(), q.mode(), sort, 0, q.size()));
                });
    }
}
