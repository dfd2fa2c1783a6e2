package id.go.prakerja.registration.participant;

import java.util.Set;

/** Two-digit province codes that begin an Indonesian NIK or KK number (BPS/Kemendagri), including the 2022 Papua provinces. */
public final class Provinces {

    public static final Set<String> CODES = Set.of(
            "11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
            "31", "32", "33", "34", "35", "36",
            "51", "52", "53",
            "61", "62", "63", "64", "65",
            "71", "72", "73", "74", "75", "76",
            "81", "82",
            "91", "92", "93", "94", "95", "96");

    private Provinces() {
    }

    public static boolean isProvince(String code) {
        return CODES.contains(code);
    }
}
