package id.go.prakerja.simulators.population;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * The NIK's structure, {@code PPKKCC DDMMYY SSSS}: province, regency, district, birth date (women
 * add 40 to the day), serial from 0001. There is no check digit, so "valid" means: 16 digits, a
 * known province, a real date once the 40 is taken off, and a serial other than 0000.
 */
public final class Nik {

    private static final DateTimeFormatter DDMMYY = DateTimeFormatter.ofPattern("ddMMyy");

    private Nik() {
    }

    public static boolean isValid(String nik) {
        if (nik == null || !nik.matches("\\d{16}")) {
            return false;
        }
        if (!Regions.isProvinceCode(nik.substring(0, 2))) {
            return false;
        }
        if (nik.substring(12).equals("0000")) {
            return false;
        }
        return birthDateOrNull(nik) != null;
    }

    public static Sex sex(String nik) {
        return Integer.parseInt(nik.substring(6, 8)) > 40 ? Sex.FEMALE : Sex.MALE;
    }

    /**
     * The birth date encoded in a NIK. Two-digit years are read as the most recent past year, which
     * is right for anyone of working age.
     */
    public static LocalDate birthDate(String nik) {
        LocalDate date = birthDateOrNull(nik);
        if (date == null) {
            throw new IllegalArgumentException("NIK has no valid birth date: " + mask(nik));
        }
        return date;
    }

    /** Builds a NIK; {@code region6} is {@code PPKKCC}. */
    public static String compose(String region6, LocalDate birthDate, Sex sex, int serial) {
        if (!region6.matches("\\d{6}") || serial < 1 || serial > 9999) {
            throw new IllegalArgumentException("bad region or serial");
        }
        int day = birthDate.getDayOfMonth() + (sex == Sex.FEMALE ? 40 : 0);
        return region6 + String.format("%02d%02d%02d%04d",
                day, birthDate.getMonthValue(), birthDate.getYear() % 100, serial);
    }

    /** {@code 3174********0001}: how personal data appears in logs and answers. */
    public static String mask(String nik) {
        if (nik == null || nik.length() < 8) {
            return "****";
        }
        return nik.substring(0, 4) + "*".repeat(nik.length() - 8) + nik.substring(nik.length() - 4);
    }

    static String ddmmyy(LocalDate date) {
        return date.format(DDMMYY);
    }

    private static LocalDate birthDateOrNull(String nik) {
        if (nik == null || !nik.matches("\\d{16}")) {
            return null;
        }
        int day = Integer.parseInt(nik.substring(6, 8));
        int month = Integer.parseInt(nik.substring(8, 10));
        int yy = Integer.parseInt(nik.substring(10, 12));
        if (day > 40) {
            day -= 40;
        }
        int currentYy = LocalDate.now().getYear() % 100;
        int century = LocalDate.now().getYear() / 100 * 100;
        int year = yy <= currentYy ? century + yy : century - 100 + yy;
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
