package id.go.prakerja.console.readmodel;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.support.TransactionTemplate;

import id.go.prakerja.events.DomainEvent;
import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.EventJson;
import id.go.prakerja.events.Topics;
import id.go.prakerja.support.inbox.EventConsumers;

/**
 * One consumer per topic, all feeding the same projection (bindings in application.yml, group
 * {@code operator-console}, batch mode). The console publishes nothing.
 * <p>
 * Each poll's records are applied in one transaction: every event's inbox row (a redelivered
 * event is skipped), its effect on the read model, then the funnel counts of the whole batch,
 * one commit. A replay from scratch therefore commits once per batch, not once per event. If
 * the batch fails (a malformed event, a database refusal), its events are applied again one
 * transaction each through the platform's idempotent consumer; the first that still fails is
 * handed to the binding's error handler by its index (earlier ones are committed, it is retried,
 * then dead-lettered). Dead letters are replayed through that same single-event consumer.
 */
@Configuration
class ReadModelConsumers {

    private static final Logger log = LoggerFactory.getLogger(ReadModelConsumers.class);
    /** Events without a participant (waves) first, then by participant id. */
    private static final Comparator<EventEnvelope<DomainEvent>> BY_PARTICIPANT = Comparator.comparing(
            EventEnvelope::participantId, Comparator.nullsFirst(Comparator.naturalOrder()));

    static Consumer<List<byte[]>> of(EventConsumers consumers, Projection projection, JdbcTemplate jdbc,
            TransactionTemplate transactions, String topic, String name) {
        String consumer = "operator-console." + name;
        Consumer<Message<byte[]>> single = consumers.consumer(topic, consumer, event -> projection.apply(topic, event));
        return records -> {
            try {
                transactions.executeWithoutResult(tx -> {
                    Projection.Batch batch = new Projection.Batch();
                    List<EventEnvelope<DomainEvent>> events = new ArrayList<>(records.size());
                    for (byte[] record : records) {
                        // a newer producer's type is skipped here; the single-event path counts it
                        EventJson.read(record).ifPresent(events::add);
                    }
                    // participants' rows are locked in one order in every transaction (a stable sort
                    // keeps each participant's own events in topic order), so consumers of different
                    // topics never deadlock on them
                    events.sort(BY_PARTICIPANT);
                    // one inbox statement for the batch: it answers the events not processed before
                    Set<UUID> fresh = new HashSet<>(jdbc.query(con -> {
                        PreparedStatement insert = con.prepareStatement("""
                                insert into inbox_message (consumer, event_id, event_type)
                                select ?, e.id, e.type from unnest(?::uuid[], ?::text[]) as e(id, type)
                                on conflict do nothing returning event_id""");
                        insert.setString(1, consumer);
                        insert.setArray(2, con.createArrayOf("uuid", events.stream().map(EventEnvelope::eventId).toArray()));
                        insert.setArray(3, con.createArrayOf("text", events.stream().map(EventEnvelope::type).toArray()));
                        return insert;
                    }, (rs, row) -> rs.getObject(1, UUID.class)));
                    for (EventEnvelope<DomainEvent> event : events) {
                        if (fresh.remove(event.eventId())) { // a copy later in the same batch is skipped too
                            projection.apply(topic, event, batch);
                        }
                    }
                    projection.write(batch);
                });
            } catch (RuntimeException batchFailed) {
                log.info("{}: a batch of {} events failed ({}); applying them one by one", consumer, records.size(),
                        batchFailed.toString());
                for (int i = 0; i < records.size(); i++) {
                    try {
                        single.accept(MessageBuilder.withPayload(records.get(i)).build());
                    } catch (RuntimeException failed) {
                        throw new BatchListenerFailedException(consumer + ": event " + i + " of the batch failed", failed, i);
                    }
                }
            }
        };
    }

    @Bean
    Consumer<List<byte[]>> registrationEvents(EventConsumers consumers, Projection projection, JdbcTemplate jdbc,
            TransactionTemplate transactions) {
        return of(consumers, projection, jdbc, transactions, Topics.REGISTRATION, "registration");
    }

    @Bean
    Consumer<List<byte[]>> verificationEvents(EventConsumers consumers, Projection projection, JdbcTemplate jdbc,
            TransactionTemplate transactions) {
        return of(consumers, projection, jdbc, transactions, Topics.VERIFICATION, "verification");
    }

    @Bean
    Consumer<List<byte[]>> cohortEvents(EventConsumers consumers, Projection projection, JdbcTemplate jdbc,
            TransactionTemplate transactions) {
        return of(consumers, projection, jdbc, transactions, Topics.COHORT, "cohort");
    }

    @Bean
    Consumer<List<byte[]>> trainingEvents(EventConsumers consumers, Projection projection, JdbcTemplate jdbc,
            TransactionTemplate transactions) {
        return of(consumers, projection, jdbc, transactions, Topics.TRAINING, "training");
    }

    @Bean
    Consumer<List<byte[]>> incentiveEvents(EventConsumers consumers, Projection projection, JdbcTemplate jdbc,
            TransactionTemplate transactions) {
        return of(consumers, projection, jdbc, transactions, Topics.INCENTIVE, "incentive");
    }

    @Bean
    Consumer<List<byte[]>> paymentEvents(EventConsumers consumers, Projection projection, JdbcTemplate jdbc,
            TransactionTemplate transactions) {
        return of(consumers, projection, jdbc, transactions, Topics.PAYMENT, "payment");
    }

    @Bean
    Consumer<List<byte[]>> surveyEvents(EventConsumers consumers, Projection projection, JdbcTemplate jdbc,
            TransactionTemplate transactions) {
        return of(consumers, projection, jdbc, transactions, Topics.SURVEY, "survey");
    }

    @Bean
    Consumer<List<byte[]>> operationsEvents(EventConsumers consumers, Projection projection, JdbcTemplate jdbc,
            TransactionTemplate transactions) {
        return of(consumers, projection, jdbc, transactions, Topics.OPERATIONS, "operations");
    }
}
