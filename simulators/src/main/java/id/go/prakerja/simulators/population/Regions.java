package id.go.prakerja.simulators.population;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Indonesia's provinces with the Kemendagri codes used in NIKs, a few regencies/cities each, and a
 * weight roughly proportional to population (so Java dominates, as it does in the programme's data).
 */
public final class Regions {

    /** A regency or city; {@code birthPlace} is how a KTP names someone born there. */
    public record Regency(String code, String name, String birthPlace) {
    }

    public record Province(String code, String name, int weight, List<Regency> regencies) {
    }

    /** The 34 provinces of 2020 (the programme's year), the ones the generator draws from. */
    public static final List<Province> PROVINCES_2020 = List.of(
            p("11", "ACEH", 53, r("1171", "KOTA BANDA ACEH", "BANDA ACEH"), r("1172", "KOTA SABANG", "SABANG")),
            p("12", "SUMATERA UTARA", 148, r("1271", "KOTA MEDAN", "MEDAN"), r("1272", "KOTA PEMATANGSIANTAR", "PEMATANGSIANTAR")),
            p("13", "SUMATERA BARAT", 55, r("1371", "KOTA PADANG", "PADANG"), r("1375", "KOTA BUKITTINGGI", "BUKITTINGGI")),
            p("14", "RIAU", 64, r("1471", "KOTA PEKANBARU", "PEKANBARU"), r("1473", "KOTA DUMAI", "DUMAI")),
            p("15", "JAMBI", 35, r("1571", "KOTA JAMBI", "JAMBI")),
            p("16", "SUMATERA SELATAN", 85, r("1671", "KOTA PALEMBANG", "PALEMBANG")),
            p("17", "BENGKULU", 20, r("1771", "KOTA BENGKULU", "BENGKULU")),
            p("18", "LAMPUNG", 90, r("1871", "KOTA BANDAR LAMPUNG", "BANDAR LAMPUNG"), r("1872", "KOTA METRO", "METRO")),
            p("19", "KEPULAUAN BANGKA BELITUNG", 15, r("1971", "KOTA PANGKALPINANG", "PANGKALPINANG")),
            p("21", "KEPULAUAN RIAU", 21, r("2171", "KOTA BATAM", "BATAM"), r("2172", "KOTA TANJUNGPINANG", "TANJUNGPINANG")),
            p("31", "DKI JAKARTA", 106, r("3171", "KOTA JAKARTA SELATAN", "JAKARTA"), r("3172", "KOTA JAKARTA TIMUR", "JAKARTA"),
                    r("3173", "KOTA JAKARTA PUSAT", "JAKARTA"), r("3174", "KOTA JAKARTA BARAT", "JAKARTA"),
                    r("3175", "KOTA JAKARTA UTARA", "JAKARTA")),
            p("32", "JAWA BARAT", 483, r("3201", "KABUPATEN BOGOR", "BOGOR"), r("3204", "KABUPATEN BANDUNG", "BANDUNG"),
                    r("3271", "KOTA BOGOR", "BOGOR"), r("3273", "KOTA BANDUNG", "BANDUNG"), r("3274", "KOTA CIREBON", "CIREBON"),
                    r("3275", "KOTA BEKASI", "BEKASI"), r("3276", "KOTA DEPOK", "DEPOK")),
            p("33", "JAWA TENGAH", 365, r("3302", "KABUPATEN BANYUMAS", "BANYUMAS"), r("3371", "KOTA MAGELANG", "MAGELANG"),
                    r("3372", "KOTA SURAKARTA", "SURAKARTA"), r("3374", "KOTA SEMARANG", "SEMARANG")),
            p("34", "DI YOGYAKARTA", 37, r("3402", "KABUPATEN BANTUL", "BANTUL"), r("3404", "KABUPATEN SLEMAN", "SLEMAN"),
                    r("3471", "KOTA YOGYAKARTA", "YOGYAKARTA")),
            p("35", "JAWA TIMUR", 407, r("3509", "KABUPATEN JEMBER", "JEMBER"), r("3571", "KOTA KEDIRI", "KEDIRI"),
                    r("3573", "KOTA MALANG", "MALANG"), r("3578", "KOTA SURABAYA", "SURABAYA")),
            p("36", "BANTEN", 119, r("3671", "KOTA TANGERANG", "TANGERANG"), r("3672", "KOTA CILEGON", "CILEGON"),
                    r("3673", "KOTA SERANG", "SERANG"), r("3674", "KOTA TANGERANG SELATAN", "TANGERANG")),
            p("51", "BALI", 43, r("5103", "KABUPATEN BADUNG", "BADUNG"), r("5171", "KOTA DENPASAR", "DENPASAR")),
            p("52", "NUSA TENGGARA BARAT", 53, r("5271", "KOTA MATARAM", "MATARAM"), r("5272", "KOTA BIMA", "BIMA")),
            p("53", "NUSA TENGGARA TIMUR", 53, r("5371", "KOTA KUPANG", "KUPANG")),
            p("61", "KALIMANTAN BARAT", 54, r("6171", "KOTA PONTIANAK", "PONTIANAK"), r("6172", "KOTA SINGKAWANG", "SINGKAWANG")),
            p("62", "KALIMANTAN TENGAH", 27, r("6271", "KOTA PALANGKA RAYA", "PALANGKA RAYA")),
            p("63", "KALIMANTAN SELATAN", 41, r("6371", "KOTA BANJARMASIN", "BANJARMASIN"), r("6372", "KOTA BANJARBARU", "BANJARBARU")),
            p("64", "KALIMANTAN TIMUR", 38, r("6471", "KOTA BALIKPAPAN", "BALIKPAPAN"), r("6472", "KOTA SAMARINDA", "SAMARINDA")),
            p("65", "KALIMANTAN UTARA", 7, r("6571", "KOTA TARAKAN", "TARAKAN")),
            p("71", "SULAWESI UTARA", 26, r("7171", "KOTA MANADO", "MANADO"), r("7172", "KOTA BITUNG", "BITUNG")),
            p("72", "SULAWESI TENGAH", 30, r("7271", "KOTA PALU", "PALU")),
            p("73", "SULAWESI SELATAN", 91, r("7371", "KOTA MAKASSAR", "MAKASSAR"), r("7372", "KOTA PAREPARE", "PAREPARE")),
            p("74", "SULAWESI TENGGARA", 26, r("7471", "KOTA KENDARI", "KENDARI")),
            p("75", "GORONTALO", 12, r("7571", "KOTA GORONTALO", "GORONTALO")),
            p("76", "SULAWESI BARAT", 14, r("7602", "KABUPATEN MAMUJU", "MAMUJU")),
            p("81", "MALUKU", 18, r("8171", "KOTA AMBON", "AMBON")),
            p("82", "MALUKU UTARA", 13, r("8271", "KOTA TERNATE", "TERNATE")),
            p("91", "PAPUA", 43, r("9171", "KOTA JAYAPURA", "JAYAPURA")),
            p("92", "PAPUA BARAT", 11, r("9271", "KOTA SORONG", "SORONG")));

    /** Provinces created in 2022; their codes are valid in a NIK but the 2020 generator never uses them. */
    private static final Map<String, String> PROVINCES_SINCE_2022 = Map.of(
            "93", "PAPUA SELATAN", "94", "PAPUA TENGAH", "95", "PAPUA PEGUNUNGAN", "96", "PAPUA BARAT DAYA");

    private static final Map<String, Province> BY_CODE = PROVINCES_2020.stream()
            .collect(Collectors.toUnmodifiableMap(Province::code, Function.identity()));

    /** Every province code a valid NIK may start with. */
    public static final Set<String> PROVINCE_CODES = java.util.stream.Stream.concat(
                    BY_CODE.keySet().stream(), PROVINCES_SINCE_2022.keySet().stream())
            .collect(Collectors.toUnmodifiableSet());

    private Regions() {
    }

    public static boolean isProvinceCode(String code) {
        return PROVINCE_CODES.contains(code);
    }

    /** Province name for a code, or null when unknown. */
    public static String provinceName(String code) {
        Province p = BY_CODE.get(code);
        return p != null ? p.name() : PROVINCES_SINCE_2022.get(code);
    }

    /** The listed regency with this 4-digit code, or null. */
    public static Regency regency(String code) {
        Province p = BY_CODE.get(code.substring(0, 2));
        if (p == null) {
            return null;
        }
        return p.regencies().stream().filter(r -> r.code().equals(code)).findFirst().orElse(null);
    }

    private static Province p(String code, String name, int weight, Regency... regencies) {
        return new Province(code, name, weight, List.of(regencies));
    }

    private static Regency r(String code, String name, String birthPlace) {
        return new Regency(code, name, birthPlace);
    }
}
