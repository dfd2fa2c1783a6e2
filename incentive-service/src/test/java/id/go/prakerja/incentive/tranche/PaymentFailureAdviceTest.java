package id.go.prakerja.incentive.tranche;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * What a participant is told about a failed payment, for each reason the payment gateway sends in
 * {@code DisbursementFailed}: an account reason asks for an account change (the tranche is then
 * requested again under the same instruction id), anything else is for an operator.
 */
class PaymentFailureAdviceTest {

    /** The reasons the gateway announces with {@code retryableAfterAccountChange=true}. */
    static final String[] ACCOUNT_REASONS = {"ACCOUNT_CLOSED", "ACCOUNT_BLOCKED", "ACCOUNT_NOT_FOUND", "NAME_MISMATCH",
        "LIMIT_EXCEEDED"};
    static final Locale INDONESIAN = Locale.forLanguageTag("id");

    final TrancheOutcomes outcomes = new TrancheOutcomes(null, null, messages());

    static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("messages", "platform-messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    @Test
    void every_account_reason_has_its_own_advice_to_link_an_account_in_both_languages() {
        for (String reason : ACCOUNT_REASONS) {
            String english = outcomes.todo(reason, true, Locale.ENGLISH);
            String indonesian = outcomes.todo(reason, true, INDONESIAN);
            assertThat(english).as(reason).isNotEqualTo(reason).containsIgnoringCase("link")
                    .contains("the payment is made again once it is verified")
                    .isNotEqualTo(outcomes.todo("SOMETHING_NEW", true, Locale.ENGLISH));
            assertThat(indonesian).as(reason).isNotEqualTo(reason).containsIgnoringCase("tautkan")
                    .contains("pembayaran diulang setelah akun terverifikasi").isNotEqualTo(english);
        }
    }

    @Test
    void an_account_reason_not_known_yet_still_asks_for_an_account_change_and_any_other_failure_for_patience() {
        assertThat(outcomes.todo("ACCOUNT_DORMANT", true, Locale.ENGLISH)).contains("link another")
                .contains("made again automatically");
        assertThat(outcomes.todo("ACCOUNT_DORMANT", true, INDONESIAN)).contains("tautkan akun lain");
        for (String reason : new String[] {"PARTNER_REJECTED", "ACCOUNT_CLOSED"}) {
            // a failure the gateway does not announce as curable by an account change is never re-requested
            // by a new account, so the participant is not asked for one
            assertThat(outcomes.todo(reason, false, Locale.ENGLISH)).as(reason)
                    .contains("you do not need to do anything").doesNotContainIgnoringCase("link");
            assertThat(outcomes.todo(reason, false, INDONESIAN)).as(reason)
                    .contains("tidak perlu melakukan apa pun").doesNotContainIgnoringCase("tautkan");
        }
    }
}
