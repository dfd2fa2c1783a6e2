package id.go.prakerja.payment.disbursement;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

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
 * paid twice.
 */
@Component
public class OutcomeWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutcomeWriter.class);
    private static final int BATCH = 500;

    private final PaymentLedger ledger;
    private final List<LinkedBlockingQueue<PaymentLedger.Outcome>> queues;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public OutcomeWriter(PaymentLedger ledger, PaymentProperties settings) {
        this.ledger = ledger;
        List<LinkedBlockingQueue<PaymentLedger.Outcome>> q = new ArrayList<>();
        for (int i = 0; i < settings.sender().outcomeWriters(); i++) {
            q.add(new LinkedBlockingQueue<>());
        }
        this.queues = List.copyOf(q);
    }

    public void submit(PaymentLedger.Outcome outcome) {
        queues.get(Math.floorMod(outcome.instructionId().hashCode(), queues.size())).add(outcome);
    }

    public int backlog() {
        return queues.stream().mapToInt(LinkedBlockingQueue::size).sum();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < queues.size(); i++) {
            LinkedBlockingQueue<PaymentLedger.Outcome> queue = queues.get(i);
            threads.add(Thread.ofPlatform().name("payment-outcomes-" + i).daemon().start(() -> run(queue)));
        }
    }

    private void run(LinkedBlockingQueue<PaymentLedger.Outcome> queue) {
        List<PaymentLedger.Outcome> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                PaymentLedger.Outcome first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                ledger.apply(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("{} payment answers not applied; the sweeper will ask the partners about them", batch.size(), e);
            } finally {
                batch.clear();
            }
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the workers that feed it, starts before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }
}
