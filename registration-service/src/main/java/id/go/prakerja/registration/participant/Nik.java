package id.go.prakerja.registration.participant;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;

import id.go.prakerja.events.registration.Sex;

/**
 * Nomor Induk Kependudukan: 16 digits {@code PPKKCC DDMMYY SSSS} — province, regency,
 * district, birth date (women: day + 40) and a serial from 0001. There is no check digit,
 * so validity is: a province that exists, a real date, a serial that is not 0000.
 * <p>
 * {@link #toString()} is masked; only {@link #value()} gives the digits.
 */
public record Nik(String value) {

    public Nik {
        Problem problem = check(value);
        if (problem != null) {
            throw new InvalidNik(problem);
        }
    }

    public enum Problem {
        NIK_FORMAT, NIK_PROVINCE, NIK_DATE, NIK_SERIAL
    }

    /** The first rule the text breaks, or null when it is a valid NIK. */
    public static Problem check(String text) {
        if (text == null || text.length() != 16 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Problem.NIK_FORMAT;
        }
        if (!Provinces.isProvince(text.substring(0, 2))) {
            return Problem.NIK_PROVINCE;
        }
        int day = Integer.parseInt(text.substring(6, 8));
        int month = Integer.parseInt(text.substring(8, 10));
        int yy = Integer.parseInt(text.substring(10, 12));
        if (day > 40) {
            day -= 40;
        }
        if (!isRealDate(day, month, yy)) {
            return Problem.NIK_DATE;
        }
        if (text.substring(12).equals("0000")) {
            return Problem.NIK_SERIAL;
        }
        return null;
    }

    /** A two-digit year may be 19yy or 20yy; the date is real if it exists in either century. */
    private static boolean isRealDate(int day, int month, int yy) {
        if (month < 1 || month > 12 || day < 1) {
            return false;
        }
        try {
            MonthDay monthDay = MonthDay.of(month, day);
            return monthDay.isValidYear(1900 + yy) || monthDay.isValidYear(2000 + yy);
        } catch (DateTimeException e) {
            return false;
        }
    }

    public String province() {
        return value.substring(0, 2);
    }

    /** Four-digit regency (kabupaten/kota) code. */
    public String regency() {
        return value.substring(0, 4);
    }

    public Sex sex() {
        return Integer.parseInt(value.substring(6, 8)) > 40 ? Sex.FEMALE : Sex.MALE;
    }

    public MonthDay birthMonthDay() {
        int day = Integer.parseInt(value.substring(6, 8));
        return MonthDay.of(Integer.parseInt(value.substring(8, 10)), day > 40 ? day - 40 : day);
    }

    public int birthYearTwoDigits() {
        return Integer.parseInt(value.substring(10, 12));
    }

    /** Whether the birth date and sex encoded here are the ones declared. */
    public boolean agreesWithBirthDate(LocalDate birthDate) {
        return MonthDay.from(birthDate).equals(birthMonthDay()) && birthDate.getYear() % 100 == birthYearTwoDigits();
    }

    public String masked() {
        return value.substring(0, 4) + "********" + value.substring(12);
    }

    @Override
    public String toString() {
        return masked();
    }

    public static final class InvalidNik extends IllegalArgumentException {
        private final Problem problem;

        InvalidNik(Problem problem) {
            super(problem.name());
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }
}
