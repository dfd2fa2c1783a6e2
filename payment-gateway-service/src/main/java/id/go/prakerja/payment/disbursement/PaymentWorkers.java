package id.go.prakerja.payment.disbursement;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
 *
 * <p>A share of each partner's in-flight places ({@code prakerja.payment.sweeper.share}, at least
 * one) is kept for the sweeper: during a large tranche the sender fills every other place, and
 * unknown payments and expired leases are still asked about at once, not behind the new sends. A
 * payment IN_DOUBT is asked about by every reference it ever used ({@link ReferenceCheck}).
 */
@Component
public class PaymentWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PaymentWorkers.class);

    private final PaymentLedger ledger;
    private final OutcomeWriter writer;
    private final PaymentPartners partners;
    private final PaymentProperties settings;
    private final PaymentAccounts accounts;
    private final List<Thread> loops = new ArrayList<>();
    private final Map<PayoutPartner, AtomicInteger> sweeping = new EnumMap<>(PayoutPartner.class);
    private volatile ExecutorService calls;
    private volatile boolean running;

    public PaymentWorkers(PaymentLedger ledger, OutcomeWriter writer, PaymentPartners partners, PaymentProperties settings,
            PaymentAccounts accounts) {
        this.ledger = ledger;
        this.accounts = accounts;
        this.writer = writer;
        this.partners = partners;
        this.settings = settings;
        for (PayoutPartner p : PayoutPartner.values()) {
            sweeping.put(p, new AtomicInteger());
        }
    }

    /** The places of a partner's in-flight limit kept for its sweeper. */
    int sweeperPlaces(PartnerGuard guard) {
        return Math.max(1, (int) Math.round(guard.maxInFlight() * settings.sweeper().share()));
    }

    /** Places the sender may take now: what is free, less the sweeper's share it is not using. */
    int senderPlaces(PayoutPartner id, PartnerGuard guard) {
        int keptForSweeper = settings.sweeper().enabled()
                ? Math.max(0, sweeperPlaces(guard) - sweeping.get(id).get()) : 0;
        return Math.min(settings.sender().batchSize(), guard.maxInFlight() - guard.reserved() - keptForSweeper);
    }

    /** Places the sweeper may take now: its unused share, or half of what is free if that is more. */
    int sweeperPlacesFree(PayoutPartner id, PartnerGuard guard) {
        int free = guard.maxInFlight() - guard.reserved();
        int share = Math.max(0, sweeperPlaces(guard) - sweeping.get(id).get());
        return Math.min(settings.sweeper().batchSize(), Math.min(free, Math.max(share, free / 2)));
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
                    int free = senderPlaces(id, guard);
                    if (free > 0) {
                        List<PaymentLedger.Claimed> claimed = ledger.claimToSend(id, free);
                        for (PaymentLedger.Claimed c : claimed) {
                            dispatch(id, guard, c, PaymentTransitions.Source.TRANSFER);
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
                    // its own share at least, at most half of what is free beyond it, so sending goes on while it works
                    int free = sweeperPlacesFree(id, guard);
                    if (free > 0) {
                        List<PaymentLedger.Claimed> claimed = ledger.claimToSettle(id, free);
                        for (PaymentLedger.Claimed c : claimed) {
                            dispatch(id, guard, c, PaymentTransitions.Source.INQUIRY);
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

    private void dispatch(PayoutPartner id, PartnerGuard guard, PaymentLedger.Claimed claimed, PaymentTransitions.Source source) {
        AtomicInteger sweeps = source == PaymentTransitions.Source.INQUIRY ? sweeping.get(id) : null;
        guard.reserve();
        if (sweeps != null) {
            sweeps.incrementAndGet();
        }
        try {
            calls.execute(() -> {
                try {
                    writer.submit(answer(guard, claimed, source));
                } finally {
                    guard.unreserve();
                    if (sweeps != null) {
                        sweeps.decrementAndGet();
                    }
                }
            });
        } catch (RuntimeException e) {
            guard.unreserve(); // shutting down: the payment's lease runs out and the sweeper asks about it
            if (sweeps != null) {
                sweeps.decrementAndGet();
            }
        }
    }

    /** The partner's answer about a claimed payment; for one IN_DOUBT, the answers about every reference it used. */
    private PaymentLedger.Outcome answer(PartnerGuard guard, PaymentLedger.Claimed claimed, PaymentTransitions.Source source) {
        if (claimed.payment().status() == PaymentStatus.IN_DOUBT) {
            ReferenceCheck.Result checked = checkEveryReference(claimed.payment());
            return PaymentLedger.Outcome.of(claimed, PaymentTransitions.Source.INQUIRY, checked.answer(),
                    checked.creditedReference());
        }
        return PaymentLedger.Outcome.of(claimed, source, call(guard, claimed.payment(), source), null);
    }

    /** Asks each reference's own partner about it, first attempt to last. */
    private ReferenceCheck.Result checkEveryReference(Payment p) {
        List<ReferenceCheck.Asked> asked = new ArrayList<>();
        for (PaymentLedger.Attempt a : ledger.attempts(p.instructionId())) {
            PartnerGuard guard = partners.guard(a.partner());
            PartnerAnswer answer = guard == null ? PartnerAnswer.notSent(null, null, a.partner() + " not configured")
                    : inquire(guard, a.partner(), a.partnerReferenceNo());
            asked.add(new ReferenceCheck.Asked(a.partnerReferenceNo(), answer));
        }
        return ReferenceCheck.combine(asked);
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
        PaymentLedger.Outcome outcome = answer(guard, claimed, PaymentTransitions.Source.INQUIRY);
        int applied = ledger.apply(List.of(outcome));
        return new Inquiry(outcome.answer(), applied > 0);
    }

    private PartnerAnswer call(PartnerGuard guard, Payment p, PaymentTransitions.Source source) {
        if (source != PaymentTransitions.Source.TRANSFER) {
            return inquire(guard, p.partner(), p.partnerReferenceNo());
        }
        String account;
        try {
            // opened here, just before the call, and never kept or logged
            account = accounts.open(p);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // a field key missing from this instance: nothing left for the partner, so it is tried again later
            log.error("payment {}: its account cannot be opened with the field keys configured here; not sent",
                    p.instructionId());
            return PartnerAnswer.notSent("SEALED", null, "account cannot be opened with the configured field keys");
        }
        return guarded(guard, p.partner(), p.instructionId(),
                () -> guard.partner().transfer(p.partnerReferenceNo(), p.amount(), account));
    }

    private static PartnerAnswer inquire(PartnerGuard guard, PayoutPartner partner, String partnerReferenceNo) {
        return guarded(guard, partner, partnerReferenceNo, () -> guard.partner().status(partnerReferenceNo));
    }

    private static PartnerAnswer guarded(PartnerGuard guard, PayoutPartner partner, String about,
            java.util.function.Supplier<PartnerAnswer> request) {
        try {
            return guard.answer(request);
        } catch (PartnerGuard.Refused e) {
            return PartnerAnswer.notSent("GUARD", null, e.getMessage());
        } catch (SnapClient.NotSent e) {
            return PartnerAnswer.notSent("NOT_SENT", null, e.getMessage());
        } catch (SnapClient.Unanswered e) {
            return PartnerAnswer.unknown("TIMEOUT", e.getMessage());
        } catch (RuntimeException e) {
            log.error("call to {} about {} failed unexpectedly", partner, about, e);
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
