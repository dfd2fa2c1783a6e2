package id.go.prakerja.payment.disbursement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Items handed over by many threads and written by one: each batch is what arrived while the one
 * before was being written, up to a limit. Under load a batch holds hundreds of items and costs
 * one transaction; when quiet, one item is written at once.
 *
 * <p>Nothing is handed over once {@link #stop()} has begun ({@link #offer} says so, and the caller
 * deals with its item), so the writer, draining the queue as it stops, leaves nothing behind unless
 * it is still busy when the stop's wait runs out; {@link #drain()} then hands the rest back. A writer
 * that overran its stop finishes the batch in hand and leaves: after a restart, one thread writes.
 */
public final class Batches<T> {

    private static final Logger log = LoggerFactory.getLogger(Batches.class);

    private final String name;
    private final int limit;
    private final Consumer<List<T>> writer;
    private final LinkedBlockingQueue<T> queue;
    private final Duration stopWait;
    /** Handing over takes the read side, stopping the write side: no item slips in after the writer's last look. */
    private final ReentrantReadWriteLock handover = new ReentrantReadWriteLock();
    private volatile boolean running;
    private volatile Thread thread;

    /**
     * @param name   the writing thread's name
     * @param limit  the most items in one batch
     * @param writer writes one batch; what it throws is logged, and its items are gone (the caller's own
     *               safety net, such as a sweeper, must cover them)
     */
    public Batches(String name, int limit, Consumer<List<T>> writer) {
        this(name, limit, Integer.MAX_VALUE, Duration.ofSeconds(5), writer);
    }

    /**
     * @param capacity the most items waiting; {@link #offer} refuses more
     * @param stopWait how long {@link #stop()} waits for the writer to finish what was handed over
     */
    public Batches(String name, int limit, int capacity, Duration stopWait, Consumer<List<T>> writer) {
        if (limit < 1 || capacity < 1) {
            throw new IllegalArgumentException(name + ": batch limit and capacity must be positive");
        }
        this.name = name;
        this.limit = limit;
        this.writer = writer;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.stopWait = stopWait;
    }

    /** Hands an item to the writer; false if the writer is not running or its queue is full. */
    public boolean offer(T item) {
        Lock lock = handover.readLock();
        lock.lock();
        try {
            return running && queue.offer(item);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Hands an item to the writer, waiting up to {@code wait} for room while the queue is full (the
     * caller is held back, nothing is dropped); false if the writer is not running, or still full
     * after the wait.
     */
    public boolean offer(T item, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Lock lock = handover.readLock();
            lock.lock();
            try {
                // a short wait at a time under the read lock, so a stop is never held up for long
                if (!running) {
                    return false;
                }
                if (queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            } finally {
                lock.unlock();
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
        }
    }

    public int backlog() {
        return queue.size();
    }

    public boolean isRunning() {
        return running;
    }

    public synchronized void start() {
        if (!running) {
            Thread writing = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
            thread = writing;
            running = true;
            writing.start();
        }
    }

    /** Stops after writing what was handed over before, waiting at most the stop wait (five seconds unless set). */
    public synchronized void stop() {
        Lock lock = handover.writeLock();
        lock.lock();
        try {
            running = false;
        } finally {
            lock.unlock();
        }
        Thread writing = thread;
        if (writing != null) {
            try {
                writing.join(stopWait);
                if (writing.isAlive()) {
                    log.warn("{}: still writing a batch after {}; {} items not written", name, stopWait, queue.size());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    /** What is left when the writer has stopped (it overran the stop's wait), taken out of the queue. */
    public List<T> drain() {
        List<T> left = new ArrayList<>();
        queue.drainTo(left);
        return left;
    }

    private void run() {
        Thread self = Thread.currentThread();
        List<T> batch = new ArrayList<>(limit);
        while (thread == self && (running || !queue.isEmpty())) {
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
            } catch (Throwable e) { // an Error too: the thread goes on, or everything handed over later would wait in vain
                log.error("{}: a batch of {} not written", name, batch.size(), e);
            } finally {
                batch.clear();
            }
        }
    }
}
