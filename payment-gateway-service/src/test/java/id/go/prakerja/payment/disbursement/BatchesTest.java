package id.go.prakerja.payment.disbursement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The hand-over between the threads that receive items and the one that writes them: nothing handed
 * over is left unwritten by a stop, a full queue says so at once, and the writer survives its
 * failures and its own slowness.
 */
class BatchesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void an_item_offered_while_the_writer_stops_is_either_written_or_refused_to_its_caller_never_left_behind()
            throws Exception {
        Set<Integer> written = ConcurrentHashMap.newKeySet();
        Batches<Integer> batches = new Batches<>("test-stop", 50, written::addAll);
        AtomicInteger next = new AtomicInteger();
        for (int round = 0; round < 20; round++) {
            batches.start();
            Set<Integer> refused = ConcurrentHashMap.newKeySet();
            Set<Integer> accepted = ConcurrentHashMap.newKeySet();
            AtomicBoolean offering = new AtomicBoolean(true);
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                callers.add(Thread.ofPlatform().start(() -> {
                    while (offering.get()) {
                        int item = next.incrementAndGet();
                        (batches.offer(item) ? accepted : refused).add(item);
                    }
                }));
            }
            Thread.sleep(5 + round);
            batches.stop();
            Thread.sleep(2); // callers keep offering after the stop
            offering.set(false);
            for (Thread caller : callers) {
                caller.join();
            }
            assertThat(batches.drain()).as("left in the queue after round %d", round).isEmpty();
            // plain set operations: AssertJ's would compare every pair of the many thousand items
            assertThat(written.containsAll(accepted)).as("everything accepted in round %d is written", round).isTrue();
            assertThat(Collections.disjoint(refused, written)).as("the refused are the caller's own").isTrue();
            assertThat(refused).as("offers after the stop are refused").isNotEmpty();
        }
    }

    @Test
    void a_full_queue_refuses_at_once_and_takes_items_again_once_the_writer_catches_up() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> written = new java.util.concurrent.CopyOnWriteArrayList<>();
        Batches<String> batches = new Batches<>("test-full", 10, 2, Duration.ofSeconds(5), batch -> {
            if (batch.contains("slow")) {
                writing.countDown();
                hold(release);
            }
            written.addAll(batch);
        });
        batches.start();
        try {
            assertThat(batches.offer("slow")).isTrue();
            assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(batches.offer("a")).isTrue();
            assertThat(batches.offer("b")).isTrue();
            assertThat(batches.offer("c")).as("the queue holds two").isFalse();
            assertThat(batches.backlog()).isEqualTo(2);
            release.countDown();
            await().atMost(WAIT).until(() -> written.containsAll(List.of("slow", "a", "b")));
            assertThat(batches.offer("d")).isTrue();
            await().atMost(WAIT).until(() -> written.contains("d"));
            assertThat(written).doesNotContain("c");
        } finally {
            release.countDown();
            batches.stop();
        }
    }

    @Test
    void the_writer_goes_on_after_a_batch_fails_even_with_an_error() {
        List<String> written = new java.util.concurrent.CopyOnWriteArrayList<>();
        Batches<String> batches = new Batches<>("test-error", 10, batch -> {
            if (batch.contains("error")) {
                throw new StackOverflowError("a batch that breaks the writer's thread");
            }
            if (batch.contains("exception")) {
                throw new IllegalStateException("a batch that fails");
            }
            written.addAll(batch);
        });
        batches.start();
        try {
            assertThat(batches.offer("error")).isTrue();
            await().atMost(WAIT).until(() -> batches.backlog() == 0);
            assertThat(batches.offer("exception")).isTrue();
            await().atMost(WAIT).until(() -> batches.backlog() == 0);
            assertThat(batches.offer("after")).isTrue();
            await().atMost(WAIT).until(() -> written.contains("after"));
        } finally {
            batches.stop();
        }
    }

    @Test
    void a_writer_that_overruns_its_stop_hands_the_rest_back_and_leaves_one_thread_writing_after_a_restart()
            throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ConcurrentHashMap<String, Thread> writtenBy = new ConcurrentHashMap<>();
        Batches<String> batches = new Batches<>("test-overrun", 1, 100, Duration.ofMillis(200), batch -> {
            if (batch.contains("slow")) {
                writing.countDown();
                hold(release);
            }
            batch.forEach(item -> writtenBy.put(item, Thread.currentThread()));
        });
        batches.start();
        assertThat(batches.offer("slow")).isTrue();
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(batches.offer("queued")).isTrue();
        batches.stop(); // gives up waiting after 200 ms: the writer is still on "slow"
        assertThat(batches.drain()).containsExactly("queued");
        batches.start();
        try {
            for (int i = 0; i < 20; i++) {
                assertThat(batches.offer("after-" + i)).isTrue();
            }
            await().atMost(WAIT).until(() -> writtenBy.keySet().containsAll(List.of("after-0", "after-19")));
            release.countDown();
            await().atMost(WAIT).until(() -> writtenBy.containsKey("slow"));
            Thread old = writtenBy.get("slow");
            old.join(WAIT.toMillis());
            assertThat(old.isAlive()).as("the overrun writer leaves after its batch").isFalse();
            for (int i = 20; i < 40; i++) {
                assertThat(batches.offer("after-" + i)).isTrue();
            }
            await().atMost(WAIT).until(() -> writtenBy.containsKey("after-39"));
            Set<Thread> afterRestart = ConcurrentHashMap.newKeySet();
            writtenBy.forEach((item, thread) -> {
                if (item.startsWith("after-")) {
                    afterRestart.add(thread);
                }
            });
            assertThat(afterRestart).hasSize(1).doesNotContain(old);
        } finally {
            release.countDown();
            batches.stop();
        }
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void a_full_queue_holds_the_callers_back_until_there_is_room_and_loses_nothing() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Set<Integer> written = ConcurrentHashMap.newKeySet();
        Batches<Integer> batches = new Batches<>("test-backpressure", 1, 2, WAIT, batch -> {
            try {
                release.await(); // the database is slow
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.addAll(batch);
        });
        batches.start();
        try {
            int callers = 50;
            AtomicInteger handed = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                int item = i;
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        if (batches.offer(item, WAIT)) {
                            handed.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            // one item in the writer's hands, two queued: everyone else waits for room, nobody is refused
            await().atMost(WAIT).until(() -> batches.backlog() == 2);
            assertThat(handed.get()).isLessThanOrEqualTo(3);
            assertThat(threads).filteredOn(Thread::isAlive).hasSizeGreaterThanOrEqualTo(callers - 3);
            release.countDown();
            for (Thread t : threads) {
                t.join(WAIT.toMillis());
            }
            assertThat(handed.get()).isEqualTo(callers);
            await().atMost(WAIT).until(() -> written.size() == callers);
            // a bounded wait: still full after it, the caller is told
            CountDownLatch stuck = new CountDownLatch(1);
            Batches<Integer> full = new Batches<>("test-full", 1, 1, WAIT, batch -> {
                try {
                    stuck.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            full.start();
            try {
                assertThat(full.offer(1, WAIT)).isTrue();
                await().atMost(WAIT).until(() -> full.backlog() == 0); // in the writer's hands
                assertThat(full.offer(2, WAIT)).isTrue();
                assertThat(full.offer(3, Duration.ofMillis(200))).isFalse();
            } finally {
                stuck.countDown();
                full.stop();
            }
        } finally {
            release.countDown();
            batches.stop();
        }
    }
}
