package id.go.prakerja.payment.account;

import static id.go.prakerja.support.crypto.SealedTable.key;
import static id.go.prakerja.support.crypto.SealedTable.text;

import java.util.List;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import id.go.prakerja.support.crypto.PersonalDataCrypto;
import id.go.prakerja.support.crypto.SealContext;
import id.go.prakerja.support.crypto.SealedTable;

/**
 * Where the gateway keeps personal data sealed at rest: a link request's account number (a BNI
 * account or an e-wallet phone), the participant's NIK, full name and registered phone, each bound
 * to its column and link. The bean lets the re-encryption job ({@code /admin/crypto/field-keys})
 * re-seal them under a new field key. Operators read {@code account_masked} and never open these.
 */
@Configuration(proxyBeanMethods = false)
public class SealedAccountLinks {

    public static final String ACCOUNT_NUMBER = "account_number_sealed";
    public static final String NIK = "nik_sealed";
    public static final String FULL_NAME = "full_name_sealed";
    public static final String REGISTERED_PHONE = "registered_phone_sealed";

    public static final SealedTable ACCOUNT_LINK = new SealedTable("account_link", List.of(key("link_id", "uuid")),
            List.of(text(ACCOUNT_NUMBER), text(NIK), text(FULL_NAME), text(REGISTERED_PHONE)));

    /** The context of a sealed column of one link; {@code nik_sealed} keeps the context it always had. */
    public static SealContext atRest(String column, UUID linkId) {
        return ACCOUNT_LINK.context(column, linkId);
    }

    /** What operators see of an account number or phone: its last four digits ({@code ******7890}). */
    public static String maskAccount(String account) {
        if (account == null) {
            return null;
        }
        return account.length() <= 4 ? "****" : "*".repeat(account.length() - 4) + account.substring(account.length() - 4);
    }

    @Bean
    SealedTable accountLinkSealedColumns() {
        return ACCOUNT_LINK;
    }

    /** Seals the rows written before these columns were sealed (V7), between V6 and V8. */
    @Bean
    AccountLinkSealing accountLinkSealing(PersonalDataCrypto crypto) {
        return new AccountLinkSealing(crypto);
    }
}
