package id.go.prakerja.registration.wave;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import id.go.prakerja.events.registration.JobStatus;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class WaveSelectionTest {

    private static final List<String> PROVINCES = List.of("31", "32", "33", "35");

    private static List<WaveSelection.Applicant> applicants(int count, long generatorSeed) {
        Random random = new Random(generatorSeed);
        List<WaveSelection.Applicant> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new WaveSelection.Applicant(new UUID(random.nextLong(), random.nextLong()),
                    PROVINCES.get(random.nextInt(PROVINCES.size())), random.nextInt(3)));
        }
        return list;
    }

    private static final Map<String, Long> QUOTAS = Map.of("31", 40L, "32", 25L, "33", 10L);

    @Property
    void no_province_gets_more_than_its_quota_and_the_wave_no_more_than_its_total(
            @ForAll @IntRange(min = 0, max = 400) int count, @ForAll long seed, @ForAll @LongRange(min = 1, max = 100) long total) {
        var applicants = applicants(count, seed);
        Set<UUID> selected = WaveSelection.select(applicants, QUOTAS, total, seed);
        // not merely "at most": every place a quota and the total allow is filled
        assertThat(selected).hasSize((int) expectedCount(applicants, QUOTAS, total));
        Map<String, Long> perProvince = applicants.stream().filter(a -> selected.contains(a.participantId()))
                .collect(Collectors.groupingBy(WaveSelection.Applicant::province, Collectors.counting()));
        perProvince.forEach((province, n) -> assertThat(n).isLessThanOrEqualTo(QUOTAS.getOrDefault(province, 0L)));
        assertThat(perProvince).doesNotContainKey("35");
    }

    @Property
    void the_same_applicants_and_seed_give_the_same_selection_in_whatever_order_they_applied(
            @ForAll @IntRange(min = 0, max = 300) int count, @ForAll long seed) {
        var applicants = applicants(count, seed);
        var shuffled = new ArrayList<>(applicants);
        Collections.shuffle(shuffled, new Random(seed + 1));
        assertThat(List.copyOf(WaveSelection.select(shuffled, QUOTAS, 60, seed)))
                .isEqualTo(List.copyOf(WaveSelection.select(applicants, QUOTAS, 60, seed)));
    }

    @Property
    void nobody_is_passed_over_for_someone_of_lower_priority_in_their_province(
            @ForAll @IntRange(min = 0, max = 300) int count, @ForAll long seed) {
        var applicants = applicants(count, seed);
        Set<UUID> selected = WaveSelection.select(applicants, QUOTAS, 1000, seed);
        for (var chosen : applicants) {
            if (!selected.contains(chosen.participantId())) {
                continue;
            }
            for (var other : applicants) {
                if (other.province().equals(chosen.province()) && !selected.contains(other.participantId())) {
                    assertThat(other.priority()).isGreaterThanOrEqualTo(chosen.priority());
                }
            }
        }
    }

    @Property
    void when_the_total_binds_the_places_go_by_priority_across_provinces_and_nobody_is_passed_over(
            @ForAll @IntRange(min = 0, max = 300) int count, @ForAll long seed, @ForAll @IntRange(min = 1, max = 74) int total) {
        var applicants = applicants(count, seed);
        Set<UUID> selected = WaveSelection.select(applicants, QUOTAS, total, seed);
        assertThat(selected).hasSize((int) expectedCount(applicants, QUOTAS, total));
        Map<String, Long> perProvince = applicants.stream().filter(a -> selected.contains(a.participantId()))
                .collect(Collectors.groupingBy(WaveSelection.Applicant::province, Collectors.counting()));
        for (var passedOver : applicants) {
            if (selected.contains(passedOver.participantId()) || !QUOTAS.containsKey(passedOver.province())) {
                continue;
            }
            boolean provinceFull = perProvince.getOrDefault(passedOver.province(), 0L) >= QUOTAS.get(passedOver.province());
            for (var chosen : applicants) {
                if (selected.contains(chosen.participantId()) && chosen.priority() > passedOver.priority()) {
                    // a higher-priority applicant may only be left out by their own province's quota,
                    // never by the total going to lower priorities elsewhere
                    assertThat(provinceFull).as("%s left out for %s", passedOver, chosen).isTrue();
                    assertThat(chosen.province()).isNotEqualTo(passedOver.province());
                }
            }
        }
    }

    /** min(total, Σ over provinces of min(quota, applicants)): the size every selection must have. */
    static long expectedCount(List<WaveSelection.Applicant> applicants, Map<String, Long> quotas, long total) {
        Map<String, Long> perProvince = applicants.stream()
                .collect(Collectors.groupingBy(WaveSelection.Applicant::province, Collectors.counting()));
        long places = 0;
        for (var entry : perProvince.entrySet()) {
            places += Math.min(quotas.getOrDefault(entry.getKey(), 0L), entry.getValue());
        }
        return Math.min(total, places);
    }

    @Property
    void when_quotas_exceed_the_applicants_everyone_in_a_wave_province_is_selected(
            @ForAll @IntRange(min = 0, max = 50) int count, @ForAll long seed) {
        var applicants = applicants(count, seed).stream().filter(a -> !a.province().equals("35")).toList();
        assertThat(WaveSelection.select(applicants, Map.of("31", 100L, "32", 100L, "33", 100L), 1000, seed))
                .hasSize(applicants.size());
    }

    @Test
    void a_different_seed_gives_a_different_order() {
        var applicants = applicants(200, 7);
        assertThat(List.copyOf(WaveSelection.select(applicants, QUOTAS, 30, 1)))
                .isNotEqualTo(List.copyOf(WaveSelection.select(applicants, QUOTAS, 30, 2)));
    }

    @Test
    void priority_rules_rank_in_the_order_listed_and_everyone_else_last() {
        var rules = List.of(PriorityRule.LAID_OFF_FIRST, PriorityRule.JOB_SEEKERS_FIRST);
        assertThat(PriorityRule.priorityOf(rules, JobStatus.LAID_OFF)).isZero();
        assertThat(PriorityRule.priorityOf(rules, JobStatus.JOB_SEEKER)).isEqualTo(1);
        assertThat(PriorityRule.priorityOf(rules, JobStatus.EMPLOYED)).isEqualTo(2);
        assertThat(PriorityRule.priorityOf(List.of(), JobStatus.LAID_OFF)).isZero();
    }

    @Test
    void card_numbers_are_16_digits_and_carry_the_wave() {
        assertThat(WaveSelection.cardNumber(1, 1)).isEqualTo("5001000000000001").hasSize(16);
        assertThat(WaveSelection.cardNumber(12, 168_111)).isEqualTo("5012000000168111");
    }
}
