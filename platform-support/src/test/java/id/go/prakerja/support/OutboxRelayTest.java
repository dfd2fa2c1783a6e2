package id.go.prakerja.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.Topics;
import id.go.prakerja.support.lease.Leases;
import id.go.prakerja.support.outbox.Outbox;
import id.go.prakerja.support.outbox.OutboxRelay;
import id.go.prakerja.support.outbox.ParkedEvents;
import id.go.prakerja.testsupport.KafkaProbe;
import id.go.prakerja.testsupport.PlatformIntegrationTest;
import id.go.prakerja.testsupport.TestInfrastructure;

/**
 * The relay against the real broker and database, with the service's own relay stopped so
 * each test drives relays it built: a broker that is away, a send that fails for one row,
 * a record the broker will never take, two relays at once.
 */
@PlatformIntegrationTest
class OutboxRelayTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final OutboxRelay.Settings SETTINGS = new OutboxRelay.Settings(Duration.ofMillis(200), 500,
            Duration.ofSeconds(10), Duration.ofSeconds(30), 10);

    @Autowired
    OutboxRelay serviceRelay;
    @Autowired
    Outbox outbox;
    @Autowired
    ParkedEvents parked;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KafkaTemplate<String, byte[]> outboxKafkaTemplate;
    private final List<OutboxRelay> built = new ArrayList<>();

    @BeforeEach
    void stopTheServiceRelay() {
        serviceRelay.stop();
    }

    @AfterEach
    void startTheServiceRelay() {
        built.forEach(OutboxRelay::releaseLease);
        serviceRelay.start();
    }

    @Test
    void a_record_the_broker_can_never_take_is_parked_and_the_next_event_of_its_key_flows() {
        try (KafkaProbe probe = KafkaProbe.listen(Topics.SURVEY)) {
            UUID participant = UUID.randomUUID();
            UUID big = UUID.randomUUID();
            byte[] twoMegabytes = new byte[2 * 1024 * 1024];
            var normal = TestEvents.event(participant);
            transactions.executeWithoutResult(tx -> {
                outbox.publishRaw(Topics.SURVEY, participant.toString(), big, "SurveyCompleted", twoMegabytes);
                outbox.publish(normal);
            });
            OutboxRelay relay = relay(outboxKafkaTemplate);

            drain(relay);
            drain(relay);

            await().atMost(WAIT).until(() -> received(probe, participant).contains(normal.eventId()));
            assertThat(received(probe, participant)).containsExactly(normal.eventId());
            assertThat(published(normal.eventId())).isTrue();
            var parkedEvent = parked.list(1000).stream().filter(p -> p.eventId().equals(big)).findFirst().orElseThrow();
            assertThat(parkedEvent.error()).contains("RecordTooLarge");
            assertThat(parkedEvent.sizeBytes()).isEqualTo(twoMegabytes.length);
            assertThat(published(big)).isFalse();
        }
    }

    @Test
    void a_later_event_of_a_participant_never_overtakes_an_earlier_one_whose_send_failed() {
        try (KafkaProbe probe = KafkaProbe.listen(Topics.SURVEY)) {
            UUID participant = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            var first = TestEvents.event(participant);
            var second = TestEvents.event(participant);
            var unrelated = TestEvents.event(other);
            transactions.executeWithoutResult(tx -> {
                outbox.publish(first);
                outbox.publish(second);
                outbox.publish(unrelated);
            });
            // the broker times out on the first event once, as under a leader election
            Set<String> failOnce = ConcurrentHashMap.newKeySet();
            failOnce.add(first.eventId().toString());
            OutboxRelay relay = relay(new FailingTemplate(failOnce));

            relay.relayOnce();

            await().atMost(WAIT).until(() -> received(probe, other).contains(unrelated.eventId()));
            assertThat(received(probe, participant)).as("nothing of the participant left before the first").isEmpty();
            assertThat(published(second.eventId())).isFalse();

            await().atMost(WAIT).until(() -> {
                relay.relayOnce();
                return received(probe, participant).size() == 2;
            });
            assertThat(received(probe, participant)).containsExactly(first.eventId(), second.eventId());
        }
    }

    @Test
    void events_wait_in_order_while_the_broker_is_away_and_leave_once_when_it_is_back() throws Exception {
        try (KafkaProbe probe = KafkaProbe.listen(Topics.SURVEY)) {
            UUID participant = UUID.randomUUID();
            List<UUID> written = new ArrayList<>();
            transactions.executeWithoutResult(tx -> {
                for (int i = 0; i < 5; i++) {
                    var event = TestEvents.event(participant);
                    outbox.publish(event);
                    written.add(event.eventId());
                }
            });
            OutboxRelay away = relay(unreachableBroker());

            // while a send waits for the missing broker, no database transaction is held open
            Future<Integer> pass;
            try (var pool = Executors.newSingleThreadExecutor()) {
                pass = pool.submit(away::relayOnce);
                // the producer blocks 2 s waiting for broker metadata
                await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                        .until(() -> openTransactions() == 0);
                assertThat(pass.get()).isZero();
            }
            assertThat(away.relayOnce()).isZero();
            assertThat(written).allSatisfy(id -> assertThat(published(id)).isFalse());
            assertThat(parked.list(1000)).noneMatch(p -> written.contains(p.eventId()));
            assertThat(jdbc.queryForObject("select max(attempts) from outbox_message where event_id = any(?)", Integer.class,
                    (Object) written.toArray(UUID[]::new))).as("a broker outage is nobody's attempt").isZero();

            away.releaseLease(); // its replica stops; another takes over at once
            drain(relay(outboxKafkaTemplate));

            await().atMost(WAIT).until(() -> received(probe, participant).size() == 5);
            assertThat(received(probe, participant)).containsExactlyElementsOf(written);
        }
    }

    @Test
    void of_two_relays_at_once_one_sends_every_event_once_and_each_participant_in_order() throws Exception {
        try (KafkaProbe probe = KafkaProbe.listen(Topics.SURVEY)) {
            Map<UUID, List<UUID>> written = new LinkedHashMap<>();
            for (int p = 0; p < 30; p++) {
                written.put(UUID.randomUUID(), new ArrayList<>());
            }
            // written in many small transactions, interleaved across participants
            for (int round = 0; round < 20; round++) {
                transactions.executeWithoutResult(tx -> written.forEach((participant, ids) -> {
                    var event = TestEvents.event(participant);
                    outbox.publish(event);
                    ids.add(event.eventId());
                }));
            }
            OutboxRelay one = relay(outboxKafkaTemplate);
            OutboxRelay two = relay(outboxKafkaTemplate);
            try (var pool = Executors.newFixedThreadPool(2)) {
                var a = pool.submit(() -> drain(one));
                var b = pool.submit(() -> drain(two));
                assertThat(List.of(a.get(), b.get())).as("the relay without the lease sent nothing").contains(0);
            }

            await().atMost(WAIT).until(() -> probe.records().size() >= 600);
            Map<UUID, List<UUID>> received = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : probe.records()) {
                UUID participant = UUID.fromString(record.key());
                if (written.containsKey(participant)) {
                    received.computeIfAbsent(participant, k -> new ArrayList<>())
                            .add(EventJson.read(record.value()).orElseThrow().eventId());
                }
            }
            assertThat(received).isEqualTo(written);
        }
    }

    /**
     * A topic the broker refuses retriably (its ACL denies us, it was deleted) with more rows
     * waiting than one pass reads: without a back-off per topic every pass read the same 500
     * rows of it, confirmed none, took that for "the broker is away", and rows of every other
     * topic behind them never left.
     */
    @Test
    void a_topic_the_broker_keeps_refusing_does_not_hold_back_the_other_topics() {
        String denied = "support-test.denied." + UUID.randomUUID();
        try (KafkaProbe probe = KafkaProbe.listen(Topics.SURVEY)) {
            UUID participant = UUID.randomUUID();
            UUID deniedParticipant = UUID.randomUUID();
            var behindItsDeniedEvent = TestEvents.event(deniedParticipant);
            List<UUID> flowing = new ArrayList<>();
            transactions.executeWithoutResult(tx -> {
                for (int i = 0; i < 600; i++) {
                    String key = i == 550 ? deniedParticipant.toString() : UUID.randomUUID().toString();
                    outbox.publishRaw(denied, key, UUID.randomUUID(), "SurveyCompleted", new byte[] {1});
                }
                for (int i = 0; i < 3; i++) {
                    flowing.add(outbox.publish(TestEvents.event(participant)).eventId());
                }
                // its participant's earlier event waits in the refused topic: this one waits behind it
                outbox.publish(behindItsDeniedEvent);
            });
            OutboxRelay relay = relay(new FailingTemplate(record -> denied.equals(record.topic())
                    ? new TopicAuthorizationException(Set.of(denied)) : null), SETTINGS);

            await().atMost(WAIT).until(() -> {
                relay.relayOnce();
                return received(probe, participant).size() == 3;
            });
            assertThat(received(probe, participant)).containsExactlyElementsOf(flowing);
            relay.relayOnce();
            assertThat(published(behindItsDeniedEvent.eventId())).isFalse();
            assertThat(received(probe, deniedParticipant)).isEmpty();
            assertThat(jdbc.queryForObject("""
                    select count(*) from outbox_message
                    where topic = ? and published_at is null and parked_at is null and attempts = 0
                    """, Long.class, denied)).as("all still waiting, none parked, a refused topic is nobody's attempt")
                    .isEqualTo(600L);
        } finally {
            jdbc.update("delete from outbox_message where topic = ?", denied);
        }
    }

    /**
     * A row whose send keeps failing retriably (its partition has no leader) while the broker
     * confirms others used to be parked after maxAttempts: the rest of its key then flowed, and
     * an operator's release sent it after them. It now backs off for as long as it takes, its
     * key waiting behind it, and is never parked.
     */
    @Test
    void a_row_that_keeps_failing_while_others_pass_is_never_parked_and_its_key_stays_in_order() {
        OutboxRelay.Settings settings = new OutboxRelay.Settings(Duration.ofMillis(10), 500, Duration.ofSeconds(10),
                Duration.ofSeconds(30), 3);
        int failures = settings.maxAttempts() + 3;
        try (KafkaProbe probe = KafkaProbe.listen(Topics.SURVEY)) {
            UUID participant = UUID.randomUUID();
            var first = TestEvents.event(participant);
            var second = TestEvents.event(participant);
            transactions.executeWithoutResult(tx -> {
                outbox.publish(first);
                outbox.publish(second);
            });
            AtomicInteger failed = new AtomicInteger();
            // the first event's partition has no leader for its first maxAttempts + 3 sends
            OutboxRelay relay = relay(new FailingTemplate(record -> {
                if (eventId(record).equals(first.eventId()) && failed.get() < failures) {
                    failed.incrementAndGet();
                    return new NotLeaderOrFollowerException("no leader for the partition");
                }
                return null;
            }), settings);

            await().atMost(WAIT).until(() -> {
                // the broker takes other participants' events in every pass
                transactions.executeWithoutResult(tx -> outbox.publish(TestEvents.event(UUID.randomUUID())));
                relay.relayOnce();
                return received(probe, participant).size() == 2 || parked.list(1000).stream()
                        .anyMatch(p -> p.eventId().equals(first.eventId()));
            });
            assertThat(parked.list(1000)).noneMatch(p -> p.eventId().equals(first.eventId()));
            assertThat(failed.get()).isEqualTo(failures);
            await().atMost(WAIT).until(() -> received(probe, participant).size() == 2);
            assertThat(received(probe, participant)).containsExactly(first.eventId(), second.eventId());
        }
    }

    /**
     * The lease and the length of a round agree: a relay starts a round only if it can end
     * (sendTimeout + 5 s) and be marked before its lease does, so no other relay takes the
     * lease while a row it sent is still unmarked. Here a send that starts 3 s or more into the
     * lease takes 5.5 s: under the old rule (no round started after half the lease) a round
     * started 3-4 s into an 8 s lease ended after it, the other relay took the lease and sent
     * that row again.
     */
    @Test
    void two_relays_send_every_event_once_and_in_order_when_sends_are_slow() {
        OutboxRelay.Settings settings = new OutboxRelay.Settings(Duration.ofMillis(50), 500, Duration.ofSeconds(1),
                Duration.ofSeconds(8), 10);
        UUID participant = UUID.randomUUID();
        List<UUID> written = new ArrayList<>();
        transactions.executeWithoutResult(tx -> {
            for (int i = 0; i < 30; i++) {
                written.add(outbox.publish(TestEvents.event(participant)).eventId());
            }
        });
        SlowBroker broker = new SlowBroker(jdbc, settings.lease());
        OutboxRelay one = relay(broker, settings);
        OutboxRelay two = relay(broker, settings);
        one.start();
        two.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> written.stream().allMatch(this::published));
        } finally {
            one.stop();
            two.stop();
        }
        assertThat(broker.sent().stream().filter(written::contains).toList()).containsExactlyElementsOf(written);
    }

    @Test
    void a_lease_too_short_for_one_round_is_refused_at_construction() {
        OutboxRelay.Settings settings = new OutboxRelay.Settings(Duration.ofMillis(200), 500, Duration.ofSeconds(30),
                Duration.ofSeconds(30), 10);
        assertThatThrownBy(() -> new OutboxRelay(jdbc, transactions, outboxKafkaTemplate, new Leases(jdbc), settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prakerja.outbox.lease").hasMessageContaining("prakerja.outbox.send-timeout");
    }

    /** A relay as another replica would run it: its own lease holder. */
    private OutboxRelay relay(KafkaTemplate<String, byte[]> kafka) {
        return relay(kafka, SETTINGS);
    }

    private OutboxRelay relay(KafkaTemplate<String, byte[]> kafka, OutboxRelay.Settings settings) {
        OutboxRelay relay = new OutboxRelay(jdbc, transactions, kafka, new Leases(jdbc), settings);
        built.add(relay);
        return relay;
    }

    private static int drain(OutboxRelay relay) {
        int total = 0;
        int sent;
        do {
            sent = relay.relayOnce();
            total += sent;
        } while (sent > 0);
        return total;
    }

    private boolean published(UUID eventId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select published_at is not null from outbox_message where event_id = ?",
                Boolean.class, eventId));
    }

    private long openTransactions() {
        Long n = jdbc.queryForObject("""
                select count(*) from pg_stat_activity
                where datname = current_database() and state like 'idle in transaction%' and pid <> pg_backend_pid()
                """, Long.class);
        return n == null ? 0 : n;
    }

    private static List<UUID> received(KafkaProbe probe, UUID participant) {
        return probe.records().stream().filter(r -> participant.toString().equals(r.key()))
                .map(r -> EventJson.read(r.value()).orElseThrow().eventId()).toList();
    }

    private static KafkaTemplate<String, byte[]> unreachableBroker() {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
    }

    private static UUID eventId(ProducerRecord<String, byte[]> record) {
        return UUID.fromString(new String(record.headers().lastHeader(OutboxRelay.EVENT_ID_HEADER).value(),
                StandardCharsets.UTF_8));
    }

    /** The real broker, except that a send fails with the error {@code failure} names for its record (null: none). */
    private static final class FailingTemplate extends KafkaTemplate<String, byte[]> {
        private final Function<ProducerRecord<String, byte[]>, RuntimeException> failure;

        FailingTemplate(Function<ProducerRecord<String, byte[]>, RuntimeException> failure) {
            super(new DefaultKafkaProducerFactory<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
            this.failure = failure;
        }

        /** The first send of each named event times out. */
        FailingTemplate(Set<String> failOnce) {
            this(record -> failOnce.remove(eventId(record).toString())
                    ? new TimeoutException("no answer from the partition leader") : null);
        }

        @Override
        public CompletableFuture<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> record) {
            RuntimeException error = failure.apply(record);
            if (error != null) {
                // accepted, then not confirmed: the broker's answer was a refusal
                return CompletableFuture.supplyAsync(() -> {
                    throw error;
                }, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
            }
            return super.send(record);
        }
    }

    /**
     * No broker: records which events were sent, in order, and confirms each after 200 ms,
     * or after 5.5 s if its send starts 3 s or more into the relay lease (read from the database).
     */
    private static final class SlowBroker extends KafkaTemplate<String, byte[]> {
        private final JdbcTemplate jdbc;
        private final Duration lease;
        private final List<UUID> sent = new CopyOnWriteArrayList<>();

        SlowBroker(JdbcTemplate jdbc, Duration lease) {
            super(new DefaultKafkaProducerFactory<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
            this.jdbc = jdbc;
            this.lease = lease;
        }

        List<UUID> sent() {
            return sent;
        }

        @Override
        public CompletableFuture<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> record) {
            sent.add(eventId(record));
            Double left = jdbc.query("select extract(epoch from held_until - clock_timestamp()) from platform_lease where name = ?",
                    rs -> rs.next() ? rs.getDouble(1) : null, "platform-outbox-relay");
            double intoLease = left == null ? 0 : lease.toMillis() / 1000.0 - left;
            long delay = intoLease >= 3 ? 5500 : 200;
            var metadata = new RecordMetadata(new TopicPartition(record.topic(), 0), 0, 0, 0, 0, 0);
            return CompletableFuture.supplyAsync(() -> new SendResult<>(record, metadata),
                    CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
        }
    }
}
