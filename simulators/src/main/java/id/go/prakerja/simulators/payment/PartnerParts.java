package id.go.prakerja.simulators.payment;

import id.go.prakerja.simulators.Party;
import id.go.prakerja.simulators.http.Router;
import id.go.prakerja.simulators.population.Resident;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * How one payment partner's parts fit together: who shares which state, which part serves which
 * SNAP route, and what a reset, a kept ledger and a close have to reach. {@link PaymentPartnerSimulator}
 * is the partner's face; this is its inside, built once per partner and never replaced.
 *
 * <p>Each part guards its own state. Where two must change together, the one that decides holds the
 * {@link Ledger}'s monitor across both: a transfer checks its reference and adds its record in one
 * step, and a settlement checks that no reset intervened before it records the outcome.
 */
final class PartnerParts {

    final PartnerProfile profile;
    final String clientId;
    final String clientSecret;
    /** Settles pending transfers and sends delayed notifications; daemon threads, so a forgotten close does not hang a JVM. */
    final ScheduledExecutorService scheduler;
    final PartnerBehaviour behaviour;
    final AccountBook accounts;
    final Ledger ledger;
    final ReferenceNumbers references;
    final AccessTokens tokens;
    final SnapGate gate;
    final Notifications notifications;
    final PendingSettlements pending;
    final SettlementReports settlements;
    final AccountInquiry inquiry;
    final Transfers transfers;
    final TransferStatusInquiry status;
    final SnapFaults faults;

    PartnerParts(Party party, String clientId, String clientSecret, String clientPublicKeyPem,
                 List<Resident> population, long seed, boolean simulateLatency) {
        this.profile = PartnerProfile.of(party);
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "sim-" + party.slug() + "-settlement");
            t.setDaemon(true);
            return t;
        });
        this.behaviour = new PartnerBehaviour(profile, simulateLatency);
        this.accounts = new AccountBook(profile, PartnerAccounts.seed(profile, population, seed));
        this.ledger = new Ledger(party);
        this.references = new ReferenceNumbers(profile);
        this.tokens = new AccessTokens(clientId, SnapSignature.publicKey(clientPublicKeyPem), behaviour);
        this.gate = new SnapGate(clientId, clientSecret, tokens, behaviour);
        this.notifications = new Notifications(profile, clientId, clientSecret, behaviour, scheduler);
        this.pending = new PendingSettlements(profile, ledger, behaviour, notifications, scheduler);
        this.settlements = new SettlementReports(profile, ledger, gate);
        this.inquiry = new AccountInquiry(profile, gate, accounts, references);
        this.transfers = new Transfers(profile, gate, accounts, ledger, references, behaviour, pending, notifications);
        this.status = new TransferStatusInquiry(profile, gate, ledger, behaviour);
        this.faults = new SnapFaults(profile);
    }

    /** The partner's SNAP surface; every answer, refusals included, carries the partner's X-TIMESTAMP. */
    void registerSnapRoutes(Router router) {
        router.party("POST", PartnerProfile.TOKEN_PATH, SnapFaults.stamped(tokens::issue));
        router.party("POST", profile.inquiryPath(), SnapFaults.stamped(inquiry::inquire));
        router.party("POST", profile.transferPath(), SnapFaults.stamped(transfers::transfer));
        router.party("POST", profile.statusPath(), SnapFaults.stamped(status::status));
        router.party("POST", PartnerProfile.SETTLEMENT_PATH, SnapFaults.stamped(settlements::overHttp));
    }

    /**
     * Loads a kept ledger and makes every part agree with it: its transfers' external ids stay used,
     * its referenceNos are not handed out again, and its pending transfers settle.
     */
    void keepLedgerIn(Path file) {
        List<PaymentRecord> loaded = ledger.keepIn(file);
        gate.rememberExternalIds(loaded);
        references.continueAfter(loaded);
        pending.resume(loaded);
    }

    /**
     * Back to the seeded state. Access tokens survive it: a reset is about business state, and a
     * platform that cached its token should not start failing because a test cleaned up. Settlements
     * scheduled before it are dropped first, so none lands on the emptied ledger.
     */
    void reset() {
        pending.forgetScheduled();
        accounts.reset();
        ledger.clear();
        gate.reset();
        settlements.reset();
        notifications.reset();
        inquiry.reset();
        behaviour.reset();
    }

    void close() {
        scheduler.shutdownNow();
        notifications.close();
        accounts.close();
        ledger.close();
    }
}
