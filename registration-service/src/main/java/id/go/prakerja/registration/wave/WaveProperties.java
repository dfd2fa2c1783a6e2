package id.go.prakerja.registration.wave;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param trainingBalance rupiah credited to each selected participant (2020: Rp1,000,000)
 * @param firstPurchaseWithin time a selected participant has to buy a first training (2020: 30 days)
 * @param announceBatchSize selection results announced per transaction
 */
@ConfigurationProperties("prakerja.waves")
public record WaveProperties(@DefaultValue("1000000") long trainingBalance,
        @DefaultValue("30d") Duration firstPurchaseWithin,
        @DefaultValue("5000") int announceBatchSize,
        @DefaultValue("30s") Duration schedulerInterval) {
}
