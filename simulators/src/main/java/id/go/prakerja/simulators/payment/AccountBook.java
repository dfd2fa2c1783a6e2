package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.population.PhoneNumbers;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The accounts a partner holds, keyed as the partner looks them up: by account number (BNI) or by
 * national-format phone (e-wallets). It starts with the accounts seeded from the population and
 * returns to exactly those on a reset; the accounts added since are written to a {@link Journal}
 * when {@link #keepIn(Path)} named one, so that they outlive a restart as a real partner's do.
 *
 * <p>Thread-safe: every method holds the book's monitor, and a journal line is written before the
 * map changes, so a failed write changes nothing.
 */
final class AccountBook {

    private final PartnerProfile profile;
    private final List<PartnerAccount> seeded;
    private final Map<String, PartnerAccount> accounts = new LinkedHashMap<>();
    /** The accounts added after start, kept across restarts; null: memory only. */
    private Journal journal;

    AccountBook(PartnerProfile profile, List<PartnerAccount> seeded) {
        this.profile = profile;
        this.seeded = seeded;
        reset();
    }

    synchronized List<PartnerAccount> all() {
        return List.copyOf(accounts.values());
    }

    /** By account number (BNI) or phone in any Indonesian format (e-wallets). */
    synchronized Optional<PartnerAccount> find(String numberOrPhone) {
        String key = profile.isBank() ? numberOrPhone : PhoneNumbers.toNational(numberOrPhone).orElse(numberOrPhone);
        return Optional.ofNullable(accounts.get(key));
    }

    /** By the exact key a SNAP request named once checked; null when the partner holds no such account. */
    synchronized PartnerAccount get(String key) {
        return accounts.get(key);
    }

    synchronized List<PartnerAccount> of(String nik) {
        return accounts.values().stream().filter(a -> nik.equals(a.nik())).toList();
    }

    /** Adds or replaces an account, normalized to how this partner keys it. */
    synchronized PartnerAccount add(PartnerAccount account) {
        PartnerAccount normalized = normalize(account);
        if (journal != null) {
            journal.append(normalized);
        }
        accounts.put(normalized.key(), normalized);
        return normalized;
    }

    /**
     * Adds back the accounts {@code file} holds and keeps those added from now on there; the file
     * is compacted to one line per account.
     */
    synchronized void keepIn(Path file) {
        Map<String, PartnerAccount> kept = PartnerStateFiles.readAccounts(profile.party(), file);
        accounts.putAll(kept);
        if (journal != null) {
            journal.close();
        }
        journal = Journal.rewrite(file, List.copyOf(kept.values()));
    }

    /** Back to the seeded accounts only; the kept file is emptied. */
    synchronized void reset() {
        accounts.clear();
        if (journal != null) {
            journal.clear();
        }
        seeded.forEach(a -> accounts.put(a.key(), a));
    }

    synchronized void close() {
        if (journal != null) {
            journal.close();
            journal = null;
        }
    }

    private PartnerAccount normalize(PartnerAccount a) {
        if (a.ownerName() == null || a.ownerName().isBlank()) {
            throw new IllegalArgumentException("ownerName is required");
        }
        if (profile.isBank()) {
            if (a.accountNumber() == null || !SnapMessages.ACCOUNT_NUMBER.matcher(a.accountNumber()).matches()) {
                throw new IllegalArgumentException(profile.party() + " accounts need a 6-20 digit account number");
            }
            return new PartnerAccount(a.accountNumber(), null, a.ownerName(), a.nik(), a.kycUpgraded(), a.active());
        }
        String phone = PhoneNumbers.toNational(a.phone()).orElseThrow(
                () -> new IllegalArgumentException(profile.party() + " accounts need an Indonesian mobile number"));
        return new PartnerAccount(null, phone, a.ownerName(), a.nik(), a.kycUpgraded(), a.active());
    }
}
