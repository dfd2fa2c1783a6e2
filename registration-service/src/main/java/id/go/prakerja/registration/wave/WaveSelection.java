package id.go.prakerja.registration.wave;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The selection rule of a wave, in plain Java: within each province, applicants are ordered
 * by priority, then by a random order seeded per wave (MD5 of seed and participant id, so the
 * same inputs always give the same order); the first {@code quota(province)} of each
 * province qualify; of those, in the same order across provinces, the first
 * {@code totalQuota} are selected. {@link SelectionRun} does the same in one SQL statement
 * for a million applicants; tests hold the two to the same answer.
 */
public final class WaveSelection {

    private WaveSelection() {
    }

    public record Applicant(UUID participantId, String province, int priority) {
    }

    public static Set<UUID> select(List<Applicant> applicants, Map<String, Long> quotaByProvince, long totalQuota, long seed) {
        Comparator<Applicant> order = Comparator.comparingInt(Applicant::priority)
                .thenComparing(a -> tieBreak(seed, a.participantId()));
        Map<String, List<Applicant>> byProvince = new HashMap<>();
        for (Applicant applicant : applicants) {
            byProvince.computeIfAbsent(applicant.province(), p -> new ArrayList<>()).add(applicant);
        }
        List<Applicant> qualified = new ArrayList<>();
        byProvince.forEach((province, list) -> {
            long quota = quotaByProvince.getOrDefault(province, 0L);
            list.stream().sorted(order).limit(quota).forEach(qualified::add);
        });
        Set<UUID> selected = new LinkedHashSet<>();
        qualified.stream().sorted(order).limit(totalQuota).forEach(a -> selected.add(a.participantId()));
        return selected;
    }

    /** Lower-case hex MD5 of {@code seed + ":" + participantId}; PostgreSQL's md5() gives the same text. */
    public static String tieBreak(long seed, UUID participantId) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest((seed + ":" + participantId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * 16-digit card number: "5", the wave number in 3 digits, the applicant's place in the
     * wave's selection order in 12 digits. Unique across waves up to wave 999.
     */
    public static String cardNumber(int waveNumber, long position) {
        if (waveNumber < 1 || waveNumber > 999 || position < 1) {
            throw new IllegalArgumentException("wave 1-999 and position >= 1");
        }
        return "5" + "%03d".formatted(waveNumber) + "%012d".formatted(position);
    }
}
