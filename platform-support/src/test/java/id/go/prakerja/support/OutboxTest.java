package id.go.prakerja.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.Topics;
import id.go.prakerja.events.survey.SurveyCompleted;
import id.go.prakerja.support.outbox.Outbox;
import id.go.prakerja.testsupport.KafkaProbe;
import id.go.prakerja.testsupport.PlatformIntegrationTest;

/** An event exists on Kafka if and only if the transaction that wrote it committed. */
@PlatformIntegrationTest
class OutboxTest {

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_committed_event_reaches_kafka_keyed_by_participant_and_is_marked_published() {
        try (KafkaProbe probe = KafkaProbe.listen(Topics.SURVEY)) {
            UUID participant = UUID.randomUUID();
            var event = EventEnvelope.of(new SurveyCompleted(1, Instant.now()), participant, UUID.randomUUID(), null, Instant.now());
            transactions.executeWithoutResult(tx -> outbox.publish(event));

            await().atMost(Duration.ofSeconds(30)).until(() -> probe.records().stream().anyMatch(r -> participant.toString().equals(r.key())));
            var record = probe.records().stream().filter(r -> participant.toString().equals(r.key())).findFirst().orElseThrow();
            assertThat(EventJson.read(record.value()).orElseThrow().eventId()).isEqualTo(event.eventId());
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                    "select published_at is not null from outbox_message where event_id = ?", Boolean.class, event.eventId()));
        }
    }

    @Test
    void a_rolled_back_transaction_leaves_no_event() {
        UUID participant = UUID.randomUUID();
        var event = EventEnvelope.of(new SurveyCompleted(2, Instant.now()), participant, UUID.randomUUID(), null, Instant.now());
        transactions.executeWithoutResult(tx -> {
            outbox.publish(event);
            tx.setRollbackOnly();
        });
        assertThat(jdbc.queryForObject("select count(*) from outbox_message where event_id = ?", Long.class, event.eventId())).isZero();
    }

    @Test
    void publishing_outside_a_transaction_is_refused() {
        var event = EventEnvelope.of(new SurveyCompleted(3, Instant.now()), UUID.randomUUID(), UUID.randomUUID(), null, Instant.now());
        assertThatThrownBy(() -> outbox.publish(event)).isInstanceOf(IllegalStateException.class);
    }
}
