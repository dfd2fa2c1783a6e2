package id.go.prakerja.payment.disbursement;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Applies partners' answers in batches, one transaction per batch, from one thread: hundreds of
 * answers a second cost a few commits instead of hundreds. An answer lost here (the instance
 * stops) leaves its payment SENDING or as it was; the sweeper then asks the partner, so nothing
 * is lost and nothing is paid twice.
 */
@Component
public class OutcomeWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutcomeWriter.class);
    private static final int BATCH = 500;

    private final PaymentLedger ledger;
    private final LinkedBlockingQueue<PaymentLedger.Outcome> queue = new LinkedBlockingQueue<>();
    private volatile Thread thread;
    private volatile boolean running;

    public OutcomeWriter(PaymentLedger ledger) {
        this.ledger = ledger;
    }

    public void submit(PaymentLedger.Outcome outcome) {
        queue.add(outcome);
    }

    public int backlog() {
        return queue.size();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("payment-outcomes").daemon().start(this::run);
    }

    private void run() {
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
        Thread t = thread;
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
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
