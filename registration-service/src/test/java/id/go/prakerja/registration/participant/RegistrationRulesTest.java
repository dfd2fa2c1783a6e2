package id.go.prakerja.registration.participant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import id.go.prakerja.events.registration.Sex;

class RegistrationRulesTest {

    private final RegistrationRules rules = new RegistrationRules(18);
    private final LocalDate registrationDay = LocalDate.of(2020, 4, 11);

    private RegistrationRules.Profile profile(String nik, LocalDate birthDate, Sex sex) {
        return new RegistrationRules.Profile(nik, "3174051201090123", birthDate, sex, "081234567890", "31", "3174");
    }

    @Test
    void a_consistent_adult_profile_passes() {
        assertThat(rules.check(profile("3174050101900001", LocalDate.of(1990, 1, 1), Sex.MALE), registrationDay)).isEmpty();
    }

    @Test
    void a_nik_whose_birth_date_or_sex_disagrees_with_the_declared_ones_is_refused() {
        assertThat(rules.check(profile("3174050101900001", LocalDate.of(1990, 1, 2), Sex.MALE), registrationDay))
                .extracting(RegistrationRules.Violation::code).containsExactly("NIK_BIRTH_DATE_MISMATCH");
        assertThat(rules.check(profile("3174050101900001", LocalDate.of(1990, 1, 1), Sex.FEMALE), registrationDay))
                .extracting(RegistrationRules.Violation::code).containsExactly("NIK_SEX_MISMATCH");
    }

    @Test
    void an_applicant_who_turns_18_the_day_after_registration_is_too_young_and_on_the_day_is_not() {
        LocalDate eighteenTomorrow = registrationDay.minusYears(18).plusDays(1);
        String nik = NikText.of("31", eighteenTomorrow, Sex.MALE, 1);
        assertThat(rules.check(profile(nik, eighteenTomorrow, Sex.MALE), registrationDay))
                .extracting(RegistrationRules.Violation::code).containsExactly("UNDER_MINIMUM_AGE");
        LocalDate eighteenToday = registrationDay.minusYears(18);
        String nik2 = NikText.of("31", eighteenToday, Sex.MALE, 1);
        assertThat(rules.check(profile(nik2, eighteenToday, Sex.MALE), registrationDay)).isEmpty();
    }

    @Test
    void kk_phone_and_region_are_checked_too() {
        var p = new RegistrationRules.Profile("3174050101900001", "12345", LocalDate.of(1990, 1, 1), Sex.MALE,
                "021-555-1234", "31", "3273");
        assertThat(rules.check(p, registrationDay)).extracting(RegistrationRules.Violation::code)
                .containsExactlyInAnyOrder("KK_FORMAT", "PHONE_FORMAT", "REGION_MISMATCH");
    }

    @Test
    void phone_numbers_are_normalised_to_e164() {
        assertThat(PhoneNumber.normalise("0812-3456-7890")).contains("+6281234567890");
        assertThat(PhoneNumber.normalise("6281234567890")).contains("+6281234567890");
        assertThat(PhoneNumber.normalise("+62 812 3456 7890")).contains("+6281234567890");
        assertThat(PhoneNumber.normalise("0215551234")).isEmpty();
    }
}
