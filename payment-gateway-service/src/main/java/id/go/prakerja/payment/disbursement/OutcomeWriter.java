package id.go.prakerja.payment.disbursement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import id.go.prakerja.payment.PaymentProperties;

/**
 * Applies partners' answers in batches, one transaction per batch: hundreds of answers a second
 * cost a few commits instead of hundreds. A few threads write side by side, each on its own
 * connection, so one batch's commit does not hold up the next; the answers about one payment all go
 * to the same thread, in the order they came. An answer lost here (the instance stops) leaves its
 * payment SENDING or as it was; the sweeper then asks the partner, so nothing is lost and nothing is
 * paid twice. Each writer's queue is bounded ({@value #CAPACITY} answers): when the database falls
 * behind, the calls that bring answers wait for room, holding their partner's in-flight places, so
 * the sender and the sweeper claim nothing new until the writers catch up (back-pressure, not loss).
 */
@Component
public class OutcomeWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutcomeWriter.class);
    private static final int BATCH = 500;
    static final int CAPACITY = 5_000;
    /** How long an answer waits for room before it is left to the sweeper (its payment's lease runs out, it is asked). */
    private static final Duration ROOM_WAIT = Duration.ofSeconds(30);

    private final List<Batches<PaymentLedger.Outcome>> writers;

    public OutcomeWriter(PaymentLedger ledger, PaymentProperties settings) {
        List<Batches<PaymentLedger.Outcome>> w = new ArrayList<>();
        for (int i = 0; i < settings.sender().outcomeWriters(); i++) {
            w.add(new Batches<>("payment-outcomes-" + i, BATCH, CAPACITY, Duration.ofSeconds(5), batch -> {
                try {
                    ledger.apply(batch);
                } catch (RuntimeException e) {
                    log.error("{} payment answers not applied; the sweeper will ask the partners about them", batch.size(), e);
                }
            }));
        }
        this.writers = List.copyOf(w);
    }

    public void submit(PaymentLedger.Outcome outcome) {
        boolean handed;
        try {
            handed = writers.get(Math.floorMod(outcome.instructionId().hashCode(), writers.size())).offer(outcome, ROOM_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handed = false;
        }
        if (!handed) {
            log.warn("payment {}: answer not applied (the writers are stopped, or full for {}); the sweeper will ask the partner",
                    outcome.instructionId(), ROOM_WAIT);
        }
    }

    public int backlog() {
        return writers.stream().mapToInt(Batches::backlog).sum();
    }

    @Override
    public void start() {
        writers.forEach(Batches::start);
    }

    @Override
    public void stop() {
        for (Batches<PaymentLedger.Outcome> writer : writers) {
            writer.stop();
            int left = writer.drain().size();
            if (left > 0) {
                log.warn("{} payment answers not applied as the writers stopped; the sweeper will ask the partners about them", left);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return writers.getFirst().isRunning();
    }

    /** Stops after the workers that feed it, starts before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }
}
