package id.go.prakerja.payment.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import id.go.prakerja.events.incentive.PayoutPartner;
import id.go.prakerja.events.payment.AccountRejectionReason;
import id.go.prakerja.payment.partner.AccountLookup;

class AccountDecisionTest {

    private static final String NIK = "3174050101900001";

    private static AccountLookup wallet(String name, String phone, Boolean nikMatch, String maskedNik, boolean kyc, boolean active) {
        return new AccountLookup(true, name, phone, nikMatch, maskedNik, kyc, active, "2003700");
    }

    @Test
    void the_first_thing_to_fix_is_named() {
        assertThat(AccountDecision.decide(PayoutPartner.OVO, AccountLookup.notFound("4043711"), NIK, "Budi", "0812", 80)
                .reason()).contains(AccountRejectionReason.NOT_FOUND);
        assertThat(AccountDecision.decide(PayoutPartner.OVO, wallet("Budi", "081234567890", null, null, false, false), NIK,
                "Budi", "081234567890", 80).reason()).contains(AccountRejectionReason.INACTIVE);
        assertThat(AccountDecision.decide(PayoutPartner.OVO, wallet("Budi", "081234567890", null, null, false, true), NIK,
                "Budi", "081234567890", 80).reason()).contains(AccountRejectionReason.NOT_KYC);
        assertThat(AccountDecision.decide(PayoutPartner.OVO, wallet("Budi", "081234567890", false, null, true, true), NIK,
                "Budi", "081234567890", 80).reason()).contains(AccountRejectionReason.NIK_MISMATCH);
        var phone = AccountDecision.decide(PayoutPartner.OVO, wallet("Budi", "081299998888", true, null, true, true), NIK,
                "Budi", "+6281234567890", 80);
        assertThat(phone.reason()).contains(AccountRejectionReason.PHONE_MISMATCH);
        assertThat(phone.holderMasked()).isEqualTo("0812****8888");
        var name = AccountDecision.decide(PayoutPartner.OVO, wallet("Siti", "081234567890", true, null, true, true), NIK,
                "Budi", "+6281234567890", 80);
        assertThat(name.reason()).contains(AccountRejectionReason.NAME_MISMATCH);
        assertThat(name.holderMasked()).isEqualTo("S**I");
        assertThat(AccountDecision.decide(PayoutPartner.OVO, wallet("BUDI", "081234567890", true, null, true, true), NIK,
                "Budi", "+6281234567890", 80).accepted()).isTrue();
    }

    @Test
    void without_the_partners_own_answer_the_visible_digits_of_its_masked_nik_must_agree() {
        AccountLookup shown = new AccountLookup(true, "Budi", null, null, "3174********0001", true, true, "2001500");
        AccountLookup other = new AccountLookup(true, "Budi", null, null, "3175********0001", true, true, "2001500");
        AccountLookup none = new AccountLookup(true, "Budi", null, null, null, true, true, "2001500");
        assertThat(AccountDecision.decide(PayoutPartner.BNI, shown, NIK, "Budi", "x", 80).accepted()).isTrue();
        assertThat(AccountDecision.decide(PayoutPartner.BNI, other, NIK, "Budi", "x", 80).reason())
                .contains(AccountRejectionReason.NIK_MISMATCH);
        assertThat(AccountDecision.decide(PayoutPartner.BNI, none, NIK, "Budi", "x", 80).reason())
                .contains(AccountRejectionReason.NIK_MISMATCH);
    }
}
