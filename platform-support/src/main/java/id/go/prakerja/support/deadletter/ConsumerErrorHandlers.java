package id.go.prakerja.support.deadletter;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import id.go.prakerja.events.MalformedEventException;
import id.go.prakerja.support.config.PlatformProperties;

/**
 * What a consumer does with a record its handler cannot process. Spring Kafka's error
 * handler, not the binder's retry and dead-letter queue: the binder logs a failed publish to
 * the dead-letter topic and commits the offset anyway, which loses the record.
 */
public final class ConsumerErrorHandlers {

    private ConsumerErrorHandlers() {
    }

    /**
     * Bounded retries with back-off, then the record goes to the dead-letter topic; a
     * malformed record goes at once. If the dead-letter topic does not confirm the record,
     * recovery fails and the record is delivered again: its offset is committed only once its
     * dead letter exists.
     */
    public static DefaultErrorHandler retryThenDeadLetter(KafkaOperations<Object, Object> dlq, String dlqTopic,
            PlatformProperties.Consumers settings, Duration confirmationTimeout) {
        var recoverer = new DeadLetterPublishingRecoverer(dlq, (record, error) -> new TopicPartition(dlqTopic, 0));
        recoverer.setFailIfSendResultIsError(true);
        recoverer.setWaitForSendResultTimeout(confirmationTimeout);
        BackOff backOff;
        if (settings.maxAttempts() <= 1) {
            backOff = new FixedBackOff(0, 0);
        } else {
            var exponential = new ExponentialBackOff(settings.backoffInitial().toMillis(), settings.backoffMultiplier());
            exponential.setMaxInterval(settings.backoffMax().toMillis());
            exponential.setMaxAttempts(settings.maxAttempts() - 1); // retries after the first delivery
            backOff = exponential;
        }
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(MalformedEventException.class);
        return handler;
    }

    /**
     * For the dead-letter recorder: never gives up. While the database refuses the row the
     * record is delivered again with back-off (doubling from {@code prakerja.dead-letters.recorder-backoff-initial}
     * up to {@code recorder-backoff-max} apart, with no bound on attempts or elapsed time), its
     * offset uncommitted, so an outage of any length loses no dead letter.
     */
    public static DefaultErrorHandler neverGiveUp(PlatformProperties.DeadLetters settings) {
        var backOff = new ExponentialBackOff(settings.recorderBackoffInitial().toMillis(), 2.0);
        backOff.setMaxInterval(settings.recorderBackoffMax().toMillis());
        var handler = new DefaultErrorHandler(backOff);
        handler.setClassifications(Map.of(), true); // every failure is worth another try
        handler.setLogLevel(org.springframework.kafka.KafkaException.Level.WARN);
        return handler;
    }
}
