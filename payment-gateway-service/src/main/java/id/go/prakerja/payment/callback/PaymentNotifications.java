package id.go.prakerja.payment.callback;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.payment.PaymentProperties;
import id.go.prakerja.payment.partner.PartnerGuard;
import id.go.prakerja.payment.partner.PaymentPartner;
import id.go.prakerja.payment.partner.PaymentPartners;
import id.go.prakerja.payment.snap.SnapSignatures;
import id.go.prakerja.support.web.ProblemException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Partners' settlement notifications, verified with each partner's SNAP scheme
 * ({@link SnapCallbackVerifier}; the shared HMAC-SHA256 webhook filter leaves {@code /partner/payments}
 * alone) and served by {@link PaymentCallbackEndpoint}. A notification is a hint, never the truth:
 * it makes the payment it names due for a status inquiry at once, and the inquiry decides. Early,
 * late, twice or never, the payment ends in the same state. {@code X-EXTERNAL-ID} is remembered per
 * partner and day: the same notification again is acknowledged and changes nothing; another body
 * under a used id is refused. Receipts are written in batches ({@link NotificationReceipts}); a
 * partner is acknowledged once its notification is committed, and gets a 503 (and sends it again)
 * if that does not happen in time.
 */
@Component
public class PaymentNotifications {

    private static final Logger log = LoggerFactory.getLogger(PaymentNotifications.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern REFERENCE = Pattern.compile("[\\x21-\\x7E]{1,64}");

    /**
     * Notifications this instance has recorded, by partner, day and external id, with their body's
     * hash: a partner's repeated copy (GoPay sends each twice) is answered without a transaction.
     * Only committed receipts are kept, so an answer from here is the one the database would give;
     * anything not here (another replica's, an older one) goes to the database.
     */
    private final Cache<Receipt, String> recorded = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    private record Receipt(PayoutPartner partner, LocalDate day, String externalId) {
    }

    private final PaymentPartners partners;
    private final PaymentProperties settings;
    private final NotificationReceipts receipts;
    private final Clock clock;

    public PaymentNotifications(PaymentPartners partners, PaymentProperties settings, NotificationReceipts receipts,
            Clock clock) {
        this.partners = partners;
        this.settings = settings;
        this.receipts = receipts;
        this.clock = clock;
    }

    /**
     * Verifies, reads and records one notification; returns normally when the partner is to be acknowledged, throws
     * the refusal otherwise.
     *
     * @param partner the partner's segment of the path ({@code /partner/payments/{partner}/callback})
     * @param target  the request's path and query, as signed
     */
    public void receive(String partner, String method, String target, byte[] bytes, String partnerId, String timestamp,
            String externalId, String signature) {
        PayoutPartner id = partnerOf(partner);
        PartnerGuard guard = partners.guard(id);
        PaymentProperties.Partner configured = settings.partners().get(id);
        if (guard == null || configured == null) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "PARTNER_UNKNOWN", partner);
        }
        String body = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
        Instant now = clock.instant();
        String refusal = SnapCallbackVerifier.refusal(configured.clientId(), configured.clientSecret(),
                settings.callbacks().timestampWindow(), now, method, target, body, partnerId, timestamp,
                externalId, signature);
        if (refusal != null) {
            log.warn("payment callback refused: partner={} reason={}", id, refusal);
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "CALLBACK_REFUSED");
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JacksonException e) {
            json = null;
        }
        PaymentPartner.CallbackNotice notice = json == null || !json.isObject() ? null : guard.partner().notice(json);
        if (notice == null || !REFERENCE.matcher(notice.partnerReferenceNo()).matches()) {
            // SNAP's partnerReferenceNo is at most 64 visible ASCII characters (ours are letters and digits); anything
            // else names no payment, and some characters (NUL) could not even be stored
            throw new ProblemException(HttpStatus.BAD_REQUEST, "CALLBACK_UNREADABLE");
        }
        String bodyHash = SnapSignatures.sha256Hex(SnapSignatures.minify(body));
        LocalDate day = LocalDate.ofInstant(now, SnapSignatures.WIB);
        Receipt receipt = new Receipt(id, day, externalId.trim());
        String seen = recorded.getIfPresent(receipt);
        NotificationReceipts.Outcome outcome;
        if (seen != null) {
            outcome = seen.equals(bodyHash) ? NotificationReceipts.Outcome.DUPLICATE : NotificationReceipts.Outcome.REUSED;
        } else {
            outcome = recorded(new NotificationReceipts.Notice(id, day, receipt.externalId(), bodyHash,
                    notice.partnerReferenceNo(), now, signedDigest(method, target, bodyHash, timestamp)));
            if (outcome != NotificationReceipts.Outcome.REUSED) {
                recorded.put(receipt, bodyHash); // committed: either recorded just now or found with this body
            }
        }
        switch (outcome) {
            case REUSED -> {
                log.warn("payment callback refused: partner={} reason=X-EXTERNAL-ID reused with another body", id);
                throw new ProblemException(HttpStatus.CONFLICT, "CALLBACK_REPLAYED");
            }
            case UNKNOWN_PAYMENT -> throw new ProblemException(HttpStatus.NOT_FOUND, "PAYMENT_NOT_FOUND");
            default -> log.debug("payment callback from {} about {} ({}): {}", id, notice.partnerReferenceNo(),
                    notice.rawStatus(), outcome);
        }
    }

    /**
     * What the partner's signature covers, as one digest: the same signed notification has the same
     * one whatever external id or day it is replayed under.
     */
    static String signedDigest(String method, String target, String bodyHash, String timestamp) {
        return SnapSignatures.sha256Hex(method + ":" + target + ":" + bodyHash + ":" + timestamp.trim());
    }

    private NotificationReceipts.Outcome recorded(NotificationReceipts.Notice notice) {
        CompletableFuture<NotificationReceipts.Outcome> outcome = receipts.record(notice);
        try {
            return outcome.get(settings.callbacks().recordTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notRecorded(outcome);
        } catch (ExecutionException | TimeoutException e) {
            throw notRecorded(outcome);
        }
    }

    /** The partner is not acknowledged and sends the notification again; a receipt not yet begun is not written. */
    private static ProblemException notRecorded(CompletableFuture<NotificationReceipts.Outcome> outcome) {
        outcome.cancel(false);
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "CALLBACK_NOT_RECORDED");
    }

    /** Forgets the remembered receipts, as a restart would (tests use it to reach the database's answer). */
    void forgetRecordedNotifications() {
        recorded.invalidateAll();
    }

    private static PayoutPartner partnerOf(String path) {
        try {
            return PayoutPartner.valueOf(path.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "PARTNER_UNKNOWN", path);
        }
    }
}
