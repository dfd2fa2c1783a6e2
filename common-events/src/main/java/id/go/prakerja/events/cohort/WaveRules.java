package id.go.prakerja.events.cohort;

import id.go.prakerja.events.Require;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The invariants WaveOpened and WaveClosed share. */
final class WaveRules {

    private WaveRules() {
    }

    static void checkWave(int waveNumber, Instant opensAt, Instant closesAt, long quota) {
        Require.that(waveNumber >= 1, "waveNumber must be >= 1, was " + waveNumber);
        Require.notNull(opensAt, "opensAt");
        Require.notNull(closesAt, "closesAt");
        Require.that(opensAt.isBefore(closesAt), "opensAt must be before closesAt");
        Require.positive(quota, "quota");
    }

    /** Sorted copy, so the same quotas always serialize the same way. */
    static Map<String, Long> checkQuotaByProvince(Map<String, Long> quotaByProvince) {
        Require.notNull(quotaByProvince, "quotaByProvince");
        quotaByProvince.forEach((province, provinceQuota) -> {
            Require.digits(province, 2, "quotaByProvince key");
            Require.notNull(provinceQuota, "quota of province " + province);
            Require.that(provinceQuota >= 0, "quota of province " + province + " must be >= 0");
        });
        return Collections.unmodifiableMap(new TreeMap<>(quotaByProvince));
    }
}
