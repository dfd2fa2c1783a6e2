package id.go.prakerja.console;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import id.go.prakerja.events.incentive.DisbursementRequested;
import id.go.prakerja.events.incentive.PayoutAccountLinkRequested;
import id.go.prakerja.support.crypto.CryptoProperties;
import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.support.crypto.SealContext;

/**
 * Account data sealed as the incentive service seals it for the payment gateway. The console
 * never opens it, so a transport key of its own is enough.
 */
public final class SealedForGateway {

    private static final PersonalDataCrypto CRYPTO = new PersonalDataCrypto(new CryptoProperties(randomKey(), randomKey(),
            randomKey()));

    private SealedForGateway() {
    }

    /** A field of a {@code PayoutAccountLinkRequested}: accountNumber, nik, fullName or registeredPhone. */
    public static String linkField(String field, UUID participantId, String plain) {
        return CRYPTO.encryptForTransport(plain, SealContext.ofEvent(PayoutAccountLinkRequested.class, field, participantId));
    }

    /** The account to pay of a {@code DisbursementRequested}. */
    public static String accountToPay(UUID participantId, String plain) {
        return CRYPTO.encryptForTransport(plain, SealContext.ofEvent(DisbursementRequested.class, "accountNumber", participantId));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
