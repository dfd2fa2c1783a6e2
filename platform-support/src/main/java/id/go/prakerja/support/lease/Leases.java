package id.go.prakerja.support.lease;

import java.time.Duration;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Named leases in the service's database, for work that one replica at a time should do
 * (the outbox relay, housekeeping). A lease is taken if it is free or expired, renewed by its holder, and
 * lapses by itself when the holder dies. Times are the database's, so replicas' clocks
 * do not matter.
 */
public class Leases {

    private final JdbcTemplate jdbc;
    private final String holder;

    public Leases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.holder = "instance-" + UUID.randomUUID();
    }

    /** Takes or renews the lease for {@code duration}; false if another holder has it. */
    public boolean tryAcquire(String name, Duration duration) {
        return tryAcquire(name, holder, duration);
    }

    /** As {@link #tryAcquire(String, Duration)} for a named holder (tests play other replicas this way). */
    public boolean tryAcquire(String name, String holder, Duration duration) {
        Integer taken = jdbc.queryForObject("""
                with taken as (
                    insert into platform_lease (name, holder, held_until)
                    values (?, ?, now() + make_interval(secs => ?))
                    on conflict (name) do update set holder = excluded.holder, held_until = excluded.held_until
                    where platform_lease.holder = excluded.holder or platform_lease.held_until < now()
                    returning 1)
                select count(*)::int from taken
                """, Integer.class, name, holder, duration.toMillis() / 1000.0);
        return taken != null && taken == 1;
    }

    public void release(String name) {
        jdbc.update("delete from platform_lease where name = ? and holder = ?", name, holder);
    }
}
