package id.go.prakerja.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.support.deadletter.DeadLetter;
import id.go.prakerja.support.deadletter.DeadLetters;
import id.go.prakerja.testsupport.KafkaProbe;
import id.go.prakerja.testsupport.PlatformIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;

/** Nothing a consumer gives up on is lost, and every operator decision on it is taken once. */
@PlatformIntegrationTest
class DeadLetterTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Refused attempts to record one dead letter: more than any bounded retry gives it. */
    private static final int REFUSALS = 25;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    MeterRegistry meters;

    /**
     * What this catches: a recorder that gives up. One that stops after a bounded number of
     * attempts (Spring Kafka's default error handler delivers 10 times, the binder's retry 3,
     * the consumers' error handler {@code prakerja.consumers.max-attempts}, here 2) and then
     * logs and commits the offset has lost the letter: it never appears once the table takes
     * rows again. The recorder's schedule comes from {@code prakerja.dead-letters.*} (50 ms
     * doubling to 200 ms in the test configuration), so the outage is counted in the recorder's
     * own refused attempts, not in seconds: it lasts until the table refused this letter
     * {@value #REFUSALS} times, far past any such bound, in about five seconds.
     */
    @Test
    void a_dead_letter_waits_while_its_table_refuses_rows_and_is_recorded_once_after() {
        String marker = "outage-" + UUID.randomUUID();
        byte[] malformed = ("{not json " + marker).getBytes(StandardCharsets.UTF_8);
        // a sequence counts the refused attempts: nextval survives the rollback of the refused insert
        jdbc.execute("""
                create sequence dead_letter_refusals;
                create or replace function refuse_dead_letters() returns trigger language plpgsql as $$
                begin
                    if position(convert_to('%s', 'UTF8') in new.payload) > 0 then
                        perform nextval('dead_letter_refusals');
                    end if;
                    raise exception 'dead_letter is unavailable';
                end $$;
                create trigger refuse_dead_letters before insert on dead_letter
                for each row execute function refuse_dead_letters();
                """.formatted(marker));
        try {
            KafkaProbe.send(SupportTestApplication.EFFECTS_TOPIC, UUID.randomUUID().toString(), malformed);
            await().atMost(Duration.ofSeconds(20)).until(() -> refusals() >= REFUSALS);
            assertThat(letters(marker)).isZero();
        } finally {
            jdbc.execute("""
                    drop trigger refuse_dead_letters on dead_letter;
                    drop function refuse_dead_letters();
                    drop sequence dead_letter_refusals;
                    """);
        }
        await().atMost(WAIT).until(() -> letters(marker) == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> letters(marker) == 1);
    }

    @Test
    void a_handler_that_keeps_failing_gets_its_attempts_then_is_dead_lettered_with_its_own_error_and_replayed() {
        UUID participant = UUID.randomUUID();
        var event = TestEvents.event(participant);
        SupportTestApplication.FAILING.add(event.eventId());
        KafkaProbe.send(SupportTestApplication.EFFECTS_TOPIC, participant.toString(), TestEvents.bytes(event));
        await().atMost(WAIT).until(() -> letterOf(event.eventId()) != null);
        DeadLetter letter = letterOf(event.eventId());
        assertThat(letter.errorClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(letter.originalTopic()).isEqualTo(SupportTestApplication.EFFECTS_TOPIC);
        assertThat(SupportTestApplication.FAILED_DELIVERIES.get(event.eventId()))
                .as("prakerja.consumers.max-attempts in the test configuration").isEqualTo(2);

        SupportTestApplication.FAILING.remove(event.eventId());
        deadLetters.replay(letter.id(), "operator-test");

        assertThat(effects(event.eventId())).isEqualTo(1);
        assertThat(deadLetters.find(letter.id()).orElseThrow().status()).isEqualTo(DeadLetter.Status.REPLAYED);
    }

    @Test
    void of_a_replay_and_a_discard_at_once_one_wins_and_the_effect_matches_it() throws Exception {
        for (int round = 0; round < 5; round++) {
            var event = TestEvents.event(UUID.randomUUID());
            UUID letter = pendingLetter(jdbc, event);
            List<Callable<String>> decisions = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                decisions.add(() -> {
                    deadLetters.replay(letter, "operator-a");
                    return "REPLAYED";
                });
                decisions.add(() -> {
                    deadLetters.discard(letter, "operator-b", "duplicate of a paid request");
                    return "DISCARDED";
                });
            }
            List<String> won = new ArrayList<>();
            int refused = 0;
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (Future<String> decision : pool.invokeAll(decisions)) {
                    try {
                        won.add(decision.get());
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(DeadLetters.DeadLetterAlreadyResolved.class);
                        refused++;
                    }
                }
            }
            assertThat(won).hasSize(1);
            assertThat(refused).isEqualTo(19);
            DeadLetter.Status status = deadLetters.find(letter).orElseThrow().status();
            assertThat(status.name()).isEqualTo(won.getFirst());
            assertThat(effects(event.eventId())).isEqualTo(status == DeadLetter.Status.REPLAYED ? 1 : 0);
        }
    }

    @Test
    void a_failed_replay_leaves_the_letter_pending_and_changes_nothing() {
        var event = TestEvents.event(UUID.randomUUID());
        UUID letter = pendingLetter(jdbc, event);
        SupportTestApplication.FAILING.add(event.eventId());
        try {
            assertThatThrownBy(() -> deadLetters.replay(letter, "operator-test")).isInstanceOf(DeadLetters.ReplayFailed.class);
        } finally {
            SupportTestApplication.FAILING.remove(event.eventId());
        }
        assertThat(deadLetters.find(letter).orElseThrow().status()).isEqualTo(DeadLetter.Status.PENDING);
        assertThat(effects(event.eventId())).isZero();
        assertThat(jdbc.queryForObject("select count(*) from inbox_message where event_id = ?", Long.class, event.eventId()))
                .as("not remembered as processed").isZero();
    }

    @Test
    void an_event_of_a_type_this_version_does_not_know_is_counted_and_not_dead_lettered() {
        UUID participant = UUID.randomUUID();
        String json = new String(TestEvents.bytes(TestEvents.event(participant)), StandardCharsets.UTF_8)
                .replace("\"SurveyCompleted\"", "\"SurveyAbandoned\"");
        UUID eventId = EventJson.peek(json.getBytes(StandardCharsets.UTF_8)).eventId();
        double before = unknownCount("SurveyAbandoned");
        var after = TestEvents.event(participant);

        KafkaProbe.send(SupportTestApplication.EFFECTS_TOPIC, participant.toString(), json.getBytes(StandardCharsets.UTF_8));
        KafkaProbe.send(SupportTestApplication.EFFECTS_TOPIC, participant.toString(), TestEvents.bytes(after));

        await().atMost(WAIT).until(() -> effects(after.eventId()) == 1);
        assertThat(unknownCount("SurveyAbandoned")).isEqualTo(before + 1);
        assertThat(letterOf(eventId)).isNull();
    }

    /** A pending dead letter of the event, as the recorder would have stored it. */
    static UUID pendingLetter(JdbcTemplate jdbc, EventEnvelope<?> event) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into dead_letter (id, original_topic, original_partition, original_offset, message_key, event_id,
                    event_type, payload, error_class, error_message, status, recorded_at)
                values (?, ?, 0, ?, ?, ?, ?, ?, 'java.lang.IllegalStateException', 'test', 'PENDING', ?)
                """, id, SupportTestApplication.EFFECTS_TOPIC, -Math.abs(id.getMostSignificantBits()),
                event.participantId().toString(), event.eventId(), event.type(), TestEvents.bytes(event),
                Timestamp.from(Instant.now()));
        return id;
    }

    private double unknownCount(String type) {
        var counter = meters.find("prakerja.events.unknown").tag("type", type).counter();
        return counter == null ? 0 : counter.count();
    }

    private long refusals() {
        Long n = jdbc.queryForObject("select case when is_called then last_value else 0 end from dead_letter_refusals",
                Long.class);
        return n == null ? 0 : n;
    }

    private long letters(String marker) {
        Long n = jdbc.queryForObject("select count(*) from dead_letter where position(convert_to(?, 'UTF8') in payload) > 0",
                Long.class, marker);
        return n == null ? 0 : n;
    }

    private DeadLetter letterOf(UUID eventId) {
        return deadLetters.list(null, 1000).stream().filter(l -> eventId.equals(l.eventId())).findFirst().orElse(null);
    }

    private long effects(UUID eventId) {
        Long n = jdbc.queryForObject("select count(*) from support_test_effect where event_id = ?", Long.class, eventId);
        return n == null ? 0 : n;
    }
}
