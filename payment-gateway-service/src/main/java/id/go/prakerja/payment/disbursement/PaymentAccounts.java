package id.go.prakerja.payment.disbursement;

import java.util.UUID;

import org.springframework.stereotype.Component;

import id.go.prakerja.support.crypto.PersonalDataCrypto;

/**
 * Seals and opens the account a payment pays, where {@link SealedPayments} keeps it: one AES-GCM per
 * value. The intake seals (a payment's account, once; a re-request the account it replaces), the
 * sender opens the payment's account for the transfer call, reconciliation opens an attempt's
 * (where the payment or the re-request keeps it) to compare it with the partner's destination. Nothing else opens them: operators read the masked columns.
 */
@Component
public class PaymentAccounts {

    private final PersonalDataCrypto crypto;

    public PaymentAccounts(PersonalDataCrypto crypto) {
        this.crypto = crypto;
    }

    /** The account of the payment {@code instructionId}, sealed for {@code payment.account_number_sealed}. */
    public String sealForPayment(String account, String instructionId) {
        return crypto.encryptAtRest(account, SealedPayments.PAYMENT.context(SealedPayments.ACCOUNT_NUMBER, instructionId));
    }

    /** The account of the attempt a re-request replaced, sealed for its {@code payment_rerequest} row. */
    public String sealForRerequest(String account, UUID eventId) {
        return crypto.encryptAtRest(account,
                SealedPayments.PAYMENT_REREQUEST.context(SealedPayments.PREVIOUS_ACCOUNT_NUMBER, eventId));
    }

    /** The account a payment row holds sealed, opened. */
    public String open(Payment p) {
        return openPayment(p.accountSealed(), p.instructionId());
    }

    public String openPayment(String sealed, String instructionId) {
        return crypto.decryptAtRest(sealed, SealedPayments.PAYMENT.context(SealedPayments.ACCOUNT_NUMBER, instructionId));
    }

    /** The account of an attempt, opened where it is kept (the payment's or a re-request's row). */
    public String open(PaymentLedger.Attempt a) {
        return crypto.decryptAtRest(a.accountSealed(), a.accountSealedAt());
    }

    /** The account a re-request's record of the attempt it replaced holds sealed, opened. */
    public String openPrevious(String sealed, UUID eventId) {
        return crypto.decryptAtRest(sealed,
                SealedPayments.PAYMENT_REREQUEST.context(SealedPayments.PREVIOUS_ACCOUNT_NUMBER, eventId));
    }
}
