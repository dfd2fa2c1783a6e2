package id.go.prakerja.payment.disbursement;

import static id.go.prakerja.support.crypto.SealedTable.key;
import static id.go.prakerja.support.crypto.SealedTable.text;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.support.crypto.SealedTable;

/**
 * Where the gateway keeps the account a payment pays (a BNI account or an e-wallet phone) sealed at
 * rest, once per attempt: in the payment (its current attempt) and in each re-request's record of
 * the attempt it replaced (an earlier one), each value bound to its table, column and row, so a value
 * copied to another payment or re-request does not open. An attempt's own row holds only the masked
 * account ({@link PaymentLedger#ATTEMPTS} reads the sealed one where it is kept). The beans let the re-encryption job ({@code /admin/crypto/field-keys})
 * re-seal them under a new field key. Operators and reconciliation mismatches read the masked
 * columns ({@code ******7890}); only the sender, reconciliation's destination check and the intake
 * open these ({@link PaymentAccounts}).
 */
@Configuration(proxyBeanMethods = false)
public class SealedPayments {

    public static final String ACCOUNT_NUMBER = "account_number_sealed";
    public static final String PREVIOUS_ACCOUNT_NUMBER = "previous_account_number_sealed";

    public static final SealedTable PAYMENT = new SealedTable("payment", List.of(key("instruction_id", "text")),
            List.of(text(ACCOUNT_NUMBER)));
    public static final SealedTable PAYMENT_REREQUEST = new SealedTable("payment_rerequest", List.of(key("event_id", "uuid")),
            List.of(text(PREVIOUS_ACCOUNT_NUMBER)));

    @Bean
    SealedTable paymentSealedColumns() {
        return PAYMENT;
    }

    @Bean
    SealedTable paymentRerequestSealedColumns() {
        return PAYMENT_REREQUEST;
    }

    /** Keys the request hashes written as plain SHA-256 before it (V13). */
    @Bean
    PaymentRequestHashKeying paymentRequestHashKeying(PersonalDataCrypto crypto) {
        return new PaymentRequestHashKeying(crypto);
    }

    /** Seals the accounts written before these columns were sealed (V10), between V9 and V11. */
    @Bean
    PaymentAccountSealing paymentAccountSealing(PersonalDataCrypto crypto) {
        return new PaymentAccountSealing(crypto);
    }
}
