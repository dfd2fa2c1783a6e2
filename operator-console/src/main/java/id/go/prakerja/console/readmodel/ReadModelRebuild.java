package id.go.prakerja.console.readmodel;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import id.go.prakerja.support.lease.Leases;

/**
 * Rebuilds the read model from scratch by replaying every topic from its beginning. A request
 * moves the read model to a new generation; every replica then stops reading, one of them
 * (holding a lease) waits until the consumer group has no member left, deletes the group (so
 * its offsets are gone and reading restarts at the earliest event), empties the read model and
 * the consumers' inbox in one transaction, and marks the generation ready; every replica then
 * starts reading again. Until the replay catches up the numbers grow from zero, which the page
 * shows ("rebuilding").
 */
@Component
public class ReadModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);

    static final String GROUP = "operator-console";
    static final List<String> BINDINGS = List.of("registrationEvents-in-0", "verificationEvents-in-0", "cohortEvents-in-0",
            "trainingEvents-in-0", "incentiveEvents-in-0", "paymentEvents-in-0", "surveyEvents-in-0", "operationsEvents-in-0");
    private static final String LEASE = "operator-console.rebuild";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final BindingsLifecycleController bindings;
    private final KafkaAdmin kafkaAdmin;
    private final Leases leases;
    private final Clock clock;
    private volatile Integer generationRead;
    private volatile boolean stopped;

    public ReadModelRebuild(JdbcTemplate jdbc, TransactionTemplate transactions, BindingsLifecycleController bindings,
            KafkaAdmin kafkaAdmin, Leases leases, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.bindings = bindings;
        this.kafkaAdmin = kafkaAdmin;
        this.leases = leases;
        this.clock = clock;
    }

    public record State(int generation, boolean rebuilding, Instant requestedAt, String requestedBy, String reason,
            Instant rebuiltAt) {
    }

    /** Asks every replica to rebuild; answers the new generation. Asking again while one runs changes nothing. */
    public State request(String operator, String reason) {
        Instant now = clock.instant();
        int started = jdbc.update("""
                update read_model_state set generation = generation + 1, rebuilding = true, rebuild_requested_at = ?,
                    rebuild_requested_by = ?, rebuild_reason = ?
                where not rebuilding
                """, Timestamp.from(now), operator, reason);
        if (started == 1) {
            log.warn("operator {} asked for a rebuild of the read model: {}", operator, reason);
        }
        return state();
    }

    public State state() {
        return jdbc.queryForObject("""
                select generation, rebuilding, rebuild_requested_at, rebuild_requested_by, rebuild_reason, rebuilt_at
                from read_model_state""",
                (rs, row) -> new State(rs.getInt(1), rs.getBoolean(2), instant(rs.getTimestamp(3)), rs.getString(4),
                        rs.getString(5), instant(rs.getTimestamp(6))));
    }

    @Scheduled(fixedDelayString = "${prakerja.console.rebuild-check-interval:1s}", scheduler = "taskScheduler")
    public void follow() {
        State state = state();
        if (generationRead == null) {
            generationRead = state.rebuilding() ? state.generation() - 1 : state.generation();
        }
        if (state.generation() == generationRead) {
            return;
        }
        if (!stopped) {
            log.info("read model generation {} requested: this replica stops reading the topics", state.generation());
            BINDINGS.forEach(bindings::stop);
            stopped = true;
        }
        if (state.rebuilding()) {
            if (leases.tryAcquire(LEASE, Duration.ofMinutes(2))) {
                try {
                    rewindIfAllStopped(state.generation());
                } finally {
                    leases.release(LEASE);
                }
            }
            return;
        }
        log.info("read model generation {} ready: reading every topic again from the beginning", state.generation());
        BINDINGS.forEach(bindings::start);
        stopped = false;
        generationRead = state.generation();
    }

    private void rewindIfAllStopped(int generation) {
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            try {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).describedGroups().get(GROUP)
                        .get(10, TimeUnit.SECONDS);
                if (!group.members().isEmpty()) {
                    log.info("rebuild waits: {} consumer(s) of other replicas still read the topics", group.members().size());
                    return;
                }
                admin.deleteConsumerGroups(List.of(GROUP)).all().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GroupNotEmptyException) {
                    return;
                }
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw new IllegalStateException("cannot rewind consumer group " + GROUP, e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (TimeoutException e) {
            log.warn("rebuild waits: the broker did not answer in time");
            return;
        }
        transactions.executeWithoutResult(tx -> {
            jdbc.execute("truncate participant_progress, participant_event, disbursement, balance_movement, wave, topic_position,"
                    + " funnel_change, funnel_daily, settlement_run, grievance, integrity_signal_participant");
            jdbc.update("delete from inbox_message where consumer like 'operator-console.%'");
            jdbc.update("update read_model_state set rebuilding = false, rebuilt_at = ? where generation = ?",
                    Timestamp.from(clock.instant()), generation);
        });
        log.info("read model emptied and consumer group {} rewound for generation {}", GROUP, generation);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
