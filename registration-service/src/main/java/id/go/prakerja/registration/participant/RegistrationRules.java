package id.go.prakerja.registration.participant;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

import id.go.prakerja.events.registration.Sex;

/**
 * What a profile must satisfy before it is accepted, as field problems with stable codes.
 * Plain Java: the registration date and the minimum age are inputs, not the clock.
 */
public final class RegistrationRules {

    private final int minimumAge;

    public RegistrationRules(int minimumAge) {
        this.minimumAge = minimumAge;
    }

    public record Profile(String nik, String kkNumber, LocalDate birthDate, Sex sex, String phone,
            String provinceCode, String regencyCode) {
    }

    public record Violation(String field, String code, Object... arguments) {
    }

    public List<Violation> check(Profile profile, LocalDate registrationDate) {
        List<Violation> violations = new ArrayList<>();
        Nik.Problem nikProblem = Nik.check(profile.nik());
        if (nikProblem != null) {
            violations.add(new Violation("nik", nikProblem.name()));
        } else {
            Nik nik = new Nik(profile.nik());
            if (profile.birthDate() != null && !nik.agreesWithBirthDate(profile.birthDate())) {
                violations.add(new Violation("nik", "NIK_BIRTH_DATE_MISMATCH"));
            }
            if (profile.sex() != null && nik.sex() != profile.sex()) {
                violations.add(new Violation("nik", "NIK_SEX_MISMATCH"));
            }
        }
        if (!isKkNumber(profile.kkNumber())) {
            violations.add(new Violation("kkNumber", "KK_FORMAT"));
        }
        if (profile.birthDate() != null && Period.between(profile.birthDate(), registrationDate).getYears() < minimumAge) {
            violations.add(new Violation("birthDate", "UNDER_MINIMUM_AGE", minimumAge));
        }
        if (PhoneNumber.normalise(profile.phone()).isEmpty()) {
            violations.add(new Violation("phone", "PHONE_FORMAT"));
        }
        if (profile.provinceCode() != null && profile.regencyCode() != null
                && !profile.regencyCode().startsWith(profile.provinceCode())) {
            violations.add(new Violation("regencyCode", "REGION_MISMATCH"));
        }
        return violations;
    }

    static boolean isKkNumber(String text) {
        return text != null && text.length() == 16 && text.chars().allMatch(c -> c >= '0' && c <= '9')
                && Provinces.isProvince(text.substring(0, 2));
    }
}
