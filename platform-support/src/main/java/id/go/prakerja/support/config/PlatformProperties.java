package id.go.prakerja.support.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Messaging settings shared by every service; defaults in platform-defaults.yml. */
@ConfigurationProperties("prakerja")
public record PlatformProperties(Kafka kafka, Outbox outbox, Inbox inbox, Consumers consumers, Housekeeping housekeeping,
        Scheduling scheduling, DeadLetters deadLetters) {

    /**
     * Topics this service creates: partitions, copies, and the copies acks=all waits for.
     * @param retentionMs how long the event topics keep events ({@code -1}: for ever, so a read
     *        model such as the operator console's can be rebuilt by replaying them)
     */
    public record Kafka(int partitions, short replicationFactor, int minInsyncReplicas, long retentionMs) {
    }

    /**
     * @param lease how long one relay stays the one that sends (a relay that dies delays the
     *        rows by at most this); at least {@code sendTimeout} + 7 s, since a relay starts a
     *        send round only if the round and its marking end before its lease does
     * @param maxAttempts failed sends of one row, while the broker takes others of its topic,
     *        from which on each failure is logged as an error; the row keeps backing off, its
     *        key behind it (only a record the broker refuses for good is parked)
     */
    public record Outbox(Duration pollInterval, int batchSize, Duration sendTimeout, Duration lease, int maxAttempts,
            Duration retention) {
    }

    /** @param retention how long processed event ids are remembered; longer than any redelivery (topic retention) */
    public record Inbox(Duration retention) {
    }

    /**
     * How a consumer retries a failing record before it goes to the dead-letter topic.
     * @param maxAttempts deliveries of one record in all (1 = no retry)
     */
    public record Consumers(int maxAttempts, Duration backoffInitial, double backoffMultiplier, Duration backoffMax) {
    }

    /**
     * How the dead-letter recorder tries again while the database refuses a dead letter. It
     * never gives up (a dead letter it dropped would be lost): these only set how often it asks.
     * @param recorderBackoffInitial the wait before the second attempt; each wait doubles
     * @param recorderBackoffMax the longest wait between two attempts
     */
    public record DeadLetters(Duration recorderBackoffInitial, Duration recorderBackoffMax) {
    }

    /** @param batchSize rows one purge statement deletes; each batch commits on its own */
    public record Housekeeping(Duration interval, int batchSize, Duration maxRunTime) {
    }

    /** @param workerThreads threads for long-running workers (notices, partner checks, housekeeping) */
    public record Scheduling(int workerThreads) {
    }
}
