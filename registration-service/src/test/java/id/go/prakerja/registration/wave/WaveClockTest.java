package id.go.prakerja.registration.wave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import id.go.prakerja.registration.RegistrationServiceTest;

/** Waves move with the calendar, tick after tick, with nobody pressing a button. */
class WaveClockTest extends RegistrationServiceTest {

    @Autowired
    Waves waves;
    @Autowired
    WaveClock clock;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_wave_opens_and_closes_at_its_times_and_the_clock_keeps_working_tick_after_tick() {
        int number = WaveNumbers.next();
        Instant now = Instant.now();
        waves.create(new Waves.NewWave(number, now.minusSeconds(1), now.plusSeconds(3), 10, Map.of("31", 10L), List.of(), 1L));

        clock.tick();
        assertThat(waves.find(number).status()).isEqualTo(Wave.Status.OPEN);
        for (int i = 0; i < 5; i++) {
            clock.tick(); // the lock is released every time, whichever pooled connection is used next
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
            clock.tick();
            return waves.find(number).status() == Wave.Status.SELECTED;
        });
        assertThat(jdbc.queryForObject("select count(*) from pg_locks where locktype = 'advisory' and objid = ?", Long.class,
                0x77617665L)).as("no advisory lock left behind").isZero();
    }
}
