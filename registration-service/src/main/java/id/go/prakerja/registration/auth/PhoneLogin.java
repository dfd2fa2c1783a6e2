package id.go.prakerja.registration.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import id.go.prakerja.registration.participant.Participant;
import id.go.prakerja.registration.participant.ParticipantRepository;
import id.go.prakerja.registration.participant.PhoneNumber;
import id.go.prakerja.support.sms.SmsGateway;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.support.otp.OneTimeCodes;
import id.go.prakerja.support.security.Roles;
import id.go.prakerja.support.security.TokenIssuer;
import id.go.prakerja.support.web.ProblemException;

/**
 * Phone + SMS one-time code login. A number that is not registered gets the same answer
 * as one that is (no SMS is sent), so the endpoint does not reveal who registered.
 */
@Service
public class PhoneLogin {

    private static final Logger log = LoggerFactory.getLogger(PhoneLogin.class);

    private final ParticipantRepository participants;
    private final LoginCodeRepository codes;
    private final SmsGateway sms;
    private final PersonalDataCrypto crypto;
    private final TokenIssuer tokens;
    private final LoginProperties settings;
    private final Clock clock;
    private final TransactionTemplate transactions;

    public PhoneLogin(ParticipantRepository participants, LoginCodeRepository codes, SmsGateway sms,
            PersonalDataCrypto crypto, TokenIssuer tokens, LoginProperties settings, Clock clock,
            TransactionTemplate transactions) {
        this.participants = participants;
        this.codes = codes;
        this.sms = sms;
        this.crypto = crypto;
        this.tokens = tokens;
        this.settings = settings;
        this.clock = clock;
        this.transactions = transactions;
    }

    public record CodeSent(long expiresIn, long resendAfter) {
    }

    public CodeSent sendCode(String phoneText) {
        String phone = phone(phoneText);
        Instant now = clock.instant();
        CodeSent answer = new CodeSent(settings.otpTtl().toSeconds(), settings.resendAfter().toSeconds());
        if (participants.findByPhone(phone).isEmpty()) {
            return answer;
        }
        OneTimeCodes.requireMaySend(codes.findFirstByPhoneOrderByCreatedAtDesc(phone).map(LoginCode::createdAt).orElse(null),
                codes.countByPhoneAndCreatedAtAfter(phone, OneTimeCodes.hourBefore(now)), now, settings.resendAfter(),
                settings.maxSendsPerHour());
        String code = OneTimeCodes.newCode();
        UUID id = UUID.randomUUID();
        transactions.executeWithoutResult(tx -> codes.save(new LoginCode(id, phone, hash(phone, code), now,
                now.plus(settings.otpTtl()))));
        try {
            sms.send(id.toString(), phone, "Kode masuk Kartu Prakerja: " + code + ". Jangan berikan kode ini kepada siapa pun. Berlaku "
                    + settings.otpTtl().toMinutes() + " menit.");
        } catch (SmsGateway.SmsUnavailable e) {
            log.warn("login code {} not delivered: {}", id, e.getMessage());
            codes.deleteById(id);
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "SMS_UNAVAILABLE");
        }
        return answer;
    }

    @Transactional(noRollbackFor = ProblemException.class)
    public TokenIssuer.AccessToken exchange(String phoneText, String code) {
        String phone = phone(phoneText);
        Instant now = clock.instant();
        LoginCode latest = codes.findFirstForUpdateByPhoneOrderByCreatedAtDesc(phone)
                .orElseThrow(() -> new ProblemException(HttpStatus.UNAUTHORIZED, "OTP_INVALID"));
        if (!latest.attempt(hash(phone, code), now, settings.maxAttempts())) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "OTP_INVALID");
        }
        Participant participant = participants.findByPhone(phone)
                .orElseThrow(() -> new ProblemException(HttpStatus.UNAUTHORIZED, "OTP_INVALID"));
        return tokens.issue(participant.id().toString(), Roles.PARTICIPANT);
    }

    private static String phone(String text) {
        return PhoneNumber.normalise(text).orElseThrow(() -> new ProblemException(HttpStatus.BAD_REQUEST, "VALIDATION",
                java.util.List.of(new ProblemException.FieldProblem("phone", "PHONE_FORMAT"))));
    }

    private String hash(String phone, String code) {
        return crypto.blindIndex("login:" + phone + ":" + code);
    }
}
