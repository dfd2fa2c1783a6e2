package id.go.prakerja.registration.wave;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves waves along by the calendar with nobody pressing a button: opens those whose time
 * has come, closes those whose time is up, runs and announces their selection. One
 * instance at a time does this (advisory lock); every step is resumable.
 */
@Component
public class WaveClock {

    private static final Logger log = LoggerFactory.getLogger(WaveClock.class);
    private static final long LOCK = 0x77617665L; // "wave"

    private final WaveRepository waves;
    private final Waves operations;
    private final SelectionRun selection;
    private final java.util.concurrent.ExecutorService background =
            java.util.concurrent.Executors.newSingleThreadExecutor(Thread.ofPlatform().name("wave-clock-", 0).daemon(true).factory());
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public WaveClock(WaveRepository waves, Waves operations, SelectionRun selection, JdbcTemplate jdbc, Clock clock) {
        this.waves = waves;
        this.operations = operations;
        this.selection = selection;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Runs {@link #tick()} now in the background, e.g. right after an operator closed a wave. */
    public void tickSoon() {
        background.execute(this::tick);
    }

    @Scheduled(fixedDelayString = "${prakerja.waves.scheduler-interval:30s}", initialDelayString = "${prakerja.waves.scheduler-initial-delay:5s}")
    public void tick() {
        // a session-level lock belongs to one connection: take and release it on the same one,
        // held for the whole tick while the work itself uses other pooled connections
        jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Void>) connection -> {
            if (!advisoryLock(connection, "select pg_try_advisory_lock(?)")) {
                return null;
            }
            try {
                advance();
            } catch (RuntimeException e) {
                log.warn("wave clock: {}; will try again", e.toString());
            } finally {
                advisoryLock(connection, "select pg_advisory_unlock(?)");
            }
            return null;
        });
    }

    private static boolean advisoryLock(java.sql.Connection connection, String sql) throws java.sql.SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            statement.setLong(1, LOCK);
            try (var rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Everything that is due, in order; also used right after an operator closes a wave. */
    public synchronized void advance() {
        var now = clock.instant();
        for (Wave wave : waves.findByStatusAndOpensAtLessThanEqual(Wave.Status.SCHEDULED, now)) {
            operations.open(wave.number());
        }
        for (Wave wave : waves.findByStatusAndClosesAtLessThanEqual(Wave.Status.OPEN, now)) {
            operations.close(wave.number());
        }
        for (Wave wave : waves.findByStatus(Wave.Status.CLOSED)) {
            selection.decide(wave.number());
        }
        for (Wave wave : waves.findByStatus(Wave.Status.SELECTED)) {
            selection.announce(wave.number());
        }
    }
}
