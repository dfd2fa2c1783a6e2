package id.go.prakerja.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import id.go.prakerja.support.deadletter.DeadLetters;
import id.go.prakerja.support.inbox.EventConsumers;
import id.go.prakerja.testsupport.KafkaProbe;
import id.go.prakerja.testsupport.PlatformIntegrationTest;

/**
 * The inbox, not the handler, keeps a duplicate from acting twice: the test service's
 * handler adds a row every time it runs.
 */
@PlatformIntegrationTest
class InboxTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventConsumers consumers;
    @Autowired
    DeadLetters deadLetters;

    @Test
    void the_same_event_delivered_twice_applies_its_effect_once() {
        UUID participant = UUID.randomUUID();
        var event = TestEvents.event(participant);
        var after = TestEvents.event(participant);
        KafkaProbe.send(SupportTestApplication.EFFECTS_TOPIC, participant.toString(), TestEvents.bytes(event));
        KafkaProbe.send(SupportTestApplication.EFFECTS_TOPIC, participant.toString(), TestEvents.bytes(event));
        // same key, same partition: once the later event is applied, both copies were handled
        KafkaProbe.send(SupportTestApplication.EFFECTS_TOPIC, participant.toString(), TestEvents.bytes(after));

        await().atMost(WAIT).until(() -> effects(after.eventId()) == 1);
        assertThat(effects(event.eventId())).isEqualTo(1);
    }

    @Test
    void replaying_a_dead_letter_of_an_event_already_processed_changes_nothing() {
        UUID participant = UUID.randomUUID();
        var event = TestEvents.event(participant);
        KafkaProbe.send(SupportTestApplication.EFFECTS_TOPIC, participant.toString(), TestEvents.bytes(event));
        await().atMost(WAIT).until(() -> effects(event.eventId()) == 1);
        UUID letter = DeadLetterTest.pendingLetter(jdbc, event);

        var outcome = deadLetters.replay(letter, "operator-test");

        assertThat(outcome).isEqualTo(EventConsumers.Outcome.DUPLICATE_SKIPPED);
        assertThat(effects(event.eventId())).isEqualTo(1);
    }

    @Test
    void twenty_replays_of_one_event_at_once_apply_it_once() throws Exception {
        var event = TestEvents.event(UUID.randomUUID());
        byte[] bytes = TestEvents.bytes(event);
        List<Future<EventConsumers.Outcome>> runs = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                runs.add(pool.submit(() -> consumers.replay(SupportTestApplication.EFFECTS_TOPIC, bytes)));
            }
        }
        long processed = 0;
        for (var run : runs) {
            processed += run.get() == EventConsumers.Outcome.PROCESSED ? 1 : 0;
        }
        assertThat(processed).isEqualTo(1);
        assertThat(effects(event.eventId())).isEqualTo(1);
    }

    @Test
    void with_several_consumer_threads_every_event_applies_once_and_in_order_per_participant() {
        List<UUID> participants = new ArrayList<>();
        List<List<UUID>> sent = new ArrayList<>();
        for (int p = 0; p < 12; p++) {
            UUID participant = UUID.randomUUID();
            participants.add(participant);
            sent.add(new ArrayList<>());
        }
        for (int round = 0; round < 10; round++) {
            for (int p = 0; p < participants.size(); p++) {
                var event = TestEvents.event(participants.get(p));
                sent.get(p).add(event.eventId());
                KafkaProbe.send(SupportTestApplication.EFFECTS_TOPIC, participants.get(p).toString(), TestEvents.bytes(event));
            }
        }
        await().atMost(WAIT).until(() -> participants.stream().mapToLong(this::effectsOf).sum() == 120);
        for (int p = 0; p < participants.size(); p++) {
            assertThat(jdbc.queryForList("select event_id from support_test_effect where message_key = ? order by id",
                    UUID.class, participants.get(p).toString())).isEqualTo(sent.get(p));
        }
        assertThat(jdbc.queryForObject("select count(distinct handled_by) from support_test_effect where message_key = any(?)",
                Long.class, (Object) participants.stream().map(UUID::toString).toArray(String[]::new)))
                .as("consumer threads that took part").isGreaterThan(1);
    }

    private long effects(UUID eventId) {
        Long n = jdbc.queryForObject("select count(*) from support_test_effect where event_id = ?", Long.class, eventId);
        return n == null ? 0 : n;
    }

    private long effectsOf(UUID participant) {
        Long n = jdbc.queryForObject("select count(*) from support_test_effect where message_key = ?", Long.class,
                participant.toString());
        return n == null ? 0 : n;
    }
}
