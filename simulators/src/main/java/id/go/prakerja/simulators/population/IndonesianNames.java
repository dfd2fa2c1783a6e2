package id.go.prakerja.simulators.population;

import java.util.List;
import java.util.Random;

/**
 * Indonesian-sounding names with a little regional colour: Batak family names in North Sumatra,
 * Balinese birth-order names in Bali, single Javanese names elsewhere now and then.
 */
final class IndonesianNames {

    private static final List<String> MALE = List.of(
            "AGUS", "BUDI", "EKO", "DEDI", "HENDRA", "JOKO", "RUDI", "ANDI", "BAMBANG", "SLAMET", "AHMAD",
            "MUHAMMAD", "RIZKY", "FAJAR", "DIMAS", "ARIF", "YUSUF", "HADI", "WAHYU", "TEGUH", "IRFAN", "BAYU",
            "ADITYA", "GILANG", "HERU", "IMAM", "KURNIA", "LUTFI", "NANDA", "RAHMAT", "SUTRISNO", "YOGA",
            "ILHAM", "FIRMAN", "DONI", "ROBBY", "SAIFUL", "TAUFIK", "ZAINAL", "ARDI");

    private static final List<String> FEMALE = List.of(
            "SITI", "SRI", "DEWI", "RATNA", "NUR", "WULAN", "INDAH", "PUTRI", "AYU", "RINA", "LESTARI", "FITRI",
            "DIAN", "MAYA", "NURUL", "KARTIKA", "YULIANA", "INTAN", "ANI", "ANISA", "DINDA", "EKA", "FARIDA",
            "HANA", "IKA", "LINDA", "MEGA", "NOVI", "RAHMA", "SARI", "TITIN", "UMI", "YANTI", "ZAHRA", "AISYAH",
            "RETNO", "ENDAH", "ERNA", "NINGSIH", "WATI");

    private static final List<String> MALE_SECOND = List.of(
            "SANTOSO", "PRATAMA", "WIJAYA", "SAPUTRA", "KURNIAWAN", "SETIAWAN", "HIDAYAT", "NUGROHO", "SUSANTO",
            "PRASETYO", "FIRMANSYAH", "RAMADHAN", "HAKIM", "SYAHPUTRA", "GUNAWAN", "SUGIARTO", "HARYANTO",
            "PURNOMO", "WIBOWO", "SETIADI");

    private static final List<String> FEMALE_SECOND = List.of(
            "RAHMAWATI", "HANDAYANI", "WULANDARI", "LESTARI", "PERMATASARI", "PUSPITASARI", "KUSUMAWATI",
            "NURHAYATI", "SURYANI", "ANGGRAINI", "SAFITRI", "MAULIDA", "FEBRIANTI", "OKTAVIANI", "YULIANTI",
            "SUSANTI", "PRATIWI", "RAHAYU", "UTAMI", "PURNAMASARI");

    private static final List<String> BATAK = List.of(
            "LUBIS", "NASUTION", "SIREGAR", "HARAHAP", "SIMANJUNTAK", "SITOMPUL", "PANGARIBUAN", "TAMBUNAN",
            "SINAGA", "HUTAPEA", "SIMATUPANG", "PANJAITAN");

    private static final List<String> BALI_MALE_PREFIX = List.of("I WAYAN", "I MADE", "I NYOMAN", "I KETUT", "I PUTU", "I GEDE");
    private static final List<String> BALI_FEMALE_PREFIX = List.of("NI WAYAN", "NI MADE", "NI NYOMAN", "NI KETUT", "NI PUTU", "NI LUH");

    private IndonesianNames() {
    }

    /** A family name shared by a household, or null where families do not share one. */
    static String familyName(Random rnd, String provinceCode) {
        return "12".equals(provinceCode) && rnd.nextInt(100) < 70 ? pick(rnd, BATAK) : null;
    }

    static String fullName(Random rnd, Sex sex, String provinceCode, String familyName) {
        boolean male = sex == Sex.MALE;
        String given = pick(rnd, male ? MALE : FEMALE);
        if ("51".equals(provinceCode)) {
            return pick(rnd, male ? BALI_MALE_PREFIX : BALI_FEMALE_PREFIX) + " " + given;
        }
        if (familyName != null) {
            return given + " " + familyName;
        }
        int shape = rnd.nextInt(100);
        if (shape < 15) {
            return given; // many Javanese have a single name
        }
        String second = pick(rnd, male ? MALE_SECOND : FEMALE_SECOND);
        if (shape < 85 || given.equals(second)) {
            return given + " " + second;
        }
        return given + " " + pick(rnd, male ? MALE : FEMALE) + " " + second;
    }

    private static String pick(Random rnd, List<String> list) {
        return list.get(rnd.nextInt(list.size()));
    }
}
