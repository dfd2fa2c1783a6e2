package id.go.prakerja.payment.disbursement;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Items handed over by many threads and written by one: each batch is what arrived while the one
 * before was being written, up to a limit. Under load a batch holds hundreds of items and costs
 * one transaction; when quiet, one item is written at once.
 */
public final class Batches<T> {

    private static final Logger log = LoggerFactory.getLogger(Batches.class);

    private final String name;
    private final int limit;
    private final Consumer<List<T>> writer;
    private final LinkedBlockingQueue<T> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread thread;

    /**
     * @param name   the writing thread's name
     * @param limit  the most items in one batch
     * @param writer writes one batch; what it throws is logged, and its items are gone (the caller's own
     *               safety net, such as a sweeper, must cover them)
     */
    public Batches(String name, int limit, Consumer<List<T>> writer) {
        this.name = name;
        this.limit = limit;
        this.writer = writer;
    }

    public void add(T item) {
        queue.add(item);
    }

    public int backlog() {
        return queue.size();
    }

    public boolean isRunning() {
        return running;
    }

    public synchronized void start() {
        if (!running) {
            running = true;
            thread = Thread.ofPlatform().name(name).daemon().start(this::run);
        }
    }

    /** Stops after writing what was handed over before, waiting at most five seconds. */
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    /** What is left when the writer has stopped (handed over as it stopped), taken out of the queue. */
    public List<T> drain() {
        List<T> left = new ArrayList<>();
        queue.drainTo(left);
        return left;
    }

    private void run() {
        List<T> batch = new ArrayList<>(limit);
        while (running || !queue.isEmpty()) {
            try {
                T first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, limit - 1);
                writer.accept(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("{}: a batch of {} not written", name, batch.size(), e);
            } finally {
                batch.clear();
            }
        }
    }
}
