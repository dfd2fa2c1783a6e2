package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.Party;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every transfer the partner accepted, by {@code partnerReferenceNo}, in the order it accepted them
 * and by the Jakarta day it did. It is the partner's truth about money: what the status inquiry
 * answers, what the settlement report lists and what a test asserts "paid exactly once" against.
 *
 * <p>Memory stays bounded per payment: a record and its reference in a per-day index.
 *
 * <p>Thread-safe: every method holds the ledger's monitor. A caller that must check and then add
 * in one step (a transfer, whose reference may be paid only once; a settlement, which must not
 * outrun a reset) holds the monitor across both, {@code synchronized (ledger)}. When a file is kept,
 * each change is appended to it before memory changes, so a failed write changes nothing.
 */
final class Ledger {

    private static final Logger log = LoggerFactory.getLogger(Ledger.class);

    private final Party party;
    private final Map<String, PaymentRecord> payments = new HashMap<>();
    private final List<String> order = new ArrayList<>();
    private final Map<LocalDate, List<String>> byDay = new HashMap<>();
    /** Every state of every transfer, kept across restarts; null: memory only. */
    private Journal journal;

    Ledger(Party party) {
        this.party = party;
    }

    synchronized Optional<PaymentRecord> find(String partnerReferenceNo) {
        return Optional.ofNullable(payments.get(partnerReferenceNo));
    }

    synchronized boolean contains(String partnerReferenceNo) {
        return payments.containsKey(partnerReferenceNo);
    }

    /** Oldest first. */
    synchronized List<PaymentRecord> all() {
        return order.stream().map(payments::get).toList();
    }

    /** A page, oldest first. */
    synchronized List<PaymentRecord> page(int offset, int limit) {
        int from = Math.min(Math.max(offset, 0), order.size());
        int to = Math.min(order.size(), from + Math.max(limit, 0));
        return order.subList(from, to).stream().map(payments::get).toList();
    }

    synchronized int count() {
        return order.size();
    }

    /** The transfers created on {@code day} (Jakarta time), in their current state, oldest first. */
    synchronized List<PaymentRecord> createdOn(LocalDate day) {
        return byDay.getOrDefault(day, List.of()).stream().map(payments::get).toList();
    }

    /** The references of the transfers still pending. */
    synchronized List<String> pending() {
        return payments.values().stream()
                .filter(p -> p.status() == PaymentStatus.PENDING)
                .map(PaymentRecord::partnerReferenceNo)
                .toList();
    }

    /** Records a transfer the partner just accepted; the caller has checked its reference is new. */
    synchronized void add(PaymentRecord record) {
        append(record);
        index(record);
    }

    /** Replaces a transfer's state with a later one (its settlement), in its place. */
    synchronized void update(PaymentRecord record) {
        append(record);
        payments.put(record.partnerReferenceNo(), record);
    }

    /**
     * Loads the transfers {@code file} holds and appends every change from now on there; the file is
     * compacted to one line per transfer. Returns the loaded transfers, oldest first.
     *
     * @throws IllegalStateException when transfers were already accepted: a file loaded after them
     *                               would interleave two histories
     */
    synchronized List<PaymentRecord> keepIn(Path file) {
        if (!payments.isEmpty()) {
            throw new IllegalStateException(party + " has already accepted transfers; keep the ledger before the first");
        }
        List<PaymentRecord> kept = List.copyOf(PartnerStateFiles.readLedger(party, file).values());
        kept.forEach(this::index);
        if (journal != null) {
            journal.close();
        }
        journal = Journal.rewrite(file, kept);
        if (!kept.isEmpty()) {
            long pending = kept.stream().filter(r -> r.status() == PaymentStatus.PENDING).count();
            log.info("{} ledger: {} transfers loaded from {} ({} still pending)", party, kept.size(), file, pending);
        }
        return kept;
    }

    /** Forgets every transfer; the kept file is emptied. */
    synchronized void clear() {
        if (journal != null) {
            journal.clear();
        }
        payments.clear();
        order.clear();
        byDay.clear();
    }

    synchronized void close() {
        if (journal != null) {
            journal.close();
            journal = null;
        }
    }

    private void index(PaymentRecord record) {
        String reference = record.partnerReferenceNo();
        payments.put(reference, record);
        order.add(reference);
        byDay.computeIfAbsent(LocalDate.ofInstant(record.createdAt(), SnapSignature.WIB), d -> new ArrayList<>())
                .add(reference);
    }

    private void append(PaymentRecord record) {
        if (journal != null) {
            journal.append(record);
        }
    }
}
