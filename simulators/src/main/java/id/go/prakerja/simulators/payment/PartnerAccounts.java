package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.population.PhoneNumbers;
import id.go.prakerja.simulators.population.Resident;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Seeds each partner's accounts from the Dukcapil population, so that the same synthetic people
 * exist at the registry and at the partners (same seed, same accounts). Not everyone has an account
 * everywhere; e-wallets are often never upgraded, and then carry only a self-declared first name
 * and no NIK, which is exactly what makes payout-account verification fail in real life.
 */
final class PartnerAccounts {

    private PartnerAccounts() {
    }

    static List<PartnerAccount> seed(PartnerProfile profile, List<Resident> residents, long seed) {
        Random rnd = new Random(seed * 31 + profile.party().ordinal());
        int holdsPercent = switch (profile.party()) {
            case BNI -> 35;
            case LINKAJA -> 25;
            case OVO -> 40;
            case GOPAY -> 50;
            default -> 0;
        };
        Set<String> numbers = new HashSet<>();
        List<PartnerAccount> accounts = new ArrayList<>();
        for (Resident r : residents) {
            boolean holds = rnd.nextInt(100) < holdsPercent;
            // bank accounts cannot be opened without a KTP: always KYC'd
            boolean upgraded = profile.isBank() || rnd.nextInt(100) < 80;
            boolean active = rnd.nextInt(100) < 97;
            if (!holds) {
                continue;
            }
            if (profile.isBank()) {
                String number;
                do {
                    number = String.format("%010d", 100_000_000L + rnd.nextLong(9_900_000_000L));
                } while (!numbers.add(number));
                accounts.add(new PartnerAccount(number, null, r.fullName(), r.nik(), true, active));
            } else {
                String phone = PhoneNumbers.toNational(r.phone()).orElseThrow();
                String name = upgraded ? titleCase(r.fullName()) : titleCase(r.fullName().split(" ")[0]);
                accounts.add(new PartnerAccount(null, phone, name, upgraded ? r.nik() : null, upgraded, active));
            }
        }
        return accounts;
    }

    /** E-wallet users type their own names: "BUDI SANTOSO" becomes "Budi Santoso". */
    static String titleCase(String upper) {
        StringBuilder sb = new StringBuilder(upper.length());
        boolean start = true;
        for (char c : upper.toLowerCase(Locale.ROOT).toCharArray()) {
            sb.append(start ? Character.toUpperCase(c) : c);
            start = c == ' ';
        }
        return sb.toString();
    }
}
