package id.go.prakerja.simulators.population;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.Period;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class PopulationTest {

    /**
     * Written out here rather than taken from {@link Regions}, so a wrong code there would fail
     * this test instead of agreeing with itself.
     */
    private static final Set<String> PROVINCES_2020 = Set.of(
            "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35", "36",
            "51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82",
            "91", "92");

    private static List<Resident> residents;

    @BeforeAll
    static void generate() {
        residents = Population.generate(7L, 10_000);
    }

    @Test
    void the_same_seed_gives_the_same_people_in_the_same_order() {
        assertThat(Population.generate(7L, 10_000)).isEqualTo(residents);
    }

    @Test
    void a_different_seed_gives_different_people() {
        List<Resident> other = Population.generate(8L, 1_000);
        assertThat(other.get(0)).isNotEqualTo(residents.get(0));
        assertThat(other.stream().map(Resident::nik).filter(new HashSet<>(residents.stream().map(Resident::nik).toList())::contains))
                .hasSizeLessThan(50);
    }

    @Test
    void a_smaller_population_is_a_prefix_of_a_larger_one() {
        assertThat(Population.generate(7L, 100)).isEqualTo(residents.subList(0, 100));
    }

    @Test
    void every_generated_nik_has_the_structure_PPKKCC_DDMMYY_SSSS() {
        for (Resident r : residents) {
            String nik = r.nik();
            assertThat(nik).as("NIK %s", nik).matches("\\d{16}");
            assertThat(PROVINCES_2020).as("province of %s", nik).contains(nik.substring(0, 2));
            assertThat(nik.substring(0, 2)).isEqualTo(r.provinceCode());
            assertThat(nik.substring(0, 4)).isEqualTo(r.regencyCode());
            assertThat(Integer.parseInt(nik.substring(4, 6))).as("district of %s", nik).isBetween(1, 99);
            int day = Integer.parseInt(nik.substring(6, 8));
            int expectedDay = r.birthDate().getDayOfMonth() + (r.sex() == Sex.FEMALE ? 40 : 0);
            assertThat(day).as("day of %s (%s)", nik, r.sex()).isEqualTo(expectedDay);
            assertThat(nik.substring(8, 10)).isEqualTo(String.format("%02d", r.birthDate().getMonthValue()));
            assertThat(nik.substring(10, 12)).isEqualTo(String.format("%02d", r.birthDate().getYear() % 100));
            assertThat(Integer.parseInt(nik.substring(12))).as("serial of %s", nik).isGreaterThanOrEqualTo(1);
            assertThat(Nik.isValid(nik)).isTrue();
            assertThat(Nik.birthDate(nik)).isEqualTo(r.birthDate());
            assertThat(Nik.sex(nik)).isEqualTo(r.sex());
        }
    }

    @Test
    void niks_phones_are_unique_and_kk_numbers_are_shared_by_at_most_four_adults() {
        assertThat(residents.stream().map(Resident::nik).distinct()).hasSize(residents.size());
        assertThat(residents.stream().map(Resident::phone).distinct()).hasSize(residents.size());
        Map<String, Long> perKk = residents.stream()
                .collect(Collectors.groupingBy(Resident::kkNumber, Collectors.counting()));
        assertThat(perKk.values()).allMatch(n -> n <= Population.MAX_HOUSEHOLD_SIZE);
        assertThat(perKk.values()).as("some households have more than two adults").anyMatch(n -> n > 2);
        assertThat(perKk.keySet()).allMatch(kk -> kk.matches("\\d{16}"));
    }

    @Test
    void everyone_is_18_to_64_on_the_day_registration_opened() {
        for (Resident r : residents) {
            int age = Period.between(r.birthDate(), Population.REFERENCE_DATE).getYears();
            assertThat(age).as("age of %s", r.nik()).isBetween(18, 64);
        }
    }

    @Test
    void names_places_and_phones_look_indonesian() {
        assertThat(residents).allSatisfy(r -> {
            assertThat(r.fullName()).matches("[A-Z ]+");
            assertThat(r.birthPlace()).matches("[A-Z ]+");
            assertThat(PhoneNumbers.isE164Mobile(r.phone())).as(r.phone()).isTrue();
        });
        Map<String, Long> byProvince = residents.stream()
                .collect(Collectors.groupingBy(Resident::provinceCode, Collectors.counting()));
        assertThat(byProvince.get("32")).as("West Java outnumbers Gorontalo").isGreaterThan(byProvince.get("75") * 10);
        assertThat(residents.stream().map(Resident::sex).collect(Collectors.toSet())).containsExactlyInAnyOrder(Sex.values());
    }

    @Test
    void nik_validation_rejects_bad_province_bad_date_and_serial_zero() {
        assertThat(Nik.isValid("3174055505900001")).as("women's day 15 + 40").isTrue();
        assertThat(Nik.isValid("9974051505900001")).as("unknown province 99").isFalse();
        assertThat(Nik.isValid("3174053202900001")).as("day 32").isFalse();
        assertThat(Nik.isValid("3174057202900001")).as("women's day 32").isFalse();
        assertThat(Nik.isValid("3174051513900001")).as("month 13").isFalse();
        assertThat(Nik.isValid("3174051505900000")).as("serial 0000").isFalse();
        assertThat(Nik.isValid("317405150590000")).as("15 digits").isFalse();
        assertThat(Nik.mask("3174051505900001")).isEqualTo("3174********0001");
        assertThat(Nik.birthDate("3174055505900001")).isEqualTo(LocalDate.of(1990, 5, 15));
    }

    @Test
    void phone_numbers_convert_between_national_and_e164() {
        assertThat(PhoneNumbers.toNational("+6281234567890")).contains("081234567890");
        assertThat(PhoneNumbers.toNational("6281234567890")).contains("081234567890");
        assertThat(PhoneNumbers.toE164("0812-3456-7890")).contains("+6281234567890");
        assertThat(PhoneNumbers.toE164("+6221345678")).isEmpty();
        assertThat(PhoneNumbers.toE164("+441234567890")).isEmpty();
    }
}
