package id.go.prakerja.verification.contact;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import id.go.prakerja.events.verification.VerificationLayer;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.support.email.EmailSender;
import id.go.prakerja.support.otp.OneTimeCodes;
import id.go.prakerja.support.sms.SmsGateway;
import id.go.prakerja.support.web.ProblemException;
import id.go.prakerja.verification.VerificationProperties;
import id.go.prakerja.verification.verificationcase.CaseDecisions;
import id.go.prakerja.verification.verificationcase.Cases;
import id.go.prakerja.verification.verificationcase.LayerStatus;
import id.go.prakerja.verification.verificationcase.VerificationCase;
import id.go.prakerja.verification.verificationcase.VerificationCaseView;

/**
 * The e-mail and phone layers: a 6-digit code goes to the address or number the case holds, and
 * entering it passes the layer. Codes expire, are kept only as keyed hashes, and allow a few wrong
 * entries; a code used up by wrong entries is one failed attempt of the layer. Sends are limited
 * per layer (a wait between codes, a maximum per hour).
 */
@Service
public class ContactConfirmation {

    private static final Logger log = LoggerFactory.getLogger(ContactConfirmation.class);

    private final Cases cases;
    private final VerificationCodeRepository codes;
    private final CaseDecisions decisions;
    private final EmailSender email;
    private final SmsGateway sms;
    private final PersonalDataCrypto crypto;
    private final VerificationProperties settings;
    private final Clock clock;
    private final TransactionTemplate transactions;

    public ContactConfirmation(Cases cases, VerificationCodeRepository codes, CaseDecisions decisions,
            EmailSender email, SmsGateway sms, PersonalDataCrypto crypto, VerificationProperties settings, Clock clock,
            TransactionTemplate transactions) {
        this.cases = cases;
        this.codes = codes;
        this.decisions = decisions;
        this.email = email;
        this.sms = sms;
        this.crypto = crypto;
        this.settings = settings;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** @param sentTo the address or number, masked */
    public record CodeSent(String sentTo, long expiresIn, long resendAfter) {
    }

    public CodeSent sendCode(UUID participantId, VerificationLayer layer) {
        requireContactLayer(layer);
        Instant now = clock.instant();
        String code = OneTimeCodes.newCode();
        UUID id = UUID.randomUUID();
        String destination = transactions.execute(tx -> {
            VerificationCase c = cases.lockedForParticipant(participantId);
            if (!c.awaitsParticipant(layer)) {
                throw new ProblemException(HttpStatus.CONFLICT, "LAYER_NOT_CURRENT", layer);
            }
            String to = destination(c, layer);
            // a new address or number need not wait for a code that went to the old one
            Instant lastToHere = codes.findFirstByParticipantIdAndLayerOrderByCreatedAtDesc(participantId, layer)
                    .filter(last -> last.destination().equals(to)).map(VerificationCode::createdAt).orElse(null);
            OneTimeCodes.requireMaySend(lastToHere, codes.countByParticipantIdAndLayerAndCreatedAtAfter(participantId,
                    layer, OneTimeCodes.hourBefore(now)), now, settings.code().resendAfter(), settings.code().maxSendsPerHour());
            if (c.progress(layer).status() == LayerStatus.FAILED) {
                c.retry(layer, now); // a new code is the next attempt
            }
            codes.save(new VerificationCode(id, participantId, layer, to, hash(participantId, layer, to, code), now,
                    now.plus(settings.code().ttl())));
            return to;
        });
        try {
            deliver(id, layer, destination, code);
        } catch (EmailSender.EmailUnavailable | SmsGateway.SmsUnavailable e) {
            log.warn("{} code {} for {} not delivered: {}", layer, id, participantId, e.getMessage());
            codes.deleteById(id); // an undelivered code must not hold back the next request
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE,
                    layer == VerificationLayer.EMAIL ? "EMAIL_UNAVAILABLE" : "SMS_UNAVAILABLE");
        }
        log.info("{} code {} sent for {}", layer, id, participantId);
        return new CodeSent(layer == VerificationLayer.EMAIL ? VerificationCaseView.maskEmail(destination)
                : VerificationCaseView.maskPhone(destination), settings.code().ttl().toSeconds(),
                settings.code().resendAfter().toSeconds());
    }

    /**
     * Checks an entered code. Wrong entries are counted even though the request fails, so a
     * refusal commits too.
     */
    @Transactional(noRollbackFor = ProblemException.class)
    public VerificationCase confirm(UUID participantId, VerificationLayer layer, String code) {
        requireContactLayer(layer);
        VerificationCase c = cases.lockedForParticipant(participantId);
        if (!c.awaitsParticipant(layer)) {
            throw new ProblemException(HttpStatus.CONFLICT, "LAYER_NOT_CURRENT", layer);
        }
        VerificationCode latest = codes.findFirstByParticipantIdAndLayerOrderByCreatedAtDesc(participantId, layer)
                .orElseThrow(() -> new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "CODE_NOT_SENT"));
        String to = destination(c, layer);
        int maxEntries = settings.code().maxEntries();
        switch (latest.enter(code == null ? "" : hash(participantId, layer, to, code), to, clock.instant(), maxEntries)) {
            case RIGHT -> decisions.passed(c, layer, null);
            case WRONG -> throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "CODE_WRONG",
                    latest.entriesLeft(maxEntries));
            case EXHAUSTED -> {
                decisions.failed(c, layer, "CODE_ATTEMPTS_EXHAUSTED", null);
                throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "CODE_ATTEMPTS_EXHAUSTED");
            }
            case USED_UP -> throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "CODE_USED_UP");
            case EXPIRED -> throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "CODE_EXPIRED");
        }
        return c;
    }

    private void deliver(UUID id, VerificationLayer layer, String destination, String code) {
        long minutes = settings.code().ttl().toMinutes();
        if (layer == VerificationLayer.EMAIL) {
            email.send(id.toString(), destination, "Kode verifikasi email Kartu Prakerja: " + code,
                    "Kode verifikasi email Anda: " + code + ". Masukkan kode ini di situs atau aplikasi Kartu Prakerja. "
                            + "Berlaku " + minutes + " menit. Jangan berikan kode ini kepada siapa pun.\n\n"
                            + "Your Kartu Prakerja e-mail verification code: " + code + " (valid " + minutes + " minutes).");
        } else {
            sms.send(id.toString(), destination, "Kode verifikasi nomor HP Kartu Prakerja: " + code
                    + ". Jangan berikan kode ini kepada siapa pun. Berlaku " + minutes + " menit.");
        }
    }

    private static void requireContactLayer(VerificationLayer layer) {
        if (layer != VerificationLayer.EMAIL && layer != VerificationLayer.PHONE) {
            throw new IllegalArgumentException(layer + " is not confirmed by a code");
        }
    }

    private static String destination(VerificationCase c, VerificationLayer layer) {
        return layer == VerificationLayer.EMAIL ? c.email() : c.phone();
    }

    private String hash(UUID participantId, VerificationLayer layer, String destination, String code) {
        return crypto.blindIndex("verify:" + participantId + ":" + layer + ":" + destination + ":" + code.trim());
    }
}
