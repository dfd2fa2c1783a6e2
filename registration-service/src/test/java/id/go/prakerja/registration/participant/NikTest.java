package id.go.prakerja.registration.participant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import id.go.prakerja.events.registration.Sex;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class NikTest {

    @Test
    void a_jakarta_man_born_on_1_january_1990_reads_back_his_birth_date_and_sex() {
        Nik nik = new Nik("3174050101900001");
        assertThat(nik.province()).isEqualTo("31");
        assertThat(nik.regency()).isEqualTo("3174");
        assertThat(nik.sex()).isEqualTo(Sex.MALE);
        assertThat(nik.agreesWithBirthDate(LocalDate.of(1990, 1, 1))).isTrue();
        assertThat(nik.agreesWithBirthDate(LocalDate.of(1991, 1, 1))).isFalse();
    }

    @Test
    void a_womans_birth_day_is_stored_plus_40() {
        Nik nik = new Nik("3273154512850002");
        assertThat(nik.sex()).isEqualTo(Sex.FEMALE);
        assertThat(nik.agreesWithBirthDate(LocalDate.of(1985, 12, 5))).isTrue();
    }

    @Test
    void each_broken_rule_has_its_own_reason() {
        assertThat(Nik.check("317405010190000")).isEqualTo(Nik.Problem.NIK_FORMAT);
        assertThat(Nik.check("31740501019000a1")).isEqualTo(Nik.Problem.NIK_FORMAT);
        assertThat(Nik.check("9974050101900001")).isEqualTo(Nik.Problem.NIK_PROVINCE);
        assertThat(Nik.check("3174053102900001")).as("31 February").isEqualTo(Nik.Problem.NIK_DATE);
        assertThat(Nik.check("3174057201900001")).as("day 72 - 40 = 32").isEqualTo(Nik.Problem.NIK_DATE);
        assertThat(Nik.check("3174050113900001")).as("month 13").isEqualTo(Nik.Problem.NIK_DATE);
        assertThat(Nik.check("3174050101900000")).isEqualTo(Nik.Problem.NIK_SERIAL);
        assertThat(Nik.check("3174052902000001")).as("29 Feb 2000 existed").isNull();
    }

    @Test
    void the_text_form_never_shows_the_whole_number() {
        assertThat(new Nik("3174050101900001").toString()).isEqualTo("3174********0001");
    }

    @Property
    void every_nik_built_from_a_real_date_and_serial_is_valid_and_agrees_with_that_date(
            @ForAll("birthDates") LocalDate birthDate, @ForAll("provinces") String province,
            @ForAll("serials") int serial, @ForAll Sex sex) {
        String nik = NikText.of(province, birthDate, sex, serial);
        assertThat(Nik.check(nik)).isNull();
        Nik parsed = new Nik(nik);
        assertThat(parsed.agreesWithBirthDate(birthDate)).isTrue();
        assertThat(parsed.sex()).isEqualTo(sex);
    }

    @Property
    void a_nik_whose_day_or_month_is_out_of_range_is_refused(@ForAll("provinces") String province,
            @ForAll("badDayMonth") int[] dayMonth) {
        String nik = province + "0501" + "%02d%02d".formatted(dayMonth[0], dayMonth[1]) + "90" + "0001";
        assertThat(Nik.check(nik)).isEqualTo(Nik.Problem.NIK_DATE);
    }

    @Property
    void any_text_that_is_not_16_digits_is_refused_as_format(@ForAll String text) {
        if (text.length() != 16 || !text.chars().allMatch(Character::isDigit) || !text.chars().allMatch(c -> c < 128)) {
            assertThat(Nik.check(text)).isEqualTo(Nik.Problem.NIK_FORMAT);
        }
    }

    @Provide
    Arbitrary<LocalDate> birthDates() {
        return net.jqwik.time.api.Dates.dates().between(LocalDate.of(1930, 1, 1), LocalDate.of(2008, 12, 31));
    }

    @Provide
    Arbitrary<String> provinces() {
        return Arbitraries.of(Provinces.CODES);
    }

    @Provide
    Arbitrary<Integer> serials() {
        return Arbitraries.integers().between(1, 9999);
    }

    @Provide
    Arbitrary<int[]> badDayMonth() {
        Arbitrary<int[]> badMonth = Combinators.combine(Arbitraries.integers().between(1, 28),
                Arbitraries.integers().between(13, 99)).as((d, m) -> new int[] {d, m});
        Arbitrary<int[]> badDay = Combinators.combine(Arbitraries.of(0, 32, 33, 39, 40, 72, 80, 99),
                Arbitraries.integers().between(1, 12)).as((d, m) -> new int[] {d, m});
        return Arbitraries.oneOf(badMonth, badDay);
    }
}
