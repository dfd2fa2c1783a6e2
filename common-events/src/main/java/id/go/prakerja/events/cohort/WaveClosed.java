package id.go.prakerja.events.cohort;

import id.go.prakerja.events.DomainEvent;

import java.time.Instant;
import java.util.Map;

/**
 * A wave closed; selection runs on it next, automatically.
 * The envelope's participantId is {@link CohortKeys#waveKey(int)}.
 *
 * @param quota           total number of participants the wave may select
 * @param quotaByProvince 2-digit BPS province code to that province's quota
 */
public record WaveClosed(int waveNumber, Instant opensAt, Instant closesAt, long quota, Map<String, Long> quotaByProvince)
        implements DomainEvent {

    public WaveClosed {
        WaveRules.checkWave(waveNumber, opensAt, closesAt, quota);
        quotaByProvince = WaveRules.checkQuotaByProvince(quotaByProvince);
    }
}
