package id.go.prakerja.events.cohort;

import id.go.prakerja.events.DomainEvent;

import java.time.Instant;
import java.util.Map;

/**
 * An operator opened a wave (gelombang); verified applicants may join it until {@code closesAt}.
 * The envelope's participantId is {@link CohortKeys#waveKey(int)}.
 *
 * @param quota           total number of participants the wave may select
 * @param quotaByProvince 2-digit BPS province code to that province's quota
 */
public record WaveOpened(int waveNumber, Instant opensAt, Instant closesAt, long quota, Map<String, Long> quotaByProvince)
        implements DomainEvent {

    public WaveOpened {
        WaveRules.checkWave(waveNumber, opensAt, closesAt, quota);
        quotaByProvince = WaveRules.checkQuotaByProvince(quotaByProvince);
    }
}
