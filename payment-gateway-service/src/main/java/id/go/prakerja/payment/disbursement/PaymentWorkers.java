package id.go.prakerja.payment.disbursement;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.PaymentProperties;
import id.go.prakerja.payment.partner.PartnerAnswer;
import id.go.prakerja.payment.partner.PartnerGuard;
import id.go.prakerja.payment.partner.PaymentPartners;
import id.go.prakerja.payment.snap.SnapClient;

/**
 * The sender and the sweeper, one loop each per partner. The sender claims RECEIVED payments that
 * are due, as many as the partner has free places for (bounded in-flight), and sends each on a
 * virtual thread through the partner's guards; the sweeper claims payments whose outcome is
 * pending, unknown or abandoned and asks the partner by status inquiry, waiting longer each time.
 * Neither runs inside a consumer, and every call carries the payment's stable reference, so a
 * redelivered request or a replayed dead letter can never repeat a partner call. While a partner's
 * circuit is open neither loop claims its payments: they wait, and resume when it closes.
 */
@Component
public class PaymentWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PaymentWorkers.class);

    private final PaymentLedger ledger;
    private final OutcomeWriter writer;
    private final PaymentPartners partners;
    private final PaymentProperties settings;
    private final List<Thread> loops = new ArrayList<>();
    private volatile ExecutorService calls;
    private volatile boolean running;

    public PaymentWorkers(PaymentLedger ledger, OutcomeWriter writer, PaymentPartners partners, PaymentProperties settings) {
        this.ledger = ledger;
        this.writer = writer;
        this.partners = partners;
        this.settings = settings;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        calls = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("payment-call-", 0).factory());
        calls.execute(partners::signIn);
        partners.all().forEach((id, guard) -> {
            if (settings.sender().enabled()) {
                loops.add(Thread.ofPlatform().name("payment-sender-" + id).daemon().start(() -> sendLoop(id, guard)));
            }
            if (settings.sweeper().enabled()) {
                loops.add(Thread.ofPlatform().name("payment-sweeper-" + id).daemon().start(() -> sweepLoop(id, guard)));
            }
        });
    }

    private void sendLoop(PayoutPartner id, PartnerGuard guard) {
        long idle = settings.sender().pollInterval().toMillis();
        while (running) {
            // busy (every place taken, or work was found): look again in a moment; idle: after the poll interval
            boolean busy = false;
            try {
                if (guard.accepting()) {
                    int free = Math.min(settings.sender().batchSize(), guard.maxInFlight() - guard.reserved());
                    if (free > 0) {
                        List<PaymentLedger.Claimed> claimed = ledger.claimToSend(id, free);
                        for (PaymentLedger.Claimed c : claimed) {
                            dispatch(guard, c, PaymentTransitions.Source.TRANSFER);
                        }
                        busy = !claimed.isEmpty();
                    } else {
                        busy = true;
                    }
                }
            } catch (RuntimeException e) {
                log.error("sender of {} failed a pass; it tries again", id, e);
            }
            pause(busy ? 5 : idle);
        }
    }

    private void sweepLoop(PayoutPartner id, PartnerGuard guard) {
        long idle = settings.sweeper().pollInterval().toMillis();
        while (running) {
            int asked = 0;
            try {
                if (guard.accepting()) {
                    // the sweeper never takes more than half the places, so sending goes on while it works
                    int free = Math.min(settings.sweeper().batchSize(), (guard.maxInFlight() - guard.reserved()) / 2);
                    if (free > 0) {
                        List<PaymentLedger.Claimed> claimed = ledger.claimToSettle(id, free);
                        for (PaymentLedger.Claimed c : claimed) {
                            dispatch(guard, c, PaymentTransitions.Source.INQUIRY);
                        }
                        asked = claimed.size();
                    }
                }
            } catch (RuntimeException e) {
                log.error("sweeper of {} failed a pass; it tries again", id, e);
            }
            pause(asked > 0 ? 20 : idle);
        }
    }

    private void dispatch(PartnerGuard guard, PaymentLedger.Claimed claimed, PaymentTransitions.Source source) {
        guard.reserve();
        try {
            calls.execute(() -> {
                try {
                    writer.submit(outcome(guard, claimed, source, call(guard, claimed.payment(), source)));
                } finally {
                    guard.unreserve();
                }
            });
        } catch (RuntimeException e) {
            guard.unreserve(); // shutting down: the payment's lease runs out and the sweeper asks about it
        }
    }

    /**
     * @param applied false when another inquiry (the sweeper's, after a callback) moved the payment
     *                on meanwhile; its answer decides then, with the same result
     */
    public record Inquiry(PartnerAnswer answer, boolean applied) {
    }

    /** Asks the partner now about one payment (an operator's "resolve by inquiry"); the answer is applied at once. */
    public Inquiry inquireNow(PaymentLedger.Claimed claimed) {
        PartnerGuard guard = partners.guard(claimed.payment().partner());
        if (guard == null) {
            return new Inquiry(PartnerAnswer.notSent(null, null, "partner not configured"), false);
        }
        PartnerAnswer answer = call(guard, claimed.payment(), PaymentTransitions.Source.INQUIRY);
        int applied = ledger.apply(List.of(outcome(guard, claimed, PaymentTransitions.Source.INQUIRY, answer)));
        return new Inquiry(answer, applied > 0);
    }

    private static PaymentLedger.Outcome outcome(PartnerGuard guard, PaymentLedger.Claimed c, PaymentTransitions.Source source,
            PartnerAnswer answer) {
        return new PaymentLedger.Outcome(c.payment().instructionId(), c.payment().version(), c.payment().status(), source,
                answer, c.payment().inquiries());
    }

    private static PartnerAnswer call(PartnerGuard guard, Payment p, PaymentTransitions.Source source) {
        try {
            return guard.answer(() -> source == PaymentTransitions.Source.TRANSFER
                    ? guard.partner().transfer(p.partnerReferenceNo(), p.amount(), p.accountNumber())
                    : guard.partner().status(p.partnerReferenceNo()));
        } catch (PartnerGuard.Refused e) {
            return PartnerAnswer.notSent("GUARD", null, e.getMessage());
        } catch (SnapClient.NotSent e) {
            return PartnerAnswer.notSent("NOT_SENT", null, e.getMessage());
        } catch (SnapClient.Unanswered e) {
            return PartnerAnswer.unknown("TIMEOUT", e.getMessage());
        } catch (RuntimeException e) {
            log.error("call to {} about {} failed unexpectedly", p.partner(), p.instructionId(), e);
            return PartnerAnswer.unknown("ERROR", e.toString());
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        for (Thread t : loops) {
            t.interrupt();
        }
        for (Thread t : loops) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        loops.clear();
        ExecutorService c = calls;
        if (c != null) {
            c.shutdown();
            try {
                if (!c.awaitTermination(5, TimeUnit.SECONDS)) {
                    c.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
