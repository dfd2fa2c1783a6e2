package id.go.prakerja.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import id.go.prakerja.support.housekeeping.Housekeeping;
import id.go.prakerja.support.lease.Leases;
import id.go.prakerja.testsupport.PlatformIntegrationTest;

/** Old records go, in batches, on one replica at a time; nothing within retention is touched. */
@PlatformIntegrationTest
class HousekeepingTest {

    @Autowired
    Housekeeping housekeeping;
    @Autowired
    Leases leases;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void old_inbox_and_outbox_rows_are_purged_in_batches_by_the_replica_holding_the_lease() {
        String consumer = "housekeeping-" + UUID.randomUUID();
        jdbc.update("""
                insert into inbox_message (consumer, event_id, event_type, processed_at)
                select ?, gen_random_uuid(), 'SurveyCompleted', now() - interval '30 days' from generate_series(1, 2500)
                """, consumer);
        jdbc.update("""
                insert into inbox_message (consumer, event_id, event_type) select ?, gen_random_uuid(), 'SurveyCompleted'
                from generate_series(1, 3)
                """, consumer);
        String key = "housekeeping-" + UUID.randomUUID();
        jdbc.update("""
                insert into outbox_message (event_id, topic, message_key, event_type, payload, published_at)
                select gen_random_uuid(), 'prakerja.survey.v1', ?, 'SurveyCompleted', '\\x00', now() - interval '8 days'
                from generate_series(1, 1200)
                """, key);
        jdbc.update("""
                insert into outbox_message (event_id, topic, message_key, event_type, payload, published_at, available_at)
                values (gen_random_uuid(), 'prakerja.survey.v1', ?, 'SurveyCompleted', '\\x00', null, now() + interval '1 hour')
                """, key);

        // another replica is purging
        assertThat(leases.tryAcquire("platform-housekeeping", "replica-b", Duration.ofSeconds(2))).isTrue();
        assertThat(housekeeping.purge()).isEqualTo(-1);
        assertThat(inbox(consumer)).isEqualTo(2503);

        jdbc.update("update platform_lease set held_until = now() - interval '1 second' where name = 'platform-housekeeping'");
        assertThat(housekeeping.purge()).isGreaterThanOrEqualTo(2500 + 1200);

        assertThat(inbox(consumer)).as("the three within retention").isEqualTo(3);
        assertThat(jdbc.queryForObject("select count(*) from outbox_message where message_key = ?", Long.class, key))
                .as("only the unpublished row is left").isEqualTo(1);
        assertThat(leases.tryAcquire("platform-housekeeping", "replica-b", Duration.ofSeconds(1)))
                .as("the lease is released after the run").isTrue();
        jdbc.update("delete from outbox_message where message_key = ?", key);
    }

    private long inbox(String consumer) {
        Long n = jdbc.queryForObject("select count(*) from inbox_message where consumer = ?", Long.class, consumer);
        return n == null ? 0 : n;
    }
}
