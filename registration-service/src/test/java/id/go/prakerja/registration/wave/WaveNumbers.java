package id.go.prakerja.registration.wave;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wave numbers for tests, from one counter for the whole test JVM: every test class shares one
 * database, and numbers drawn from the clock could (and did) collide. Numbers stay within
 * 1-999, the range a card number can carry.
 */
public final class WaveNumbers {

    private static final AtomicInteger NEXT = new AtomicInteger(100);

    private WaveNumbers() {
    }

    public static int next() {
        int number = NEXT.getAndIncrement();
        if (number > 999) {
            throw new IllegalStateException("more than 900 waves in one test run");
        }
        return number;
    }
}
