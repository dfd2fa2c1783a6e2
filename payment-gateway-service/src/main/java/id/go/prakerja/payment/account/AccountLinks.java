package id.go.prakerja.payment.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.incentive.PayoutAccountLinkRequested;
import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.events.payment.PayoutAccountRejected;
import id.go.prakerja.events.payment.PayoutAccountVerified;
import id.go.prakerja.payment.PaymentProperties;
import id.go.prakerja.payment.partner.AccountLookup;
import id.go.prakerja.payment.partner.PartnerGuard;
import id.go.prakerja.payment.partner.PaymentPartners;
import id.go.prakerja.support.config.PlatformSchedulers;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.support.crypto.SealContext;
import id.go.prakerja.support.outbox.Outbox;
import jakarta.annotation.PreDestroy;

/**
 * Payout-account verification. A link request is recorded (its account number, NIK, name and
 * registered phone opened from transport, each under its own {@link #onTheWire(String, UUID)}
 * context, and each sealed again at rest under its column's context ({@link SealedAccountLinks});
 * only the masked account stays readable) without calling anyone; a request whose values do not
 * open fails and ends among the dead letters; a worker claims due requests ({@code FOR UPDATE
 * SKIP LOCKED}, one lease at a time), asks the partner's account inquiry with the account alone
 * (the NIK never leaves: the partner's masked NIK is compared here), decides
 * ({@link AccountDecision}) and publishes {@code PayoutAccountVerified} or {@code PayoutAccountRejected}
 * through the outbox with the decision; the name comparison is kept with its words masked. A
 * partner that cannot answer makes the request wait, longer each time; nobody is rejected for it.
 * Logs name links by id, never by account, phone, name or NIK.
 */
@Component
public class AccountLinks {

    private static final Logger log = LoggerFactory.getLogger(AccountLinks.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final PersonalDataCrypto crypto;
    private final PaymentPartners partners;
    private final PaymentProperties settings;
    private final Clock clock;
    private final ExecutorService calls = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("account-inquiry-", 0).factory());

    public AccountLinks(JdbcTemplate jdbc, TransactionTemplate transactions, Outbox outbox, PersonalDataCrypto crypto,
            PaymentPartners partners, PaymentProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.outbox = outbox;
        this.crypto = crypto;
        this.partners = partners;
        this.settings = settings;
        this.clock = clock;
    }

    static SealContext nikAtRest(UUID linkId) {
        return SealedAccountLinks.atRest(SealedAccountLinks.NIK, linkId);
    }

    /** Where the incentive service seals a field of a link request: per field and participant. */
    public static SealContext onTheWire(String field, UUID participantId) {
        return SealContext.ofEvent(PayoutAccountLinkRequested.class, field, participantId);
    }

    /** Records the request; runs in the consumer's transaction. A repeat of a link id changes nothing. */
    public void receive(EventEnvelope<PayoutAccountLinkRequested> event) {
        PayoutAccountLinkRequested request = event.payload();
        UUID participant = event.participantId();
        String account = crypto.decryptFromTransport(request.accountNumber(), onTheWire("accountNumber", participant)).trim();
        String nik = crypto.decryptFromTransport(request.nik(), onTheWire("nik", participant));
        String fullName = crypto.decryptFromTransport(request.fullName(), onTheWire("fullName", participant));
        String registeredPhone = crypto.decryptFromTransport(request.registeredPhone(), onTheWire("registeredPhone", participant));
        Instant now = clock.instant();
        UUID link = request.linkId();
        jdbc.update("""
                insert into account_link (link_id, participant_id, correlation_id, request_event_id, partner,
                    account_number_sealed, nik_sealed, full_name_sealed, registered_phone_sealed, account_masked, status,
                    due_at, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)
                on conflict (link_id) do nothing""",
                link, event.participantId(), event.correlationId(), event.eventId(), request.partner().name(),
                crypto.encryptAtRest(account, SealedAccountLinks.atRest(SealedAccountLinks.ACCOUNT_NUMBER, link)),
                crypto.encryptAtRest(nik, nikAtRest(link)),
                crypto.encryptAtRest(fullName, SealedAccountLinks.atRest(SealedAccountLinks.FULL_NAME, link)),
                crypto.encryptAtRest(registeredPhone, SealedAccountLinks.atRest(SealedAccountLinks.REGISTERED_PHONE, link)),
                SealedAccountLinks.maskAccount(account), Timestamp.from(now), Timestamp.from(now));
    }

    /** A claimed request, its personal data as sealed at rest (opened only to ask and decide). */
    private record Due(UUID linkId, UUID participantId, UUID correlationId, UUID requestEventId, PayoutPartner partner,
            String accountSealed, String nikSealed, String fullNameSealed, String registeredPhoneSealed, int attempts) {

        @Override
        public String toString() {
            return "Due[link=" + linkId + ", partner=" + partner + ", attempts=" + attempts + "]";
        }
    }

    @Scheduled(fixedDelayString = "${prakerja.payment.accounts.poll-interval:500ms}", scheduler = PlatformSchedulers.WORKERS)
    public void verifyDue() {
        if (!settings.accounts().enabled()) {
            return;
        }
        List<Due> due;
        do {
            due = claim();
            List<Future<?>> running = new java.util.ArrayList<>();
            for (Due d : due) {
                running.add(calls.submit(() -> verify(d)));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (Exception e) {
                    log.error("account verification failed unexpectedly; it runs again after its lease", e);
                }
            }
        } while (due.size() == settings.accounts().batchSize());
    }

    private List<Due> claim() {
        Instant now = clock.instant();
        return jdbc.query("""
                update account_link l set due_at = ?, attempts = attempts + 1
                from (select link_id from account_link where status = 'PENDING' and due_at <= ?
                      order by due_at limit ? for update skip locked) d
                where l.link_id = d.link_id
                returning l.link_id, l.participant_id, l.correlation_id, l.request_event_id, l.partner, l.account_number_sealed,
                    l.nik_sealed, l.full_name_sealed, l.registered_phone_sealed, l.attempts""",
                (rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class), PayoutPartner.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getInt(10)),
                Timestamp.from(now.plus(settings.accounts().lease())), Timestamp.from(now), settings.accounts().batchSize());
    }

    void verify(Due d) {
        PartnerGuard guard = partners.guard(d.partner());
        String account = crypto.decryptAtRest(d.accountSealed(),
                SealedAccountLinks.atRest(SealedAccountLinks.ACCOUNT_NUMBER, d.linkId()));
        AccountLookup lookup;
        try {
            if (guard == null) {
                throw new IllegalStateException(d.partner() + " is not configured");
            }
            // the account alone: the inquiry needs nothing else, and the NIK is compared here with the partner's masked one
            lookup = guard.call(() -> guard.partner().lookUp(account));
        } catch (RuntimeException e) {
            Duration wait = waitAfter(d.attempts());
            log.warn("account inquiry at {} for link {} not answered ({}); asked again in {} s", d.partner(), d.linkId(),
                    e.getMessage(), wait.toSeconds());
            jdbc.update("update account_link set due_at = ? where link_id = ? and status = 'PENDING'",
                    Timestamp.from(clock.instant().plus(wait)), d.linkId());
            return;
        }
        AccountDecision decision = AccountDecision.decide(d.partner(), lookup,
                crypto.decryptAtRest(d.nikSealed(), nikAtRest(d.linkId())),
                crypto.decryptAtRest(d.fullNameSealed(), SealedAccountLinks.atRest(SealedAccountLinks.FULL_NAME, d.linkId())),
                crypto.decryptAtRest(d.registeredPhoneSealed(),
                        SealedAccountLinks.atRest(SealedAccountLinks.REGISTERED_PHONE, d.linkId())),
                settings.accounts().nameMatchThreshold());
        Instant now = clock.instant();
        transactions.executeWithoutResult(tx -> {
            int updated = jdbc.update("""
                    update account_link set status = ?, reason_code = ?, holder_masked = ?, name_score = ?, name_comparison = ?,
                        partner_raw_code = ?, decided_at = ? where link_id = ? and status = 'PENDING'""",
                    decision.accepted() ? "VERIFIED" : "REJECTED", decision.reason().map(Enum::name).orElse(null),
                    decision.holderMasked(), decision.name() == null ? null : decision.name().score(),
                    decision.name() == null ? decision.detail() : decision.name().maskedComparison(), lookup.rawCode(),
                    Timestamp.from(now), d.linkId());
            if (updated == 0) {
                return;
            }
            if (decision.accepted()) {
                outbox.publish(EventEnvelope.of(new PayoutAccountVerified(d.linkId(), now), d.participantId(),
                        d.correlationId(), d.requestEventId(), now));
            } else {
                outbox.publish(EventEnvelope.of(new PayoutAccountRejected(d.linkId(), decision.reason().get(), now,
                        decision.holderMasked()), d.participantId(), d.correlationId(), d.requestEventId(), now));
            }
        });
        log.info("payout account link {} at {}: {} ({})", d.linkId(), d.partner(),
                decision.accepted() ? "VERIFIED" : decision.reason().get(), decision.detail());
    }

    private Duration waitAfter(int attempts) {
        Duration wait = settings.accounts().firstWait().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 16));
        return wait.compareTo(settings.accounts().maxWait()) > 0 ? settings.accounts().maxWait() : wait;
    }

    @PreDestroy
    void stop() {
        calls.shutdownNow();
    }
}
