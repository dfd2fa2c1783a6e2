package id.go.prakerja.incentive.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import id.go.prakerja.events.EventEnvelope;
import id.go.prakerja.events.incentive.PayoutAccountLinkRequested;
import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.events.payment.PayoutAccountRejected;
import id.go.prakerja.events.payment.PayoutAccountVerified;
import id.go.prakerja.incentive.integrity.IntegritySignals;
import id.go.prakerja.incentive.notification.Notices;
import id.go.prakerja.incentive.participant.ParticipantRecords;
import id.go.prakerja.incentive.participant.SealedParticipantData;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.support.outbox.Outbox;
import id.go.prakerja.support.web.ProblemException;
import id.go.prakerja.support.web.ProblemException.FieldProblem;

/**
 * Links, shows and unlinks a participant's payout account, and applies the partner's verdict.
 * A link request and its {@link PayoutAccountLinkRequested} commit together; the partial unique
 * index on active links and the participant's row lock make "only one active link" hold under
 * concurrent requests. Each link keeps its account's blind index, by which a link of an account
 * another participant links too raises an integrity signal in the same transaction.
 */
@Service
public class PayoutAccounts {

    private static final Logger log = LoggerFactory.getLogger(PayoutAccounts.class);

    private final JdbcTemplate jdbc;
    private final ParticipantRecords participants;
    private final PersonalDataCrypto crypto;
    private final Outbox outbox;
    private final Notices notices;
    private final MessageSource messages;
    private final IntegritySignals integrity;
    private final Clock clock;

    public PayoutAccounts(JdbcTemplate jdbc, ParticipantRecords participants, PersonalDataCrypto crypto, Outbox outbox,
            Notices notices, MessageSource messages, IntegritySignals integrity, Clock clock) {
        this.jdbc = jdbc;
        this.integrity = integrity;
        this.participants = participants;
        this.crypto = crypto;
        this.outbox = outbox;
        this.notices = notices;
        this.messages = messages;
        this.clock = clock;
    }

    record Link(UUID linkId, UUID participantId, PayoutPartner partner, String accountNumber, String status,
            String reasonCode, String holderMasked, Instant requestedAt, Instant decidedAt) {
    }

    @Transactional
    public PayoutAccountView link(UUID participantId, PayoutPartner partner, String accountNumber, String phone, Locale locale) {
        if (partner == null) {
            throw invalid("partner", "NotNull");
        }
        boolean eWallet = AccountNumbers.isEWallet(partner);
        String given = eWallet ? phone : accountNumber;
        String field = eWallet ? "phone" : "accountNumber";
        if (given == null || given.isBlank()) {
            throw invalid(field, "NotBlank");
        }
        String account = AccountNumbers.normalise(partner, given)
                .orElseThrow(() -> invalid(field, eWallet ? "PHONE_FORMAT" : "ACCOUNT_NUMBER_FORMAT"));
        var identity = participants.lockIdentity(participantId)
                .filter(i -> i.nik() != null && i.fullName() != null && i.phone() != null)
                .orElseThrow(() -> new ProblemException(HttpStatus.CONFLICT, "PARTICIPANT_NOT_KNOWN_YET"));
        if (identity.revoked()) {
            throw new ProblemException(HttpStatus.CONFLICT, "PARTICIPANT_REVOKED");
        }
        if (active(participantId).isPresent()) {
            throw new ProblemException(HttpStatus.CONFLICT, "ACCOUNT_ALREADY_LINKED");
        }
        UUID linkId = UUID.randomUUID();
        Instant now = clock.instant();
        String accountIndex = accountIndex(crypto, partner, account);
        jdbc.update("""
                insert into payout_account (link_id, participant_id, partner, account_number, account_index, status, requested_at)
                values (?, ?, ?, ?, ?, 'PENDING', ?)""", linkId, participantId, partner.name(), account, accountIndex,
                Timestamp.from(now));
        integrity.linked(linkId, partner, accountIndex);
        outbox.publish(EventEnvelope.of(new PayoutAccountLinkRequested(linkId, partner,
                crypto.encryptForTransport(account, SealedParticipantData.accountToLinkForGateway(participantId)),
                crypto.encryptForTransport(identity.nik(), SealedParticipantData.nikForGateway(participantId)),
                crypto.encryptForTransport(identity.fullName(), SealedParticipantData.fullNameForGateway(participantId)),
                crypto.encryptForTransport(identity.phone(), SealedParticipantData.registeredPhoneForGateway(participantId))),
                participantId, UUID.randomUUID(), null, now));
        log.info("payout account link {} of {} requested at {}", linkId, participantId, partner);
        return view(find(linkId).orElseThrow(), locale);
    }

    /**
     * The account's blind index: the keyed hash of the partner and the normalised account number or
     * e-wallet phone, by which links of one account are found without reading account numbers.
     */
    public static String accountIndex(PersonalDataCrypto crypto, PayoutPartner partner, String normalisedAccount) {
        return crypto.blindIndex("payout-account|" + partner.name() + "|" + normalisedAccount);
    }

    @Transactional(readOnly = true)
    public PayoutAccountView current(UUID participantId, Locale locale) {
        return latest(participantId).map(l -> view(l, locale))
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "NO_PAYOUT_ACCOUNT"));
    }

    @Transactional
    public void unlink(UUID participantId) {
        participants.lockIdentity(participantId);
        int changed = jdbc.update("""
                update payout_account set status = 'UNLINKED', unlinked_at = ?
                 where participant_id = ? and status in ('PENDING', 'VERIFIED')""",
                Timestamp.from(clock.instant()), participantId);
        if (changed == 0) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "NO_PAYOUT_ACCOUNT");
        }
        log.info("payout account of {} unlinked", participantId);
    }

    /** Runs in the consumer's transaction; a verdict for a link that is no longer pending changes nothing. */
    public void verified(EventEnvelope<PayoutAccountVerified> event) {
        UUID linkId = event.payload().linkId();
        int changed = jdbc.update("""
                update payout_account set status = 'VERIFIED', decided_at = ? where link_id = ? and status = 'PENDING'""",
                Timestamp.from(event.payload().verifiedAt()), linkId);
        if (changed == 0) {
            log.info("verification of link {} changes nothing (unknown, unlinked or already decided)", linkId);
            return;
        }
        Link link = find(linkId).orElseThrow();
        log.info("payout account link {} of {} verified", linkId, link.participantId());
        notices.accountVerified(link.participantId(), linkId, link.partner().name(), AccountNumbers.mask(link.accountNumber()));
    }

    public void rejected(EventEnvelope<PayoutAccountRejected> event) {
        PayoutAccountRejected rejected = event.payload();
        int changed = jdbc.update("""
                update payout_account set status = 'REJECTED', decided_at = ?, reason_code = ?, holder_masked = ?
                 where link_id = ? and status = 'PENDING'""",
                Timestamp.from(rejected.rejectedAt()), rejected.reasonCode().name(), rejected.accountHolderMasked(),
                rejected.linkId());
        if (changed == 0) {
            log.info("rejection of link {} changes nothing (unknown, unlinked or already decided)", rejected.linkId());
            return;
        }
        Link link = find(rejected.linkId()).orElseThrow();
        log.info("payout account link {} of {} rejected: {}", rejected.linkId(), link.participantId(), rejected.reasonCode());
        notices.accountRejected(link.participantId(), rejected.linkId(), link.partner().name(),
                reason(rejected.reasonCode().name(), rejected.accountHolderMasked(), Locale.forLanguageTag("id")),
                reason(rejected.reasonCode().name(), rejected.accountHolderMasked(), Locale.ENGLISH));
    }

    Optional<Link> active(UUID participantId) {
        return links("where participant_id = ? and status in ('PENDING', 'VERIFIED')", participantId).stream().findFirst();
    }

    Optional<Link> latest(UUID participantId) {
        return links("where participant_id = ? order by requested_at desc, link_id limit 1", participantId).stream().findFirst();
    }

    Optional<Link> find(UUID linkId) {
        return links("where link_id = ?", linkId).stream().findFirst();
    }

    private List<Link> links(String where, Object argument) {
        return jdbc.query("""
                select link_id, participant_id, partner, account_number, status, reason_code, holder_masked,
                       requested_at, decided_at from payout_account """ + " " + where,
                (rs, i) -> new Link(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        PayoutPartner.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getTimestamp(8).toInstant(),
                        rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant()), argument);
    }

    private PayoutAccountView view(Link link, Locale locale) {
        String hold = integrity.holdOf(link.participantId()).orElse(null);
        return new PayoutAccountView(link.linkId(), link.partner().name(), AccountNumbers.mask(link.accountNumber()),
                link.status(), link.reasonCode(),
                link.reasonCode() == null ? null : reason(link.reasonCode(), link.holderMasked(), locale),
                link.holderMasked(), link.requestedAt(), link.decidedAt(), hold,
                hold == null ? null : messages.getMessage("incentive.held." + hold, null, hold, locale));
    }

    /** What the participant should do about a rejection, in their language. */
    public String reason(String reasonCode, String holderMasked, Locale locale) {
        return messages.getMessage("account.rejected." + reasonCode, new Object[] {holderMasked == null ? "" : holderMasked},
                reasonCode, locale);
    }

    private static ProblemException invalid(String field, String code) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "VALIDATION", List.of(new FieldProblem(field, code)));
    }
}
