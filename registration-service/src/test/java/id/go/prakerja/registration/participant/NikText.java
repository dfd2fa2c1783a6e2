package id.go.prakerja.registration.participant;

import java.time.LocalDate;

import id.go.prakerja.events.registration.Sex;

/** Builds NIK digits for tests: province + "0501" + DDMMYY (women +40) + serial. */
final class NikText {

    private NikText() {
    }

    static String of(String province, LocalDate birthDate, Sex sex, int serial) {
        int day = birthDate.getDayOfMonth() + (sex == Sex.FEMALE ? 40 : 0);
        return province + "0501" + "%02d%02d%02d%04d".formatted(day, birthDate.getMonthValue(), birthDate.getYear() % 100, serial);
    }
}
