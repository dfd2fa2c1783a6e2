package id.go.prakerja.simulators;

/**
 * The fault currently injected into one simulator, with the bookkeeping for "only the next N calls"
 * and a monitor so that held (TIMEOUT) calls wake up when someone changes the fault or resets.
 */
final class FaultState {

    private Fault current = Fault.none();
    private int remainingCalls;
    /** Bumped on every explicit change, so held calls can tell "the test moved on". */
    private long generation;

    synchronized Fault current() {
        return current;
    }

    synchronized void set(Fault fault) {
        current = fault;
        remainingCalls = fault.calls();
        generation++;
        notifyAll();
    }

    /** The fault to apply to the call arriving now, counting it against a limited fault. */
    synchronized Fault take() {
        Fault fault = current;
        if (fault.mode() != FaultMode.NONE && fault.calls() > 0 && --remainingCalls <= 0) {
            current = Fault.none();
        }
        return fault;
    }

    /** Sleeps for a SLOW fault; interruption (simulator closing) ends the sleep early. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Holds a TIMEOUT-faulted answer until the deadline, until the fault is changed or reset (so a
     * test's clean-up does not leave threads parked for 30 s), or until the simulator stops.
     */
    synchronized void hold(long millis) {
        long heldIn = generation;
        long deadline = System.nanoTime() + millis * 1_000_000;
        try {
            while (generation == heldIn) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return;
                }
                wait(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
