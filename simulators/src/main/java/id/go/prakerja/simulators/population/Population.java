package id.go.prakerja.simulators.population;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The synthetic residents Dukcapil knows. Same seed, same people, in the same order, on every
 * machine: {@link Random} with a seed is specified to produce the same sequence everywhere, and
 * nothing here depends on the clock.
 *
 * <p>People live in households sharing one family card (KK) with 1 to 4 adult members, so the
 * "at most 2 participants per KK" rule has something to bite on.
 */
public final class Population {

    /**
     * Ages are 18 to 64 on this date, the day registration for Kartu Prakerja opened (11 April 2020).
     * Fixed rather than "today" so the population does not drift day by day; everyone is an adult
     * on any later date.
     */
    public static final LocalDate REFERENCE_DATE = LocalDate.of(2020, 4, 11);

    public static final int MAX_HOUSEHOLD_SIZE = 4;

    /** Prefixes of the big operators (Telkomsel, Indosat, XL, Tri, Smartfren), without the leading 0. */
    private static final String[] OPERATOR_PREFIXES = {
            "811", "812", "813", "821", "822", "823", "851", "852", "853",
            "814", "815", "816", "855", "856", "857", "858",
            "817", "818", "819", "859", "877", "878",
            "895", "896", "897", "898", "899", "881", "882", "883", "887", "888"};

    private final Random rnd;
    private final Set<String> phones = new HashSet<>();
    private final Map<String, Integer> nikSerials = new HashMap<>();
    private final Map<String, Integer> kkSerials = new HashMap<>();
    private final int totalWeight;

    private Population(long seed) {
        this.rnd = new Random(seed);
        this.totalWeight = Regions.PROVINCES_2020.stream().mapToInt(Regions.Province::weight).sum();
    }

    /** {@code size} residents for {@code seed}; identical for identical arguments. */
    public static List<Resident> generate(long seed, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0");
        }
        return new Population(seed).residents(size);
    }

    private List<Resident> residents(int size) {
        List<Resident> result = new ArrayList<>(size);
        while (result.size() < size) {
            Regions.Province province = pickProvince();
            Regions.Regency regency = province.regencies().get(rnd.nextInt(province.regencies().size()));
            String region6 = regency.code() + String.format("%02d", 1 + rnd.nextInt(20));
            String kkNumber = kkNumber(region6);
            String familyName = IndonesianNames.familyName(rnd, province.code());
            int members = Math.min(householdSize(), size - result.size());
            for (int m = 0; m < members; m++) {
                Sex sex = rnd.nextBoolean() ? Sex.MALE : Sex.FEMALE;
                LocalDate birthDate = birthDate();
                String nik = nik(region6, birthDate, sex);
                String name = IndonesianNames.fullName(rnd, sex, province.code(), familyName);
                // most people are registered where they were born; some moved
                String birthPlace = rnd.nextInt(100) < 80 ? regency.birthPlace() : anyBirthPlace();
                result.add(new Resident(nik, kkNumber, name, sex, birthPlace, birthDate, province.code(),
                        province.name(), regency.code(), regency.name(), phone()));
            }
        }
        return result;
    }

    private Regions.Province pickProvince() {
        int ticket = rnd.nextInt(totalWeight);
        for (Regions.Province p : Regions.PROVINCES_2020) {
            ticket -= p.weight();
            if (ticket < 0) {
                return p;
            }
        }
        throw new IllegalStateException("weights");
    }

    private int householdSize() {
        int r = rnd.nextInt(100);
        return r < 40 ? 1 : r < 70 ? 2 : r < 90 ? 3 : 4;
    }

    /** Uniform over birth dates giving an age of 18 to 64 on {@link #REFERENCE_DATE}. */
    private LocalDate birthDate() {
        long oldest = REFERENCE_DATE.minusYears(65).plusDays(1).toEpochDay();
        long youngest = REFERENCE_DATE.minusYears(18).toEpochDay();
        return LocalDate.ofEpochDay(oldest + (long) (rnd.nextDouble() * (youngest - oldest + 1)));
    }

    /** Serial numbers count up per region and date, as Dukcapil issues them, so they never collide. */
    private String nik(String region6, LocalDate birthDate, Sex sex) {
        String key = Nik.compose(region6, birthDate, sex, 1).substring(0, 12);
        int serial = nikSerials.merge(key, 1, Integer::sum);
        return Nik.compose(region6, birthDate, sex, serial);
    }

    /** A KK number has the NIK's shape with the card's issue date in place of a birth date. */
    private String kkNumber(String region6) {
        long first = LocalDate.of(2005, 1, 1).toEpochDay();
        long last = LocalDate.of(2019, 12, 31).toEpochDay();
        LocalDate issued = LocalDate.ofEpochDay(first + (long) (rnd.nextDouble() * (last - first + 1)));
        String key = region6 + Nik.ddmmyy(issued);
        int serial = kkSerials.merge(key, 1, Integer::sum);
        return key + String.format("%04d", serial);
    }

    private String anyBirthPlace() {
        Regions.Province p = pickProvince();
        return p.regencies().get(rnd.nextInt(p.regencies().size())).birthPlace();
    }

    private String phone() {
        while (true) {
            String prefix = OPERATOR_PREFIXES[rnd.nextInt(OPERATOR_PREFIXES.length)];
            int subscriberDigits = 7 + rnd.nextInt(2); // national numbers of 11 or 12 digits
            StringBuilder sb = new StringBuilder("+62").append(prefix);
            for (int i = 0; i < subscriberDigits; i++) {
                sb.append(rnd.nextInt(10));
            }
            String phone = sb.toString();
            if (phones.add(phone)) {
                return phone;
            }
        }
    }
}
